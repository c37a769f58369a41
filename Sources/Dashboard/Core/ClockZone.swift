import Foundation

/// The zone clock times and "today" are drawn in: the offset from UTC at a given moment.
///
/// `.system` asks the C library (`localtime_r`: `TZ`, else `/etc/localtime`), which is right on
/// both sides of a daylight-saving change. It is not `TimeZone.current` because that is ICU
/// underneath: asking it for the first offset loaded and initialised ICU, about a fifth of the
/// dashboard's time to its first frame. `.fixed` is for tests and the benchmark.
public enum ClockZone: Sendable, Hashable {
    case system
    case fixed(secondsFromGMT: Int)

    public static let utc = ClockZone.fixed(secondsFromGMT: 0)

    /// Seconds east of UTC at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        switch self {
        case .fixed(let seconds):
            return seconds
        case .system:
            var time = time_t(date.timeIntervalSince1970.rounded(.down))
            var parts = tm()
            guard localtime_r(&time, &parts) != nil else { return 0 }
            return Int(parts.tm_gmtoff)
        }
    }
}
