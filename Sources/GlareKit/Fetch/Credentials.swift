public import Foundation

/// API keys: from the environment, else from a credentials file that only its owner can read
/// (`NAME=value` lines, `#` comments). Keys never appear in logs, stored URLs or snapshots: requests
/// are shown with `redact`.
public struct Credentials: Sendable {
    let environment: [String: String]
    let file: [String: String]

    /// Reads the file at `path` if given (refusing one that group or others can read).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, file path: String? = nil) throws {
        self.environment = environment
        guard let path, FileManager.default.fileExists(atPath: path) else {
            file = [:]
            return
        }
        // The file's own mode, through any symbolic link (as stat(2) gives it).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: target))?[.posixPermissions] as? Int else {
            throw FetchRunError.credentials(path: path, reason: "cannot be read")
        }
        guard mode & 0o077 == 0 else {
            throw FetchRunError.credentials(path: path, reason: "is readable by others (mode \(String(mode & 0o777, radix: 8))); run chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw FetchRunError.credentials(path: path, reason: "is not UTF-8 text") }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, !t.hasPrefix("#"), let eq = t.firstIndex(of: "=") else { continue }
            values[t[..<eq].trimmingCharacters(in: .whitespaces)] = t[t.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        file = values
    }

    /// The value of `name`, from the environment first.
    public func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? file[name]
    }

    /// `text` with every occurrence of `secret` replaced.
    public static func redact(_ text: String, _ secret: String?) -> String {
        guard let secret, !secret.isEmpty else { return text }
        var out = text
        for form in [
            secret, secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed), secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
        ] {
            if let form, !form.isEmpty { out = out.replacingOccurrences(of: form, with: "REDACTED") }
        }
        return out
    }
}
