public import GlareCore

/// One readable row of a GKG file as `GKGReader` hands it over: the fields Glare keeps, as checked UTF-8
/// bytes in the forms a `GKGEntry` holds (lists distinct in first-seen order, the title cleaned), with
/// no string made. The bytes (the chunk fed, or the reader's own buffers) are valid only during the call
/// that receives the row: a receiver copies what it keeps.
public struct GKGRow {
    /// A list item: a name with the times GDELT found it in the article (1 for organisations and themes).
    public struct Item {
        public let bytes: UnsafeBufferPointer<UInt8>
        public internal(set) var count: Int
    }

    /// GKGRECORDID.
    public let recordId: UnsafeBufferPointer<UInt8>
    /// V2.1DATE, 14 digits.
    public let date: UnsafeBufferPointer<UInt8>
    /// V2SOURCECOMMONNAME.
    public let outlet: UnsafeBufferPointer<UInt8>
    /// V2DOCUMENTIDENTIFIER, never empty.
    public let url: UnsafeBufferPointer<UInt8>
    /// The page title, cleaned as `GKGText.cleanTitle` cleans it; empty when GDELT gave none.
    public let title: UnsafeBufferPointer<UInt8>
    /// V2ENHANCEDPERSONS (V1PERSONS, each counted once, when empty).
    public let persons: UnsafeBufferPointer<Item>
    /// V2.1ALLNAMES.
    public let names: UnsafeBufferPointer<Item>
    /// V1ORGANIZATIONS.
    public let organizations: UnsafeBufferPointer<Item>
    /// V1THEMES.
    public let themes: UnsafeBufferPointer<Item>
    /// The UTC day of `date`.
    public let day: Day
}

extension GKGEntry {
    /// The entry of a row: its bytes made strings.
    public init(_ row: GKGRow) {
        func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        func counted(_ items: UnsafeBufferPointer<GKGRow.Item>) -> [Name] { items.map { Name(text($0.bytes), count: $0.count) } }
        self.init(
            recordId: text(row.recordId), date: text(row.date), outlet: text(row.outlet), url: text(row.url), title: text(row.title),
            persons: counted(row.persons), names: counted(row.names), organizations: row.organizations.map { text($0.bytes) },
            themes: row.themes.map { text($0.bytes) })
    }
}
