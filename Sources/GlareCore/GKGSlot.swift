/// A GDELT 15-minute update slot (`20150901001500`, UTC).
public struct GKGSlot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since 1970-01-01 00:00 UTC, a multiple of 15.
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init(day: Day, index: Int) { minutes = day.ordinal * 1440 + index * 15 }

    /// `YYYYMMDDHHMMSS` on a 15-minute boundary.
    public init?(stamp: some StringProtocol) {
        let u = Array(stamp.utf8)
        guard u.count == 14, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func n(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(u[$1] - 0x30) } }
        guard let day = Day(compact: stamp) else { return nil }
        let h = n(8..<10), m = n(10..<12), s = n(12..<14)
        guard h < 24, m < 60, m % 15 == 0, s == 0 else { return nil }
        minutes = day.ordinal * 1440 + h * 60 + m
    }

    /// The slot of a GKG file name, and whether it is of the translingual stream.
    public static func parse(fileName: String) -> (GKGSlot, Bool)? {
        let parts = fileName.split(separator: ".")
        guard parts.count >= 3, let slot = GKGSlot(stamp: parts[0]) else { return nil }
        let rest = parts.dropFirst().joined(separator: ".").lowercased()
        if rest == "gkg.csv.zip" || rest == "gkg.csv" { return (slot, false) }
        if rest == "translation.gkg.csv.zip" || rest == "translation.gkg.csv" { return (slot, true) }
        return nil
    }

    public var day: Day { Day(ordinal: minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440) }

    public var stamp: String {
        let m = minutes - day.ordinal * 1440
        let c = day.components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)\(two(c.month))\(two(c.day))\(two(m / 60))\(two(m % 60))00"
    }

    /// The file name GDELT gives this slot's GKG file.
    public func fileName(translingual: Bool) -> String { stamp + (translingual ? ".translation.gkg.csv.zip" : ".gkg.csv.zip") }

    public var description: String { stamp }
    public static func < (a: GKGSlot, b: GKGSlot) -> Bool { a.minutes < b.minutes }

    /// Every slot of the days `from...to`.
    public static func slots(from: Day, to: Day) -> [GKGSlot] {
        guard from <= to else { return [] }
        return (from.ordinal * 96..<(to.ordinal + 1) * 96).map { GKGSlot(minutes: $0 * 15) }
    }
}
