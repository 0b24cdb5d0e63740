import Crypto
public import Foundation
import GlareCore

/// The exact bytes a fetch returned or an analyst imported, addressed by their SHA-256.
public struct Snapshot: Sendable, Equatable {
    /// Lowercase hex SHA-256 of the uncompressed bytes.
    public let sha256: String
    /// Size of the uncompressed bytes.
    public let byteCount: Int

    public init(sha256: String, byteCount: Int) {
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    /// The snapshot's address for `data`.
    public init(of data: Data) {
        self.init(sha256: SHA256.hash(data: data).hex, byteCount: data.count)
    }
}
