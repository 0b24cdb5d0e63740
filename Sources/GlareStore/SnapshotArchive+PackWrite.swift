import Foundation

extension SnapshotArchive {
    /// A pack being written on a thread of its own (`SnapshotArchive.writePack`): where each snapshot lies
    /// is known at once, so the caller records them meanwhile, in a transaction it commits only once `wait`
    /// says the pack is on disk.
    public final class PackWrite: @unchecked Sendable {
        /// The pack's file name in the archive's `packs` folder.
        public let name: String
        /// Where each snapshot of the pack lies, by SHA-256.
        public let members: [String: PackMember]
        private let done = DispatchGroup()
        /// Set by the writing thread before it leaves `done`; read after `done.wait()`.
        private var failure: StoreError?

        init(name: String, members: [String: PackMember], writing body: @escaping @Sendable () throws -> Void) {
            self.name = name
            self.members = members
            done.enter()
            Thread.detachNewThread { [self] in
                do { try body() } catch { failure = error as? StoreError ?? StoreError.io(path: name, reason: "\(error)") }
                done.leave()
            }
        }

        /// Waits until the pack is written, synced and named durably in its folder; throws why it is not
        /// (its file is then removed). Called again, it answers the same at once.
        public func wait() throws {
            done.wait()
            if let failure { throw failure }
        }
    }
}
