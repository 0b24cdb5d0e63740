import EventWindow
import Foundation
import GlareCore

/// The report's data as JSON for other tools: the summary and methods as written, the analysis, and
/// every series point with its state.
public enum ReportJSON {
    public static func render(_ data: ReportData) throws -> String {
        let analysis = try JSONSerialization.jsonObject(with: Data(try data.analysis.json().utf8))
        let series: [[String: Any]] = data.entries.map { e in
            let s = e.series
            return ["person": s.key.person, "name": e.name, "source": s.key.source, "measure": s.key.measure.rawValue,
                    "resolution": s.resolution.rawValue, "released": e.released?.iso ?? NSNull(),
                    "points": s.periods.indices.map { i -> [String: Any] in
                        var p: [String: Any] = ["date": s.periods[i].label]
                        switch s.observations[i] {
                        case .value(let v): p["value"] = v; p["state"] = "value"
                        case .belowOne(let c): p["value"] = 0.5 * c; p["state"] = "below-one"
                        case .missing: p["value"] = NSNull(); p["state"] = "missing"
                        }
                        if let t = s.totals[i] { p["total"] = t }
                        return p
                    }]
        }
        let object: [String: Any] = ["title": data.title, "summary": ReportText.summary(data), "methods": ReportText.methods(data),
                                     "analysis": analysis, "series": series]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self) + "\n"
    }
}
