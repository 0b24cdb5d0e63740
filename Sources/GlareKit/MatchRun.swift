public import Foundation
public import GlareCore
public import GlareParsers

/// `glare match`: documents in as JSON Lines (`{"id", "text", "title"}`), people out as JSON Lines
/// (`{"id", "people": [{"person", "mentions", "evidence"}]}`). A line that cannot be read is reported
/// with its file and line and skipped; the rest still go through.
///
/// Lines are read in place (`LineReader`), parsed from their bytes (`DocumentLine`) and folded from
/// them; results are written by `MatchOutputLine`.
public struct MatchRun {
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
    public func run(_ handle: FileHandle, source: String, summary: inout Summary, write: ([UInt8]) -> Void) {
        var reader = LineReader(handle: handle)
        var output: [UInt8] = []
        while let read = reader.withNextLine({ line -> Result<DocumentLine, DocumentLine.Problem>? in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
            return Result { () throws(DocumentLine.Problem) in try DocumentLine.read(line) }
        }) {
            let input: DocumentLine
            switch read {
            case nil:
                continue
            case .failure(.notUTF8):
                summary.errors.append(ParseError(source: source, line: reader.lineNumber, reason: "not UTF-8 text; the line was skipped"))
                continue
            case .failure(let problem):
                summary.errors.append(
                    ParseError(
                        source: source, line: reader.lineNumber,
                        reason: "not a document: expected a JSON object with \"id\" and \"text\" (\(problem.reason)); the line was skipped"))
                continue
            case .success(let line):
                input = line
            }
            let result = matcher.match(PreparedDocument(utf8Text: input.text ?? [], title: input.title))
            summary.documents += 1
            summary.bytes += (input.text?.count ?? 0) + (input.title?.count ?? 0)
            if !result.people.isEmpty { summary.matched += 1 }
            output.removeAll(keepingCapacity: true)
            MatchOutputLine.write(id: input.id, people: result.people, into: &output)
            write(output)
        }
    }
}
