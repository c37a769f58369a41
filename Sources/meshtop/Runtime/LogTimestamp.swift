import Foundation

/// The time at the start of each log line, in local time with its offset, as ISO 8601 with
/// milliseconds: `2026-12-03T13:19:44.577Z` (UTC) or `2026-12-03T14:19:44.577+01:00`.
///
/// Made with `localtime_r` (the C library reads the zone once), not `ISO8601DateFormatter`: the
/// formatter is ICU underneath, and creating it was the largest single cost of the dashboard's
/// start, before its first request (the first log line is written then).
enum LogTimestamp {
    static func string(for date: Date) -> String {
        // Rounded to the millisecond as the formatter rounds, carrying into the second.
        let total = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = total >= 0 ? total / 1000 : (total - 999) / 1000
        let milliseconds = total - seconds * 1000
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return "\(seconds).\(milliseconds)" }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        let offset = parts.tm_gmtoff
        let zone: String
        if offset == 0 {
            zone = "Z"
        } else {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + padded(minutes / 60, 2) + ":" + padded(minutes % 60, 2)
        }
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
            + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
            + "." + padded(milliseconds, 3) + zone
    }
}
