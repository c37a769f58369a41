import Foundation

/// Numbers, times and durations as the dashboard writes them.
enum Formatting {
    /// "2s", "1.5s", "0.5s".
    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value))s" : String(format: "%.1fs", value)
    }

    /// Compact age or duration: "45s", "12m", "3h05m", "2d4h".
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        if s < 86400 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
        return "\(s / 86400)d\((s % 86400) / 3600)h"
    }

    /// Shortest form for narrow columns: "45s", "12m", "3h", "2d".
    static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// "HH:MM:SS" in `zone`. Done by hand: DateFormatter is slow and not needed for this.
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let (h, m, s) = clockParts(date, in: zone)
        return String(format: "%02d:%02d:%02d", h, m, s)
    }

    /// "2026-11-24 21:30:05" in `zone`.
    static func dateTime(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static func clockParts(_ date: Date, in zone: TimeZone) -> (Int, Int, Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let day = ((local % 86400) + 86400) % 86400
        return (day / 3600, (day % 3600) / 60, day % 60)
    }

    /// "$12.34", "$0.0042" for small amounts.
    static func usd(_ value: Double) -> String {
        value != 0 && abs(value) < 0.01 ? String(format: "$%.4f", value) : String(format: "$%.2f", value)
    }

    /// "12,345".
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
