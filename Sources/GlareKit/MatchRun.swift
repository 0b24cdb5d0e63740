public import Foundation
public import GlareCore
public import GlareParsers

/// `glare match`: documents in as JSON Lines (`{"id", "text", "title"}`), people out as JSON Lines
/// (`{"id", "people": [{"person", "mentions", "evidence"}]}`). A line that cannot be read is reported
/// with its file and line and skipped; the rest still go through.
public struct MatchRun {
    struct Input: Decodable {
        let id: String
        let text: String?
        let title: String?

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let s = try? c.decode(String.self, forKey: .id) { id = s } else { id = String(try c.decode(Int.self, forKey: .id)) }
            text = try c.decodeIfPresent(String.self, forKey: .text)
            title = try c.decodeIfPresent(String.self, forKey: .title)
        }

        enum CodingKeys: String, CodingKey { case id, text, title }
    }

    struct Output: Encodable {
        let id: String
        let people: [DocumentMatch.Person]
    }

    /// What happened.
    public struct Summary: Sendable {
        public var documents = 0
        public var matched = 0
        public var bytes = 0
        public var errors: [ParseError] = []
        public init() {}
    }

    public let matcher: PersonMatcher

    public init(matcher: PersonMatcher) { self.matcher = matcher }

    /// Matches every document from `handle` (named `source` in errors) and writes results with `write`.
    public func run(_ handle: FileHandle, source: String, summary: inout Summary, write: (Data) -> Void) {
        var reader = LineReader(handle: handle)
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        while let line = reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard String(data: line, encoding: .utf8) != nil else {
                summary.errors.append(ParseError(source: source, line: reader.lineNumber, reason: "not UTF-8 text; the line was skipped"))
                continue
            }
            let input: Input
            do {
                input = try decoder.decode(Input.self, from: line)
            } catch {
                summary.errors.append(
                    ParseError(
                        source: source, line: reader.lineNumber,
                        reason: "not a document: expected a JSON object with \"id\" and \"text\" (\(Self.reason(error))); the line was skipped"))
                continue
            }
            let result = matcher.match(text: input.text ?? "", title: input.title)
            summary.documents += 1
            summary.bytes += (input.text?.utf8.count ?? 0) + (input.title?.utf8.count ?? 0)
            if !result.people.isEmpty { summary.matched += 1 }
            if var data = try? encoder.encode(Output(id: input.id, people: result.people)) {
                data.append(0x0A)
                write(data)
            }
        }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: return "invalid JSON"
        default: return "\(error)"
        }
    }
}
