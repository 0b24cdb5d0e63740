import Foundation

/// Wikipedia article titles in URLs.
public enum WikipediaTitle {
    /// A title as the REST API wants it in a path: spaces as `_`, everything but unreserved characters
    /// percent-encoded (slashes, apostrophes, non-Latin scripts included).
    public static func pathComponent(_ title: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        allowed.remove(charactersIn: "/")
        return title.replacingOccurrences(of: " ", with: "_").addingPercentEncoding(withAllowedCharacters: allowed) ?? title
    }
}
