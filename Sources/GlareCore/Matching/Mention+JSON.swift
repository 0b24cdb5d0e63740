extension Mention {
    /// Appends a document's evidence for one person as the store keeps it and `glare match` prints it: the
    /// mentions as a JSON array, keys sorted, `context` left out when there is none (see `JSONText`).
    public static func writeJSON(_ mentions: [Mention], into out: inout [UInt8]) {
        out.append(0x5B)
        for (n, m) in mentions.enumerated() {
            JSONText.literal(n == 0 ? #"{"alias":"# : #",{"alias":"#, into: &out)
            JSONText.string(m.alias, into: &out)
            if let context = m.context {
                JSONText.literal(#","context":"#, into: &out)
                JSONText.string(context, into: &out)
            }
            JSONText.literal(#","end":"#, into: &out)
            JSONText.integer(m.end, into: &out)
            JSONText.literal(#","field":"#, into: &out)
            JSONText.string(m.field, into: &out)
            JSONText.literal(#","matched":"#, into: &out)
            JSONText.string(m.matched, into: &out)
            JSONText.literal(#","rule":"#, into: &out)
            JSONText.string(m.rule.rawValue, into: &out)
            JSONText.literal(#","start":"#, into: &out)
            JSONText.integer(m.start, into: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
    }

    /// `writeJSON` as text (a fetch stores one for every person a document mentions).
    public static func json(_ mentions: [Mention]) -> String {
        var out: [UInt8] = []
        writeJSON(mentions, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
