/// A bound on how deeply YAML text nests, checked on the raw text before a YAML parser sees it: the
/// parser builds its node tree recursively, so `[[[[…]]]]` a hundred thousand levels deep would
/// overflow the stack instead of failing with a message. Rosters and source files nest four or five
/// levels; anything past `limit` is refused with the line where it went too deep.
///
/// The depth of a line is its flow depth (open `[`/`{` not yet closed, outside quotes and comments,
/// carried across lines) plus its block depth (half its indentation, plus each `- `, `? ` or `: `
/// indicator that opens a compact nested collection on the line). A quote opens a quoted scalar only
/// where a scalar may start (a line's start, after `[`, `{`, `,` in a flow collection, an indicator,
/// an anchor or a tag); elsewhere it is a character of a plain scalar (`a "b`), and taken for an opening
/// quote it would hide the brackets after it. A quoted scalar hides brackets only on the line it opens:
/// on later lines, until it closes, they count (a block scalar's `"q` is no quote to YAML). It
/// over-counts a little (a bracket inside a plain scalar, 64 in a quoted scalar spanning lines).
public enum YAMLNesting {
    /// The deepest nesting accepted.
    public static let limit = 64

    /// The first line (1-based) whose nesting exceeds `limit`, or nil when none does.
    public static func firstLineTooDeep(_ text: String, limit: Int = limit) -> Int? {
        var flow = 0
        var quote: UInt8?  // the open quote of a scalar spanning lines
        var quoted = 0  // brackets counted inside a quoted scalar on the lines after the one it opened on
        var lineNumber = 0
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var i = line.startIndex
            var indent = 0
            let continuesQuote = quote != nil
            if quote == nil {
                while i < line.endIndex, line[i] == 0x20 {
                    indent += 1
                    i = line.index(after: i)
                }
                // A document marker (`---`, `...`) at the line's start: a scalar may follow it.
                if indent == 0, line.count >= 3, line.starts(with: "---".utf8) || line.starts(with: "...".utf8),
                    line.count == 3 || line[line.index(i, offsetBy: 3)] == 0x20
                {
                    i = line.index(i, offsetBy: 3)
                }
            }
            var block = indent / 2
            var previous: UInt8 = 0x20
            // Whether a scalar may start here (white space aside); whether the last character other than white
            // space closed a quoted scalar.
            var scalarMayStart = true
            var closedQuote = false
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
                        quoted = 0
                        closedQuote = true
                        previous = c
                        i = line.index(after: i)
                        continue
                    }
                    if continuesQuote {
                        if c == 0x5B || c == 0x7B { quoted += 1 } else if c == 0x5D || c == 0x7D { quoted = max(0, quoted - 1) }
                    }
                } else {
                    var startsScalar = false
                    switch c {
                    case 0x23 where previous == 0x20 || previous == 0x09:  // a comment
                        i = line.endIndex
                        continue
                    case 0x22, 0x27:  // a quote opens a scalar only where a scalar can start
                        if scalarMayStart { quote = c }
                    case 0x26 where scalarMayStart, 0x21 where scalarMayStart:  // an anchor (`&a`) or a tag (`!!str`): a scalar may follow it
                        while i < line.endIndex, line[i] != 0x20, line[i] != 0x09, flow == 0 || ![0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(line[i]) {
                            i = line.index(after: i)
                        }
                        previous = 0x41
                        continue
                    case 0x5B, 0x7B:
                        // A flow collection opens where a scalar may start or inside another; in a block plain scalar
                        // (`a[b`) it is a character (counted all the same), after which no quote opens a scalar.
                        startsScalar = scalarMayStart || flow > 0
                        flow += 1
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
                if flow + quoted + block > limit { return lineNumber }
                previous = c
                i = line.index(after: i)
            }
            if flow + quoted + block > limit { return lineNumber }
        }
        return nil
    }
}
