public import Foundation
import GlareStore

/// Writes an output file whole or not at all: to a temporary file beside it, then renamed over it. A
/// place where no file can be created is `OutputFileError` (73); a write that fails midway is 74.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes bytes whole or not at all.
    public static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputFileError(path: path, reason: "the folder \(folder.path) cannot be made: \(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputFileError(path: path, reason: "no file can be created in \(folder.path): \(String(cString: strerror(errno)))")
        }
        do {
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                throw StoreError.io(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as StoreError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.io(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }
}
