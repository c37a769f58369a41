/// The ranges a number from the server must fall in before any arithmetic touches it. A broken or
/// hostile server can send `1e30`, `-9223372036854775808` or `-1e300`; Swift traps on an
/// overflowing `Int(Double)` or `+`, so every number is checked here at the edge and a value out of
/// range is treated as absent (as if the field were missing). Inside the program numbers are then
/// small enough that sums of them, and dates made from them, cannot overflow.
public enum WireNumber {
    /// Unix seconds of years 1 to 9999: Foundation's dates and the calendar arithmetic of the
    /// dashboard are exact there, and no real batch lies outside it.
    public static let stampRange = -62_135_596_800...253_402_300_799

    /// Item and token counts: Mesh caps a batch at 50,000 items, so 2^40 (about 10^12) leaves room for
    /// any real count while a sum of a million of them still fits an `Int`.
    public static let countRange = 0...(1 << 40)

    /// The longest wait a `Retry-After` may ask for (a day). A longer one, or a negative one, is read
    /// as absent: `Duration` and `DispatchTime` arithmetic on 1e30 seconds would trap.
    public static let retryAfterRange = 0.0...86_400.0

    /// `value` when it is a plausible time stamp.
    public static func stamp(_ value: Int) -> Int? {
        stampRange.contains(value) ? value : nil
    }

    /// A fractional stamp, rounded down; nil for NaN, infinities and anything out of range.
    public static func stamp(_ value: Double) -> Int? {
        guard value.isFinite, let whole = Int(exactly: value.rounded(.down)) else { return nil }
        return stamp(whole)
    }

    /// `value` when it is a plausible count.
    public static func count(_ value: Int?) -> Int? {
        guard let value, countRange.contains(value) else { return nil }
        return value
    }

    /// `seconds` when it is a plausible wait.
    public static func retryAfter(_ seconds: Double?) -> Double? {
        guard let seconds, seconds.isFinite, retryAfterRange.contains(seconds) else { return nil }
        return seconds
    }

    /// `a + b`, saturating at `Int.max`/`Int.min` instead of trapping: for counts built in code
    /// (not decoded, so not range-checked) and sums of many of them.
    public static func sum(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : total
    }

    /// `a - b`, saturating likewise.
    public static func difference(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? Int.max : Int.min) : total
    }
}
