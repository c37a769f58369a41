/// Calendar arithmetic on Unix time without Foundation's formatters: the dashboard draws dates
/// every second and the stand-in dates every answer, and DateFormatter (ICU underneath) costs more
/// than the rest of either.
public enum UTCDate {
    /// The proleptic Gregorian date of a day count (the well-known days-from-civil inverse, in
    /// 400-year eras). Correct for negative days too.
    public static func civil(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 9110's IMF-fixdate, as `Date` headers carry it: "Tue, 01 Dec 2026 18:39:17 GMT".
    public static func httpDate(unixSeconds: Int) -> String {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let second = unixSeconds - days * 86_400
        let (year, month, day) = civil(daysSince1970: days)
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60)) GMT"
    }

    /// The day count of a proleptic Gregorian date (the inverse of `civil`).
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Unix seconds of an IMF-fixdate ("Tue, 01 Dec 2026 18:39:17 GMT"); nil for anything else
    /// (the obsolete forms RFC 9110 still allows are not worth a clock estimate).
    public static func unixSeconds(httpDate text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
              let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), (0...23).contains(time[0]), (0...59).contains(time[1]),
              (0...60).contains(time[2]), (1...9999).contains(year) else { return nil }
        return daysSince1970(year: year, month: monthIndex + 1, day: day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
    }
}
