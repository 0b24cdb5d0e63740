import CLibDeflate

/// A libdeflate decompressor and the buffer it inflates into, kept from one file to the next by one
/// worker (not shared between threads at once).
public final class InflateBuffer: @unchecked Sendable {
    let decompressor: OpaquePointer
    private var storage: UnsafeMutableRawBufferPointer

    public init() {
        guard let d = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        decompressor = d
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        libdeflate_free_decompressor(decompressor)
        storage.deallocate()
    }

    /// The buffer, at least `count` bytes long.
    func reserve(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if storage.count < count {
            storage.deallocate()
            storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, min(storage.count * 2, GKGZipReader.maxMemberBytes)), alignment: 16)
        }
        return storage
    }

    /// Hands the buffer back to the system once it grew beyond `bytes` (after an unusually large file).
    public func shrink(to bytes: Int) {
        if storage.count > bytes {
            storage.deallocate()
            storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
        }
    }
}
