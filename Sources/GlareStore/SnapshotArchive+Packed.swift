public import Foundation

extension SnapshotArchive {
    /// A snapshot hashed and compressed, ready to store: the CPU work of `storeAll`, which another
    /// thread may do first.
    public struct Packed: Sendable {
        public let snapshot: Snapshot
        let compressed: Data

        public init(_ data: Data) throws {
            try self.init(data, snapshot: Snapshot(of: data))
        }

        /// `data` packed, its address already worked out.
        init(_ data: Data, snapshot: Snapshot) throws {
            self.snapshot = snapshot
            do {
                compressed = try Gzip.compress(data, level: 1)
            } catch {
                throw StoreError.io(path: "snapshot \(snapshot.sha256)", reason: "cannot compress (\(error))")
            }
        }
    }
}
