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

        /// A snapshot's bytes as stored (gzip, from a pack being rewritten), taken as they are.
        public init(stored compressed: Data, of snapshot: Snapshot) {
            self.snapshot = snapshot
            self.compressed = compressed
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
