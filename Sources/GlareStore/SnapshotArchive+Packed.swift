public import Foundation

extension SnapshotArchive {
    /// A snapshot hashed and compressed, ready to store: the CPU work of `storeAll`, which another
    /// thread may do first.
    public struct Packed: Sendable {
        public let snapshot: Snapshot
        let compressed: Data

        public init(_ data: Data) throws {
            snapshot = Snapshot(of: data)
            do {
                compressed = try Gzip.compress(data, level: 1)
            } catch {
                throw StoreError.io(path: "snapshot \(snapshot.sha256)", reason: "cannot compress (\(error))")
            }
        }
    }
}
