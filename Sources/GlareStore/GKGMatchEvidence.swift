import Foundation
import GlareCore

/// Why a GKG record counts for a person, as the store keeps it: the roster alias that matched, the
/// record's spelling of it, the field (`persons`, `names` or `title`) and the context term that admitted
/// an alias needing one. The person and the mention count are columns of the match; a store keeps each
/// distinct evidence once (`gkgEvidence`), so a person's thousands of matches by one alias share one.
public struct GKGMatchEvidence: Sendable, Equatable, Codable {
    public let alias: String
    public let matched: String
    public let field: String
    public let context: String?

    public init(alias: String, matched: String, field: String, context: String?) {
        self.alias = alias
        self.matched = matched
        self.field = field
        self.context = context
    }

    /// The stored text: JSON with sorted keys, `context` left out when there is none (what `JSONEncoder`
    /// with `.sortedKeys` and `.withoutEscapingSlashes` writes; an import writes one for every match).
    public var json: String {
        var out: [UInt8] = []
        out += #"{"alias":"#.utf8
        JSONText.string(alias, into: &out)
        if let context {
            out += #","context":"#.utf8
            JSONText.string(context, into: &out)
        }
        out += #","field":"#.utf8
        JSONText.string(field, into: &out)
        out += #","matched":"#.utf8
        JSONText.string(matched, into: &out)
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// The evidence a stored text holds (also the matcher's whole evidence, whose other keys are ignored).
    public init?(json: String) {
        guard let e = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = e
    }

    /// The stored form of an evidence text written before the store kept evidence apart (the matcher's
    /// whole JSON, with person and mentions): the same evidence, or the text itself when it is not one.
    public static func stored(_ text: String) -> String { Self(json: text)?.json ?? text }
}
