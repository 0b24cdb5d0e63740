public import Foundation
import ZIPFoundation

/// GKG 2.1 files for tests: real rows from the bundled sample with planted names, URLs and titles.
public enum SyntheticGKG {
    /// One planted record.
    public struct Record {
        public var id: String
        public var date: String
        public var url: String
        public var outlet = "example.com"
        public var persons: [String] = []
        public var names: [String] = []
        public var organizations: [String] = []
        public var themes: [String] = []
        public var title = ""
        public init(
            id: String, date: String, url: String, persons: [String] = [], names: [String] = [],
            organizations: [String] = [], themes: [String] = [], title: String = ""
        ) {
            self.id = id
            self.date = date
            self.url = url
            self.persons = persons
            self.names = names
            self.organizations = organizations
            self.themes = themes
            self.title = title
        }
    }

    /// The real sample rows (27 fields each).
    public static func sampleRows() throws -> [[String]] {
        let text = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/gdelt/gkg21_20170701234500_first50rows_RESERIALIZED.tsv"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A row: the template's other fields (GCAM, locations, tone…) with the record's planted ones.
    public static func row(_ r: Record, template: [String]) -> String {
        var f = template
        f[0] = r.id
        f[1] = r.date
        f[3] = r.outlet
        f[4] = r.url
        f[7] = r.themes.joined(separator: ";")
        f[8] = r.themes.enumerated().map { "\($0.element),\(100 * $0.offset)" }.joined(separator: ";")
        f[11] = r.persons.map { $0.lowercased() }.joined(separator: ";")
        f[12] = r.persons.enumerated().map { "\($0.element),\(10 + 37 * $0.offset)" }.joined(separator: ";")
        f[13] = r.organizations.map { $0.lowercased() }.joined(separator: ";")
        f[14] = r.organizations.enumerated().map { "\($0.element),\(20 + 41 * $0.offset)" }.joined(separator: ";")
        f[23] = r.names.enumerated().map { "\($0.element),\(5 + 29 * $0.offset)" }.joined(separator: ";")
        f[26] = r.title.isEmpty ? "" : "<PAGE_TITLE>\(r.title)</PAGE_TITLE>"
        return f.joined(separator: "\t")
    }

    /// A whole file's text.
    public static func file(_ records: [Record]) throws -> String {
        let template = try sampleRows()[0]
        return records.map { row($0, template: template) + "\n" }.joined()
    }

    /// `text` zipped as GDELT does: one entry named like the file without `.zip`.
    public static func zip(_ text: String, entry: String) throws -> Data { try zip(data: Data(text.utf8), entry: entry) }

    /// Bytes zipped as one entry.
    public static func zip(data: Data, entry: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return archive.data!
    }
}
