public import GlareCore

/// `glare match`'s output line, `{"id":…,"people":[{"evidence":[…],"mentions":…,"person":…}]}` and a
/// line break, written straight into bytes (`JSONText`): byte for byte what `JSONEncoder` writes with sorted keys
/// and unescaped slashes (`MatchOutputTests` holds it to that), without its boxing of every value.
public enum MatchOutputLine {
    /// Appends the line for document `id` and its people to `out`.
    public static func write(id: String, people: [DocumentMatch.Person], into out: inout [UInt8]) {
        out += #"{"id":"#.utf8
        JSONText.string(id, into: &out)
        out += #","people":["#.utf8
        for (p, person) in people.enumerated() {
            if p > 0 { out.append(0x2C) }
            out += #"{"evidence":"#.utf8
            Mention.writeJSON(person.evidence, into: &out)
            out += #","mentions":"#.utf8
            JSONText.integer(person.mentions, into: &out)
            out += #","person":"#.utf8
            JSONText.string(person.person, into: &out)
            out.append(0x7D)
        }
        out += "]}\n".utf8
    }
}
