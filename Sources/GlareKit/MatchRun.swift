public import Foundation
public import GlareCore
public import GlareParsers

/// `glare match`: documents in as JSON Lines (`{"id", "text", "title"}`), people out as JSON Lines
/// (`{"id", "people": [{"person", "mentions", "evidence"}]}`), in input order. A line that cannot be
/// read is reported with its file and line and skipped; the rest still go through.
///
/// Lines are read in batches of about `batchBytes` (`BatchReader`); a batch's lines are parsed from
/// their bytes (`DocumentLine`), folded and matched on one thread, and their results (`MatchOutputLine`)
/// written in input order. With more than one job, batches are dealt in turn to `jobs` serial queues, so
/// `jobs` are matched at once, while this thread reads ahead (up to `2 × jobs` batches in flight) and
/// writes the oldest batch's results once it is matched: no thread waits for another's share of a batch.
public struct MatchRun: Sendable {
    /// What happened.
    public struct Summary: Sendable {
        public var documents = 0
        public var matched = 0
        public var bytes = 0
        public var errors: [ParseError] = []
        public init() {}
    }

    public let matcher: PersonMatcher
    /// Threads matching at once.
    public let jobs: Int
    /// About how many bytes of input a batch holds.
    public let batchBytes: Int

    public init(matcher: PersonMatcher, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, batchBytes: Int = 1 << 20) {
        self.matcher = matcher
        self.jobs = max(1, jobs)
        self.batchBytes = max(1, batchBytes)
    }

    /// Lines read and not yet matched: the bytes read, where each non-blank line starts and ends in
    /// them (without its line break), and its line number.
    struct Batch: Sendable {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        var lineNumbers: [Int] = []
    }

    /// A batch, matched.
    struct MatchedBatch: Sendable {
        var output: [UInt8] = []
        var errors: [ParseError] = []
        var documents = 0
        var matched = 0
        var bytes = 0
    }

    /// Matches every document from `handle` (named `source` in errors) and writes results with `write`.
    /// With more than one job, batches are matched on other threads while this one reads and writes.
    public func run(_ handle: FileHandle, source: String, summary: inout Summary, write: ([UInt8]) -> Void) {
        var reader = BatchReader(handle: handle)
        func record(_ done: MatchedBatch) {
            summary.documents += done.documents
            summary.matched += done.matched
            summary.bytes += done.bytes
            summary.errors += done.errors
            if !done.output.isEmpty { write(done.output) }
        }
        // Batches matched or being matched, oldest first; each one's result is written in turn.
        var inFlight: [(group: DispatchGroup, result: MatchedBatchBox)] = []
        // `jobs` serial queues, batches dealt to them in turn: at most `jobs` batches matched at once,
        // however wide the system's thread pool, none waiting behind a newer one, no thread blocked.
        let queues = (0..<jobs).map { DispatchQueue(label: "glare.match.\($0)") }
        var dealt = 0
        while let batch = reader.next(batchBytes: batchBytes) {
            guard jobs > 1 else {
                record(match(batch, source: source))
                continue
            }
            if inFlight.count >= 2 * jobs {
                let (group, result) = inFlight.removeFirst()
                group.wait()
                record(result.value)
            }
            let group = DispatchGroup()
            let result = MatchedBatchBox()
            queues[dealt % jobs].async(group: group) { result.value = match(batch, source: source) }
            dealt += 1
            inFlight.append((group, result))
        }
        for (group, result) in inFlight {
            group.wait()
            record(result.value)
        }
        if let failure = reader.failure {
            summary.errors.append(ParseError(source: source, line: reader.lineNumber + 1, reason: "could not be read (\(failure)); reading stopped here"))
        }
    }

    /// The batch's lines, matched on this thread.
    func match(_ batch: Batch, source: String) -> MatchedBatch {
        var matched = MatchedBatch()
        var cache = TextFolder.FormCache()  // scalars' folded forms, kept from one line to the next
        batch.bytes.withUnsafeBufferPointer { all in
            for k in batch.ends.indices {
                let line = UnsafeBufferPointer(rebasing: all[batch.starts[k]..<batch.ends[k]])
                let input: DocumentLine
                do throws(DocumentLine.Problem) {
                    input = try DocumentLine.read(line)
                } catch .notUTF8 {
                    matched.errors.append(ParseError(source: source, line: batch.lineNumbers[k], reason: "not UTF-8 text; the line was skipped"))
                    continue
                } catch {
                    matched.errors.append(
                        ParseError(
                            source: source, line: batch.lineNumbers[k],
                            reason: "not a document: expected a JSON object with \"id\" and \"text\" (\(error.reason)); the line was skipped"))
                    continue
                }
                let result = matcher.match(PreparedDocument(utf8Text: input.text ?? [], title: input.title, cache: &cache))
                matched.documents += 1
                matched.bytes += (input.text?.count ?? 0) + (input.title?.count ?? 0)
                if !result.people.isEmpty { matched.matched += 1 }
                MatchOutputLine.write(id: input.id, people: result.people, into: &matched.output)
            }
        }
        return matched
    }

    /// A batch's result, filled in by the thread that matched it (read once its group is done).
    final class MatchedBatchBox: @unchecked Sendable {
        private let lock = NSLock()
        private var batch = MatchedBatch()

        var value: MatchedBatch {
            get {
                lock.lock()
                defer { lock.unlock() }
                return batch
            }
            set {
                lock.lock()
                batch = newValue
                lock.unlock()
            }
        }
    }
}
