import Foundation

/// Reads a file or standard input line by line in chunks, so corpora larger than memory stream through.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()
    private var finished = false
    private(set) var lineNumber = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line's bytes without its line break, or nil at the end.
    mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                if line.last == 0x0D { line = line.dropLast() }
                lineNumber += 1
                return Data(line)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return line
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
        }
    }
}
