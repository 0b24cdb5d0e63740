import EventWindow
import Foundation
import GlareCore

/// `bundle.json`: what a bundle was made from and how, enough to run the analysis again from the
/// bundle alone: Glare's version, the command, every option, the roster's and snapshots' hashes, and
/// per series its group, own event date and masked days.
struct BundleDescription: Codable, Equatable {
    struct Options: Codable, Equatable {
        var eventDate: String
        var pre: [Int]
        var event: [Int]
        var post: [Int]
        var gap: Int
        var permutations: Int
        var seed: UInt64
        var belowOne: Double
        var perTotal: Bool
        var people: [String]
        var sources: [String]
        var measure: String?
        var input: String?
        var partialPeriods: Bool
    }

    struct SnapshotEntry: Codable, Equatable {
        var sha256: String
        var originalName: String
        /// The selected series that name this snapshot as an input (Trends); empty for evidence read per record.
        var series: [String]
        /// Whether the snapshot's bytes are in `snapshots/` (`--with-snapshots`).
        var included: Bool
    }

    struct SourceEntry: Codable, Equatable {
        var series: String
        var kind: String?
        var term: String?
        var geo: String?
        var rosterHash: String?
        var inputs: [Input]
        struct Input: Codable, Equatable {
            var snapshotSha256: String
            var originalName: String
            var ontoSha256: String?
            var overlapPoints: Int
            var factor: Double
        }
    }

    var glareVersion: String
    var command: [String]
    var options: Options
    var rosterSha256: String?
    var sources: [SourceEntry]
    var snapshots: [SnapshotEntry]
    /// Whether `store/glare.sqlite` (the evidence store) and the snapshots are in the bundle.
    var withSnapshots: Bool
    /// The provenance block of every Glare output (version, command, roster hash, snapshot hash): filled
    /// in by the caller, written as given.
    var provenance: [String: String]
}
