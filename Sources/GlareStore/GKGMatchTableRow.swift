/// A `gkgMatch` row as the table holds it: the person and the evidence by their numbers in `gkgPerson`
/// and `gkgEvidence`, the day as its ordinal, the URL as its hash (`GKGMatchRow` is the match before it
/// is stored; `GKGStoredMatch` what `glare explain` reads back).
struct GKGMatchTableRow: Hashable {
    let recordId: String
    let personId: Int64
    let day: Int
    let urlHash: Int64
    let mentions: Int
    let evidenceId: Int64
}
