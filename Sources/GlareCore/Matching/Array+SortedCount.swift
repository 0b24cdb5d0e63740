extension Array where Element: BinaryInteger {
    /// In an array sorted ascending, how many elements are at most `value` (binary search): the number
    /// of positions (title starts, paragraph breaks) at or before an offset.
    func countAtMost(_ value: Int) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(self[mid]) <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
