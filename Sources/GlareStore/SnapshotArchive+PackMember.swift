extension SnapshotArchive {
    /// Where a snapshot's compressed bytes lie in a pack: the pack's file name in the archive's `packs`
    /// folder, and the byte range of its gzip member there (the same bytes a file of its own would hold).
    public struct PackMember: Sendable, Equatable {
        public let pack: String
        public let offset: Int64
        public let length: Int64

        public init(pack: String, offset: Int64, length: Int64) {
            self.pack = pack
            self.offset = offset
            self.length = length
        }
    }
}
