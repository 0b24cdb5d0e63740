import CLibXML2
public import Foundation

/// An XML element read by `XMLTree.parse`: name, attributes and children, detached from libxml2.
public struct XMLElement: Sendable, Equatable {
    /// One child: an element or a run of text (CDATA included).
    public enum Child: Sendable, Equatable {
        case element(XMLElement)
        case text(String)
    }

    /// The local name (without prefix).
    public let name: String
    /// The namespace URI, when the element has one.
    public let namespace: String?
    public let attributes: [String: String]
    public let children: [Child]

    /// Child elements with the given local name.
    public func elements(named name: String) -> [XMLElement] {
        children.compactMap { if case .element(let e) = $0, e.name == name { e } else { nil } }
    }

    /// The first child element with the given local name (`elements(named:).first` without the array).
    public func firstElement(named name: String) -> XMLElement? {
        for case .element(let e) in children where e.name == name { return e }
        return nil
    }

    /// Every descendant element (depth first) that satisfies `predicate`.
    public func descendants(where predicate: (XMLElement) -> Bool) -> [XMLElement] {
        var out: [XMLElement] = []
        for case .element(let e) in children {
            if predicate(e) { out.append(e) }
            out += e.descendants(where: predicate)
        }
        return out
    }

    /// Whether the `class` attribute lists `name`.
    public func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// The text with block elements (p, div, br, tr, li, headings) as paragraph breaks, whitespace collapsed.
    public var blockText: String {
        var out = ""
        func walk(_ e: XMLElement) {
            let block = ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"].contains(e.name.lowercased())
            if block { out += "\n\n" }
            for c in e.children {
                switch c {
                case .text(let t): out += t.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\u{A0}", with: " ")
                case .element(let child): walk(child)
                }
            }
            if block { out += "\n\n" }
        }
        walk(self)
        return out.components(separatedBy: "\n\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// All text inside the element, concatenated.
    public var text: String {
        if children.count == 1, case .text(let t) = children[0] { return t }  // most elements: no joining
        return children.map {
            switch $0 {
            case .text(let t): t
            case .element(let e): e.text
            }
        }.joined()
    }
}

/// Parses XML with libxml2 under safe options only: no network, no DTD loading, no entity substitution.
/// A document that declares entities (the carrier of external-entity and entity-expansion attacks) is
/// refused outright, so nothing is read from disk or network and nothing is expanded.
public enum XMLTree {
    /// Parses `data`; `source` names the file or URL in errors.
    public static func parse(_ data: Data, source: String) throws -> XMLElement {
        try checkSize(data, source: source)
        if declaresEntities(data) {
            throw ParseError(source: source, reason: "refused: the document declares entities in its DTD (unsafe XML: external entities or entity expansion)")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        guard let ctxt = xmlNewParserCtxt() else { throw ParseError(source: source, reason: "libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(ctxt) }
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            xmlCtxtReadMemory(ctxt, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), source, nil, options)
        }
        guard let doc else {
            if let error = xmlCtxtGetLastError(ctxt) {
                let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
                throw ParseError(source: source, line: Int(error.pointee.line), reason: "not well-formed XML: \(message)")
            }
            throw ParseError(source: source, reason: "not well-formed XML")
        }
        defer { xmlFreeDoc(doc) }
        if let dtd = xmlGetIntSubset(doc), dtd.pointee.entities != nil {
            throw ParseError(source: source, reason: "refused: the document declares entities in its DTD (unsafe XML: external entities or entity expansion)")
        }
        guard let root = xmlDocGetRootElement(doc) else { throw ParseError(source: source, reason: "the document has no root element") }
        return element(root)
    }

    /// libxml2 takes a document's length as a 32-bit int; a larger document is refused, not wrapped.
    static func checkSize(_ data: Data, source: String) throws {
        guard data.count < Int(Int32.max) else {
            throw ParseError(source: source, reason: "a document of \(data.count) bytes is larger than the 2 GB libxml2 reads")
        }
    }

    /// Whether the document type declaration (if any) declares entities; checked before libxml2 sees
    /// the document, so nothing is expanded or loaded even by a parser error path.
    static func declaresEntities(_ data: Data) -> Bool {
        // Searched on the bytes (`ByteSearch`): Data's own search cost as much as parsing a feed.
        data.withUnsafeBytes { raw -> Bool in
            let head = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self).prefix(1 << 16))
            guard let doctype = ByteSearch.find(head, doctypeOpen, from: 0) else { return false }
            let start = doctype + doctypeOpen.count
            let end = ByteSearch.find(head, subsetClose, from: start) ?? head.count
            return ByteSearch.find(UnsafeBufferPointer(rebasing: head[..<end]), entityDeclaration, from: start) != nil
        }
    }

    static let doctypeOpen = Array("<!DOCTYPE".utf8), subsetClose = Array("]>".utf8), entityDeclaration = Array("<!ENTITY".utf8)

    /// Parses HTML with libxml2's forgiving HTML parser (no network), for archive exports.
    public static func parseHTML(_ data: Data, source: String) throws -> XMLElement {
        try checkSize(data, source: source)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let doc: htmlDocPtr? = data.withUnsafeBytes { raw in
            htmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), source, "UTF-8", options)
        }
        guard let doc else { throw ParseError(source: source, reason: "not readable as HTML") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw ParseError(source: source, reason: "the HTML has no root element") }
        return element(root)
    }

    static func element(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let a = attribute {
            let name = String(cString: a.pointee.name)
            if let value = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1) {
                attributes[name] = String(cString: value)
                glare_xmlFree(value)
            }
            attribute = a.pointee.next
        }
        var children: [XMLElement.Child] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(element(c)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { children.append(.text(String(cString: content))) }
            default:
                break
            }
            child = c.pointee.next
        }
        let namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        return XMLElement(name: String(cString: node.pointee.name), namespace: namespace, attributes: attributes, children: children)
    }
}
