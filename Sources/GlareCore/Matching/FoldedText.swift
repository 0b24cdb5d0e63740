/// Text after Glare's folding, as UTF-8 bytes, with the way back to the original's byte offsets.
///
/// Most bytes fold to themselves one for one (ASCII letters, most non-Latin text); where folding changed
/// the length (a collapsed space run, a dropped apostrophe, a decoded entity, a stripped diacritic) an
/// anchor records where the folded and original positions resynchronise. That keeps the map small.
public struct FoldedText: Sendable {
    /// The folded UTF-8 bytes.
    public let bytes: [UInt8]
    /// Anchors: from `folded` on, the text maps one for one onto the original from `original` on, unless
    /// `opaque`, in which case the whole unit up to the next anchor maps onto its start.
    struct Anchor: Sendable {
        let folded: Int32
        let original: Int32
        let opaque: Bool
    }
    let anchors: [Anchor]
    /// Folded positions where a paragraph ends (a blank line in the original).
    public let paragraphBreaks: [Int]
    /// The original's length in bytes.
    public let originalLength: Int

    /// The original byte offset that folded position `i` comes from (`i == bytes.count` maps to the end).
    public func originalOffset(_ i: Int) -> Int {
        if i >= bytes.count { return originalLength }
        var lo = 0, hi = anchors.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(anchors[mid].folded) <= i { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return i }
        let a = anchors[lo - 1]
        return a.opaque ? Int(a.original) : Int(a.original) + (i - Int(a.folded))
    }

    /// The paragraph a folded position lies in (0 for the first).
    public func paragraph(_ i: Int) -> Int { paragraphBreaks.countAtMost(i) }
}
