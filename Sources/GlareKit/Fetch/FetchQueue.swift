import Foundation

/// Hands fetched sources from the thread that fetches them, one after another, to the thread that
/// stores them, in order; holds at most `capacity`. Either side may stop it.
final class FetchQueue<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var finished = false
    private var stopped = false
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds an item, waiting while the queue is full; false once the queue is stopped (the item is dropped).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        items.append(item)
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

    /// The next item, waiting for it; nil when the queue is finished and empty, or stopped.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !stopped { condition.wait() }
        guard !stopped, !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Stops both sides: `put` refuses, `take` returns nil.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }

    /// Whether no item waits to be taken.
    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return items.isEmpty
    }

    /// Whether the queue was stopped.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
