import Foundation

/// Which source a fetching thread takes next: the first one not yet started whose lane has room. A
/// feed's lane is its host, which takes up to `perHost` requests at once; a news or count API's lane
/// is its kind, one request at a time, so that its requests keep the pace its terms set.
///
/// A source in flight always comes before every source of its lane not yet started, so the first
/// source not yet handed on is always in flight or startable: threads that wait for their turn to
/// hand a source on never wait for one that nobody fetches.
///
/// Waiting on the network overlaps freely, but the work on what came back (parsing aside: sketches,
/// matching, hashing) takes turns on `workers` places, the first source in order first: the storing
/// side takes sources in order, so the one it waits for must not queue behind those it does not.
/// While the storing side waits for the next source (`storingWaits`), the core it leaves is a place
/// too (`workersWhileStoringWaits`): at the start of a run it has nothing to store until the first
/// sources are worked on, and one place would keep a core idle then. (`FetchQueue.take` says so
/// holding the queue's lock: nothing here calls into the queue.)
final class FetchLanes: @unchecked Sendable {
    private let condition = NSCondition()
    private let lanes: [(key: String, width: Int)]
    private var started: [Bool]
    /// Every source before it has started.
    private var firstWaiting = 0
    private var busy: [String: Int] = [:]
    private var stopped = false
    private let workers: Int
    private let workersWhileStoringWaits: Int
    private var storingWaits = false
    private var working = 0
    private var waitingToWork = Set<Int>()

    init(_ sources: [SourceDefinition], perHost: Int, workers: Int, workersWhileStoringWaits: Int? = nil) {
        lanes = sources.map { Self.lane(of: $0, perHost: perHost) }
        started = Array(repeating: false, count: sources.count)
        self.workers = max(1, workers)
        self.workersWhileStoringWaits = max(self.workers, workersWhileStoringWaits ?? self.workers)
    }

    /// Places to work on responses for a machine with `cores`: one core is left to the storing side
    /// (the run's critical path once the store is large), which lends it while it waits.
    convenience init(_ sources: [SourceDefinition], perHost: Int, cores: Int) {
        self.init(sources, perHost: perHost, workers: cores - 1, workersWhileStoringWaits: cores)
    }

    /// A source's lane and how many of its requests may run at once.
    static func lane(of source: SourceDefinition, perHost: Int) -> (key: String, width: Int) {
        source.kind.isFeed
            ? ("host:" + (URL(string: source.url)?.host?.lowercased() ?? source.url), max(1, perHost)) : ("api:" + source.kind.rawValue, 1)
    }

    /// The next source to fetch, waiting while every one not yet started has its lane full; nil once
    /// all have started, or after `stop`.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            while firstWaiting < started.count && started[firstWaiting] { firstWaiting += 1 }
            guard firstWaiting < started.count else { return nil }
            if let i = (firstWaiting..<started.count).first(where: { !started[$0] && busy[lanes[$0].key, default: 0] < lanes[$0].width }) {
                started[i] = true
                busy[lanes[i].key, default: 0] += 1
                return i
            }
            condition.wait()
        }
        return nil
    }

    /// Frees the lane place of a source whose fetch is over.
    func done(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        busy[lanes[index].key, default: 1] -= 1
        condition.broadcast()
    }

    /// Waits for a place to work on source `index`'s response: one is free and no source before it waits.
    private func beginWork(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        waitingToWork.insert(index)
        while working >= (storingWaits ? workersWhileStoringWaits : workers) || waitingToWork.min() != index { condition.wait() }
        waitingToWork.remove(index)
        working += 1
    }

    /// Runs `body` on a place to work on source `index`'s response (`beginWork`, then `endWork`).
    func work<T>(_ index: Int, _ body: () throws -> T) rethrows -> T {
        beginWork(index)
        defer { endWork() }
        return try body()
    }

    /// Gives back the place `beginWork` took.
    private func endWork() {
        condition.lock()
        defer { condition.unlock() }
        working -= 1
        condition.broadcast()
    }

    /// Says whether the storing side waits for the next source (it then lends its core; a source already
    /// being worked on when it stops waiting is finished).
    func storing(waits: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard storingWaits != waits else { return }
        storingWaits = waits
        if waits { condition.broadcast() }
    }

    /// No source starts after this.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }
}
