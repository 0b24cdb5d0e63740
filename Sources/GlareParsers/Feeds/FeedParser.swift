public import Foundation
public import GlareCore

/// One item of a feed.
public struct FeedItem: Sendable, Equatable {
    /// The guid (RSS), id (Atom) or about (RSS 1.0); the link when none.
    public let id: String
    public let link: String
    public let title: String
    /// The description or content, HTML reduced to text.
    public let text: String
    public let day: Day?
    public let author: String?
}

/// A parsed feed.
public struct Feed: Sendable, Equatable {
    public let title: String
    public let items: [FeedItem]
    /// True when the document ended early and only its complete items were kept.
    public let truncated: Bool
}

/// RSS 2.0, RSS 1.0 (RDF) and Atom, through libxml2 with safe options only (no network, no DTD
/// loading, no entity substitution; a document declaring entities is refused). Encodings are those the
/// document declares (ISO-8859-1 and others). HTML's named references (`&nbsp;`, `&eacute;`) are read
/// as feed readers read them (`HTMLEntityReferences`). A truncated document keeps its complete items.
public enum FeedParser {
    public static func parse(_ data: Data, source: String) throws -> Feed {
        let data = HTMLEntityReferences.numeric(data) ?? data
        do {
            return try read(try XMLTree.parse(data, source: source), truncated: false)
        } catch let error as ParseError where error.reason.hasPrefix("not well-formed") {
            // Cut after the last complete item and close the document, then try again.
            guard let cut = lastItemEnd(data) else { throw error }
            var repaired = data.prefix(cut)
            let head = String(decoding: data.prefix(4096), as: UTF8.self)
            if head.contains("<rdf:RDF") {
                repaired.append(contentsOf: Array("</rdf:RDF>".utf8))
            } else if head.contains("<feed") {
                repaired.append(contentsOf: Array("</feed>".utf8))
            } else {
                repaired.append(contentsOf: Array("</channel></rss>".utf8))
            }
            guard let tree = try? XMLTree.parse(Data(repaired), source: source) else { throw error }
            return try read(tree, truncated: true)
        }
    }

    static func lastItemEnd(_ data: Data) -> Int? {
        let ends = [Data("</item>".utf8), Data("</entry>".utf8)].compactMap { data.range(of: $0, options: .backwards)?.upperBound }
        return ends.max()
    }

    /// `text` without leading and trailing white space and newlines; the text itself when it has none
    /// (most do: Foundation's trimming, and even its character set, cost more than all the rest of reading an item).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.isASCII ? s.value <= 0x20 || s.value == 0x7F : whitespacesAndNewlines.contains(s) }
        return isSpace(first) || isSpace(last) ? text.trimmingCharacters(in: whitespacesAndNewlines) : text
    }

    private static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines

    /// Whether the text's bytes hold `<` or `&` (memchr over the UTF-8 of a native string).
    static func hasMarkup(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { b in
            guard let base = b.baseAddress else { return false }
            return memchr(base, 0x3C, b.count) != nil || memchr(base, 0x26, b.count) != nil
        } ?? (text.utf8.contains(0x3C) || text.utf8.contains(0x26))
    }

    static func read(_ root: XMLElement, truncated: Bool) throws -> Feed {
        let name = root.name.lowercased()
        func child(_ e: XMLElement, _ names: String...) -> String? {
            for n in names {
                if let c = e.firstElement(named: n) { let t = trimmed(c.text); if !t.isEmpty { return t } }
            }
            return nil
        }
        func htmlText(_ s: String?) -> String {
            guard let s, !s.isEmpty else { return "" }
            // Foundation's search only when the bytes hold `<` or `&` at all (it costs more than the rest of an item).
            guard hasMarkup(s), s.contains("<") || s.contains("&") else { return s }
            return (try? XMLTree.parseHTML(Data("<html><body>\(s)</body></html>".utf8), source: "item").blockText) ?? s
        }
        if name == "feed" {
            let items = root.elements(named: "entry").map { e -> FeedItem in
                let links = e.elements(named: "link")
                let link = (links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first)?.attributes["href"] ?? ""
                return FeedItem(
                    id: child(e, "id") ?? link, link: link, title: htmlText(child(e, "title")),
                    text: htmlText(child(e, "content", "summary")),
                    day: (child(e, "published", "updated")).flatMap(FeedDate.day),
                    author: e.firstElement(named: "author").flatMap { child($0, "name") })
            }
            return Feed(title: child(root, "title") ?? "", items: items, truncated: truncated)
        }
        guard name == "rss" || name == "rdf" else {
            throw ParseError(source: "feed", reason: "not an RSS or Atom feed (the root element is <\(root.name)>)")
        }
        let channel = root.firstElement(named: "channel")
        let itemElements = (channel?.elements(named: "item") ?? []) + root.elements(named: "item")
        let items = itemElements.map { e -> FeedItem in
            let link = child(e, "link") ?? e.attributes["about"] ?? ""
            let body = child(e, "encoded") ?? child(e, "description")
            return FeedItem(
                id: child(e, "guid") ?? e.attributes["about"] ?? link, link: link, title: htmlText(child(e, "title")),
                text: htmlText(body), day: child(e, "pubDate", "date", "published").flatMap(FeedDate.day),
                author: child(e, "author", "creator"))
        }
        return Feed(title: channel.flatMap { child($0, "title") } ?? "", items: items, truncated: truncated)
    }
}
