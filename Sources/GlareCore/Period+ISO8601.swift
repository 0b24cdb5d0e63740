extension Period {
    /// The period's start in ISO 8601 as exports write it: `2021-06-02T14:00Z` for an hour (UTC), the
    /// first day (`2021-06-06`) for days, N-day periods, weeks and months (a resolution column says which).
    public var iso8601: String {
        guard let hour else { return start.iso }
        return start.iso + "T" + (hour < 10 ? "0" : "") + String(hour) + ":00Z"
    }
}
