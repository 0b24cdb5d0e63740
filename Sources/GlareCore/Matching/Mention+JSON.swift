extension Mention {
    /// A document's evidence for one person as the store keeps it: the mentions as a JSON array, keys
    /// sorted, `context` left out when there is none (what `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes, without its cost: a fetch writes one for every mention it finds).
    public static func json(_ mentions: [Mention]) -> String {
        var out = JSONText()
        out.raw("[")
        for (n, m) in mentions.enumerated() {
            out.raw(n == 0 ? "{\"alias\":" : ",{\"alias\":")
            out.string(m.alias)
            if let context = m.context {
                out.raw(",\"context\":")
                out.string(context)
            }
            out.raw(",\"end\":")
            out.integer(m.end)
            out.raw(",\"field\":")
            out.string(m.field)
            out.raw(",\"matched\":")
            out.string(m.matched)
            out.raw(",\"rule\":")
            out.string(m.rule.rawValue)
            out.raw(",\"start\":")
            out.integer(m.start)
            out.raw("}")
        }
        out.raw("]")
        return out.string
    }
}
