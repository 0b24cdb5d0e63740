extension Mention {
    /// Appends a document's evidence for one person as the store keeps it and `glare match` prints it: the
    /// mentions as a JSON array, keys sorted, `context` left out when there is none (see `JSONText`).
    public static func writeJSON(_ mentions: [Mention], into out: inout [UInt8]) {
        out.append(0x5B)
        for (n, m) in mentions.enumerated() {
            out += (n == 0 ? #"{"alias":"# : #",{"alias":"#).utf8
            JSONText.string(m.alias, into: &out)
            if let context = m.context {
                out += #","context":"#.utf8
                JSONText.string(context, into: &out)
            }
            out += #","end":"#.utf8
            JSONText.integer(m.end, into: &out)
            out += #","field":"#.utf8
            JSONText.string(m.field, into: &out)
            out += #","matched":"#.utf8
            JSONText.string(m.matched, into: &out)
            out += #","rule":"#.utf8
            JSONText.string(m.rule.rawValue, into: &out)
            out += #","start":"#.utf8
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
