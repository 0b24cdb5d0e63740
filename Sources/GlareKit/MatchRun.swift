public import Foundation
public import GlareCore
public import GlareParsers

/// `glare match`: documents in as JSON Lines (`{"id", "text", "title"}`), people out as JSON Lines
/// (`{"id", "people": [{"person", "mentions", "evidence"}]}`), in input order. A line that cannot be
/// read is reported with its file and line and skipped; the rest still go through.
///
/// Lines are read in batches of about `batchBytes` (`BatchReader`); the lines of a batch are
/// parsed from their bytes (`DocumentLine`), folded and matched on `jobs` threads, each taking a
/// contiguous share, and their results (`MatchOutputLine`) written in input order; the next batch is
/// read meanwhile.
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

    public init(matcher: PersonMatcher, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, batchBytes: Int = 4 << 20) {
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

    /// One share of a batch, matched.
    struct Share: Sendable {
        var output: [UInt8] = []
        var errors: [ParseError] = []
        var documents = 0
        var matched = 0
        var bytes = 0
    }

    /// Matches every document from `handle` (named `source` in errors) and writes results with `write`.
    /// With more than one job, the next batch is read while the last one is matched.
    public func run(_ handle: FileHandle, source: String, summary: inout Summary, write: ([UInt8]) -> Void) {
        var reader = BatchReader(handle: handle)
        func record(_ shares: [Share]) {
            for share in shares {
                summary.documents += share.documents
                summary.matched += share.matched
                summary.bytes += share.bytes
                summary.errors += share.errors
                if !share.output.isEmpty { write(share.output) }
            }
        }
        var inFlight: (group: DispatchGroup, shares: SharesBox)?
        while let batch = reader.next(batchBytes: batchBytes) {
            guard jobs > 1 else {
                record(match(batch, source: source))
                continue
            }
            if let (group, shares) = inFlight {
                group.wait()
                record(shares.values)
            }
            let group = DispatchGroup()
            let shares = SharesBox(count: 0)
            DispatchQueue.global().async(group: group) { shares.values = match(batch, source: source) }
            inFlight = (group, shares)
        }
        if let (group, shares) = inFlight {
            group.wait()
            record(shares.values)
        }
        if let failure = reader.failure {
            summary.errors.append(ParseError(source: source, line: reader.lineNumber + 1, reason: "could not be read (\(failure)); reading stopped here"))
        }
    }

    /// The batch's lines matched in `jobs` contiguous shares, in order.
    func match(_ batch: Batch, source: String) -> [Share] {
        let count = batch.ends.count
        let workers = min(jobs, max(1, count / 16))
        guard workers > 1 else { return [match(batch, lines: 0..<count, source: source)] }
        let shares = SharesBox(count: workers)
        let bounds = (0...workers).map { $0 * count / workers }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            shares.set(w, match(batch, lines: bounds[w]..<bounds[w + 1], source: source))
        }
        return shares.values
    }

    /// Lines `lines` of the batch, matched on this thread.
    func match(_ batch: Batch, lines: Range<Int>, source: String) -> Share {
        var share = Share()
        var cache = TextFolder.FormCache()  // scalars' folded forms, kept from one line to the next
        batch.bytes.withUnsafeBufferPointer { all in
            for k in lines {
                let line = UnsafeBufferPointer(rebasing: all[batch.starts[k]..<batch.ends[k]])
                let input: DocumentLine
                do throws(DocumentLine.Problem) {
                    input = try DocumentLine.read(line)
                } catch .notUTF8 {
                    share.errors.append(ParseError(source: source, line: batch.lineNumbers[k], reason: "not UTF-8 text; the line was skipped"))
                    continue
                } catch {
                    share.errors.append(
                        ParseError(
                            source: source, line: batch.lineNumbers[k],
                            reason: "not a document: expected a JSON object with \"id\" and \"text\" (\(error.reason)); the line was skipped"))
                    continue
                }
                let result = matcher.match(PreparedDocument(utf8Text: input.text ?? [], title: input.title, cache: &cache))
                share.documents += 1
                share.bytes += (input.text?.count ?? 0) + (input.title?.count ?? 0)
                if !result.people.isEmpty { share.matched += 1 }
                MatchOutputLine.write(id: input.id, people: result.people, into: &share.output)
            }
        }
        return share
    }

    /// The shares of one batch, filled in by their threads.
    final class SharesBox: @unchecked Sendable {
        private let lock = NSLock()
        private var shares: [Share]

        init(count: Int) { shares = Array(repeating: Share(), count: count) }

        func set(_ index: Int, _ share: Share) {
            lock.lock()
            shares[index] = share
            lock.unlock()
        }

        var values: [Share] {
            get {
                lock.lock()
                defer { lock.unlock() }
                return shares
            }
            set {
                lock.lock()
                shares = newValue
                lock.unlock()
            }
        }
    }
}
