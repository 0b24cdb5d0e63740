import Crypto
public import Foundation
public import GlareCore
public import GlareFetch
import GlareParsers
import GlareStore
import Logging

/// `glare fetch gkg --from --to`: reads GDELT's master file list, downloads each GKG file of the range
/// not yet processed, checks its size and MD5, and processes it. Slots the list does not name are
/// recorded as absent (GDELT published nothing); a file that cannot be fetched after retries is
/// recorded as failed, so its day is incomplete (missing, never zero) until a later run gets it.
public struct GKGFetcher: Sendable {
    /// What to fetch and from where.
    public struct Options: Sendable {
        public var from: Day
        public var to: Day
        /// The translingual stream (`masterfilelist-translation.txt`) instead of the English one.
        public var translingual = false
        /// Where the master lists and files are (a mirror, or a test server).
        public var baseURL = "http://data.gdeltproject.org/gdeltv2/"
        /// Downloads of one file, when the bytes do not match the list's size or MD5.
        public var attempts = 3
        public var retryDelay: TimeInterval = 2
        public init(from: Day, to: Day) {
            self.from = from
            self.to = to
        }
    }

    public let pipeline: GKGPipeline
    public let client: HTTPClient
    public let options: Options

    public init(pipeline: GKGPipeline, client: HTTPClient, options: Options) {
        self.pipeline = pipeline
        self.client = client
        self.options = options
    }

    var base: String { options.baseURL.hasSuffix("/") ? options.baseURL : options.baseURL + "/" }

    /// Fetches the range. Throws when the master list cannot be had (the source is unavailable), or when
    /// a file's results cannot be stored (an I/O failure: the run stops and that slot is left to retry).
    public func run() throws -> GKGPipeline.Summary {
        let listName = options.translingual ? "masterfilelist-translation.txt" : "masterfilelist.txt"
        let listClient = HTTPClient(
            configuration: {
                var c = client.configuration; c.maxBodyBytes = 2 << 30; return c
            }(),
            logger: pipeline.logger)
        let response = try listClient.get(base + listName)
        // A damaged byte spoils its line, not the list: such lines come out with U+FFFD and are skipped as bad.
        let text = String(decoding: response.body, as: UTF8.self)
        let list = GDELTMasterList(text: text, translingual: options.translingual)
        if !list.badLines.isEmpty {
            pipeline.logger.notice(
                "master list lines skipped", metadata: ["count": "\(list.badLines.count)", "first": "line \(list.badLines[0].line): \(list.badLines[0].text)"])
        }
        let stream = GKGFileProcessor.stream(translingual: options.translingual)
        let slots = GKGSlot.slots(from: options.from, to: options.to)
        let absent = slots.filter { list.files[$0] == nil }
        try pipeline.database.write { try $0.recordGKGAbsent(stream: stream, slots: absent) }
        let done = Set(try pipeline.database.read { try $0.gkgFiles(stream: stream) }.filter { $0.status == .done }.map(\.slot))
        var reports = absent.map {
            GKGPipeline.FileReport(name: $0.fileName(translingual: options.translingual), stream: stream, slot: $0.stamp, outcome: .absent)
        }
        var todo: [GDELTMasterList.File] = []
        for slot in slots {
            guard let file = list.files[slot] else { continue }
            if done.contains(slot.stamp) {
                reports.append(.init(name: file.name, stream: stream, slot: slot.stamp, outcome: .skipped))
            } else {
                todo.append(file)
            }
        }
        let translingual = options.translingual
        reports += pipeline.run(todo) { file in
            do {
                let data = try download(file)
                return pipeline.processAndStore(
                    .data(data), name: file.name, slot: file.slot, translingual: translingual,
                    byteCount: file.size, md5: file.md5, raw: data)
            } catch {
                try? pipeline.database.write { try $0.recordGKGFailure(stream: stream, slot: file.slot, name: file.name, reason: "\(error)") }
                return .init(name: file.name, stream: stream, slot: file.slot.stamp, outcome: .failed, error: "\(error)")
            }
        }
        let summary = GKGPipeline.Summary(
            files: reports.sorted { $0.slot < $1.slot },
            incompleteDays: try pipeline.finish(streams: [stream], range: options.from...options.to))
        try pipeline.throwIOFailure()
        return summary
    }

    /// Downloads a file and checks it against the list, retrying a mismatch with backoff.
    func download(_ file: GDELTMasterList.File) throws -> Data {
        let url = base + file.name
        var attempt = 0
        while true {
            attempt += 1
            let body = try client.get(url).body
            let problem: String?
            if body.count != file.size {
                problem = "size \(body.count) bytes, the master list says \(file.size) (truncated or changed)"
            } else if Insecure.MD5.hash(data: body).hex != file.md5 {
                problem = "MD5 \(Insecure.MD5.hash(data: body).hex), the master list says \(file.md5)"
            } else {
                problem = nil
            }
            guard let problem else { return body }
            guard attempt < options.attempts else { throw FetchError.badResponse(problem, url: url) }
            pipeline.logger.info("retrying", metadata: ["url": "\(url)", "problem": "\(problem)"])
            Thread.sleep(forTimeInterval: options.retryDelay * pow(2, Double(attempt - 1)) * Double.random(in: 0.5...1))
        }
    }
}
