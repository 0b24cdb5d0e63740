/// A bound on how deeply YAML text nests, checked on the raw text before a YAML parser sees it: the
/// parser builds its node tree recursively, so `[[[[…]]]]` a hundred thousand levels deep would
/// overflow the stack instead of failing with a message. Rosters and source files nest four or five
/// levels; anything past `limit` is refused with the line where it went too deep.
///
/// The depth of a line is its flow depth (open `[`/`{` not yet closed, outside quotes and comments,
/// carried across lines) plus its block depth (half its indentation, plus each `- `, `? ` or `: `
/// indicator that opens a compact nested collection on the line). It over-counts a little (a
/// bracket inside a plain scalar), never under-counts.
public enum YAMLNesting {
    /// The deepest nesting accepted.
    public static let limit = 64

    /// The first line (1-based) whose nesting exceeds `limit`, or nil when none does.
    public static func firstLineTooDeep(_ text: String, limit: Int = limit) -> Int? {
        var flow = 0
        var quote: UInt8?  // the open quote of a scalar spanning lines
        var lineNumber = 0
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var i = line.startIndex
            var indent = 0
            if quote == nil {
                while i < line.endIndex, line[i] == 0x20 {
                    indent += 1
                    i = line.index(after: i)
                }
            }
            var block = indent / 2
            var previous: UInt8 = 0x20
            // Whether a scalar may start here: at the line's start, after `[`, `{` or `,`, after an indicator (`- `,
            // `? `, `: `, or `:` in a flow collection), white space aside. A quote elsewhere is a character of a
            // plain scalar (`a "b`), as YAML reads it: taken for an opening quote it would hide the brackets after it.
            var scalarMayStart = true
            var closedQuote = false  // whether the last character other than white space closed a quoted scalar
            while i < line.endIndex {
                let c = line[i]
                if let q = quote {
                    if c == 0x5C, q == 0x22 {  // a backslash escape inside double quotes
                        i = line.index(after: i)
                        if i < line.endIndex { i = line.index(after: i) }
                        previous = 0x41
                        continue
                    }
                    if c == 0x27, q == 0x27, line.index(after: i) < line.endIndex, line[line.index(after: i)] == 0x27 {  // `''` inside single quotes
                        i = line.index(i, offsetBy: 2)
                        continue
                    }
                    if c == q {
                        quote = nil
                        closedQuote = true
                        previous = c
                        i = line.index(after: i)
                        continue
                    }
                } else {
                    var startsScalar = false
                    switch c {
                    case 0x23 where previous == 0x20 || previous == 0x09:  // a comment
                        i = line.endIndex
                        continue
                    case 0x22, 0x27:  // a quote opens a scalar only where a scalar can start
                        if scalarMayStart { quote = c }
                    case 0x5B, 0x7B:
                        flow += 1
                        startsScalar = true
                    case 0x5D, 0x7D: flow = max(0, flow - 1)
                    case 0x2C: startsScalar = flow > 0
                    case 0x2D, 0x3F, 0x3A:  // `- `, `? `, `: ` open a nested collection
                        let next = line.index(after: i)
                        if next == line.endIndex || line[next] == 0x20 || line[next] == 0x09 {
                            block += 1
                            // `- ` and `? ` are indicators only where a scalar may start (`a - "b` is one plain scalar);
                            // `: ` ends a plain scalar wherever it is (or is an error the parser stops at).
                            startsScalar = c == 0x3A || scalarMayStart
                        } else if c == 0x3A && flow > 0 && closedQuote {
                            startsScalar = true  // `{"a":"b"}`: after a quoted key, a flow mapping's value may follow its colon directly
                        }
                    default: break
                    }
                    if c != 0x20 && c != 0x09 {
                        scalarMayStart = startsScalar
                        closedQuote = false
                    }
                }
                if flow + block > limit { return lineNumber }
                previous = c
                i = line.index(after: i)
            }
            if flow + block > limit { return lineNumber }
        }
        return nil
    }
}
