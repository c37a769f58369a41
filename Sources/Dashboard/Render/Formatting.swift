import Foundation
import MeshAPI

/// Numbers, times and durations as the dashboard writes them.
enum Formatting {
    /// `seconds` rounded down to whole seconds, clamped to ±10^15 (30 million years) and NaN as 0:
    /// `Int(Double)` traps outside Int's range, and ages and ETAs are made from server numbers.
    static func wholeSeconds(_ seconds: Double, rounding rule: FloatingPointRoundingRule = .down) -> Int {
        guard !seconds.isNaN else { return 0 }
        return Int(min(max(seconds, -1e15), 1e15).rounded(rule))
    }

    /// "2s", "1.5s", "0.5s".
    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(wholeSeconds(value))s" : String(format: "%.1fs", value)
    }

    /// Compact age or duration: "45s", "12m", "3h05m", "2d4h".
    static func duration(_ seconds: Double) -> String {
        let s = max(0, wholeSeconds(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(pad2(s % 60))s" }
        if s < 86400 { return "\(s / 3600)h\(pad2((s % 3600) / 60))m" }
        return "\(s / 86400)d\((s % 86400) / 3600)h"
    }

    /// Shortest form for narrow columns: "45s", "12m", "3h", "2d".
    static func age(_ seconds: Double) -> String {
        let s = max(0, wholeSeconds(seconds, rounding: .towardZero))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// Seconds until `age(elapsed)` shows something else, `elapsed` growing.
    static func ageChange(_ elapsed: Double) -> Double {
        grownPast(elapsed, unit: elapsed < 60 ? 1 : elapsed < 3600 ? 60 : elapsed < 86400 ? 3600 : 86400)
    }

    /// Seconds until `duration(elapsed)` shows something else, `elapsed` growing.
    static func durationChange(_ elapsed: Double) -> Double {
        grownPast(elapsed, unit: durationUnit(elapsed))
    }

    /// Seconds until `duration(left)` shows something else, `left` shrinking.
    static func countdownChange(_ left: Double) -> Double {
        let rest = left.truncatingRemainder(dividingBy: durationUnit(left))
        return rest > 0 ? rest : durationUnit(left)
    }

    /// The smallest step `duration` shows at this size: seconds under an hour, then minutes, then hours.
    private static func durationUnit(_ seconds: Double) -> Double {
        seconds < 3600 ? 1 : seconds < 86400 ? 60 : 3600
    }

    private static func grownPast(_ elapsed: Double, unit: Double) -> Double {
        elapsed < 0 ? -elapsed + 1 : unit - elapsed.truncatingRemainder(dividingBy: unit)
    }

    /// "HH:MM:SS" in `zone`. Done by hand: DateFormatter is slow and not needed for this.
    static func clock(_ date: Date, in zone: ClockZone) -> String {
        let (_, h, m, s) = localParts(date, in: zone)
        return "\(pad2(h)):\(pad2(m)):\(pad2(s))"
    }

    /// "2026-11-24 21:30:05" in `zone`. By hand too: Calendar's date components cost more than the
    /// rest of a frame, and a frame is drawn every second.
    static func dateTime(_ date: Date, in zone: ClockZone) -> String {
        let (days, h, m, s) = localParts(date, in: zone)
        let (year, month, day) = UTCDate.civil(daysSince1970: days)
        return "\(year)-\(pad2(month))-\(pad2(day)) \(pad2(h)):\(pad2(m)):\(pad2(s))"
    }

    /// Whole days since 1970-01-01 and the time of day, in `zone`.
    private static func localParts(_ date: Date, in zone: ClockZone) -> (days: Int, Int, Int, Int) {
        let local = wholeSeconds(date.timeIntervalSince1970) + zone.secondsFromGMT(for: date)
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let second = local - days * 86400
        return (days, second / 3600, (second % 3600) / 60, second % 60)
    }

    /// Two digits, zero-padded.
    static func pad2(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }

    /// "$12.34", "$0.0042" for small amounts.
    static func usd(_ value: Double) -> String {
        value != 0 && abs(value) < 0.01 ? String(format: "$%.4f", value) : String(format: "$%.2f", value)
    }

    /// A count for a narrow column: as it is below 10,000, then "16.2k", "50k", "312k", "1.2M".
    /// Rounded down, so a batch never reads as further along than it is.
    static func compactCount(_ value: Int) -> String {
        func scaled(_ unit: Int, _ suffix: String) -> String {
            let whole = value / unit
            let tenth = value % unit * 10 / unit
            return whole < 100 && tenth > 0 ? "\(whole).\(tenth)\(suffix)" : "\(whole)\(suffix)"
        }
        switch value {
        case ..<10_000: return String(value)
        case ..<1_000_000: return scaled(1_000, "k")
        default: return scaled(1_000_000, "M")
        }
    }

    /// "12,345".
    static func count(_ value: Int) -> String {
        // `magnitude`, not `abs`: abs(Int.min) traps.
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
