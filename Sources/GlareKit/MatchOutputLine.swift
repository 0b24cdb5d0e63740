public import GlareCore

/// `glare match`'s output line, `{"id":…,"people":[{"evidence":[…],"mentions":…,"person":…}]}` and a
/// line break, written straight into bytes (`JSONText`): byte for byte what `JSONEncoder` writes with sorted keys
/// and unescaped slashes (`MatchOutputTests` holds it to that), without its boxing of every value.
public enum MatchOutputLine {
    /// Appends the line for document `id` and its people to `out`.
    public static func write(id: String, people: [DocumentMatch.Person], into out: inout [UInt8]) {
        JSONText.literal(#"{"id":"#, into: &out)
        JSONText.string(id, into: &out)
        JSONText.literal(#","people":["#, into: &out)
        for (p, person) in people.enumerated() {
            if p > 0 { out.append(0x2C) }
            JSONText.literal(#"{"evidence":"#, into: &out)
            Mention.writeJSON(person.evidence, into: &out)
            JSONText.literal(#","mentions":"#, into: &out)
            JSONText.integer(person.mentions, into: &out)
            JSONText.literal(#","person":"#, into: &out)
            JSONText.string(person.person, into: &out)
            out.append(0x7D)
        }
        JSONText.literal("]}\n", into: &out)
    }
}
