/// An output file or folder that cannot be created (a folder that cannot be made, no permission to
/// write there, a read-only volume): exit 73 (`EX_CANTCREAT`). A write that starts and then fails
/// (a full disk, a file-size limit) stays an I/O error (74).
public struct OutputFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot create (\(reason))" }
}
