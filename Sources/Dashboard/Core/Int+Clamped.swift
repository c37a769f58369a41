extension Int {
    /// Addition that saturates instead of trapping: Home/End move by huge deltas.
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? Int.max : Int.min) : sum
    }
}
