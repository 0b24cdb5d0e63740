import Foundation

/// Hands fetched sources from the threads that fetch them to the thread that stores them, in the
/// sources' order whatever order they were fetched in; holds items up to `capacity` places ahead of
/// the next one taken. Either side may stop it.
final class FetchQueue<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Int: Item] = [:]
    /// The place of the next item `take` returns.
    private var next = 0
    private var finished = false
    private var stopped = false
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds the item of place `index` (0, 1, 2…, each once), waiting while it is `capacity` or more
    /// places ahead of the next one taken; false once the queue is stopped (the item is dropped).
    func put(_ item: Item, at index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while index >= next + capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        items[index] = item
        condition.broadcast()
        return true
    }

    /// Says that no item will follow.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// The next item in order, waiting for it; nil when the queue is finished without it, or stopped.
    /// `waiting` is told true before the taker waits and false once it no longer does (it is called
    /// with the queue's lock held: it must not call back into the queue).
    func take(waiting: (Bool) -> Void) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        if items[next] == nil && !finished && !stopped {
            waiting(true)
            defer { waiting(false) }
            while items[next] == nil && !finished && !stopped { condition.wait() }
        }
        guard !stopped, let item = items.removeValue(forKey: next) else { return nil }
        next += 1
        condition.broadcast()
        return item
    }

    /// Stops both sides: `put` refuses, `take` returns nil.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }

    /// Whether the next item in order has yet to arrive.
    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return items[next] == nil
    }

    /// Whether the queue was stopped.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
