import EventWindow
import Foundation
import GlareCore

/// The report's data as JSON for other tools: the summary and methods as written, the analysis, and
/// every series point with its state. Numbers that are not finite are written as null, as in the analysis's own JSON.
public enum ReportJSON {
    public static func render(_ data: ReportData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let marker = "glare:not-finite"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        let text = String(decoding: try encoder.encode(ReportDocument(data)), as: UTF8.self)
        return text.replacingOccurrences(of: "\"\(marker)\"", with: "null") + "\n"
    }
}
