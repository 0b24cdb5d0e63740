public import EventWindow
import Foundation

/// `glare analyze --format json`: the analysis's own JSON with a `provenance` object beside its keys.
public enum AnalysisJSON {
    public static func render(_ report: AnalysisReport, provenance: Provenance?) throws -> String {
        guard let provenance else { return try report.json() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let marker = "glare:not-finite"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        let text = String(decoding: try encoder.encode(Document(report: report, provenance: provenance)), as: UTF8.self)
        return text.replacingOccurrences(of: "\"\(marker)\"", with: "null") + "\n"
    }

    /// The report's keys and `provenance` in one object.
    struct Document: Encodable {
        let report: AnalysisReport
        let provenance: Provenance

        enum CodingKeys: String, CodingKey { case provenance }

        func encode(to encoder: Encoder) throws {
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(provenance, forKey: .provenance)
        }
    }
}
