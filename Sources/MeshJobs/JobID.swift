import Foundation

/// Job ids: `job_` and 26 lowercase Crockford base-32 characters, time first (so they sort by
/// creation, as batch ids do), the rest random.
enum JobID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    static func make(now: Date = Date()) -> String {
        var milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var time: [Character] = []
        for _ in 0..<10 {
            time.append(alphabet[Int(milliseconds & 31)])
            milliseconds >>= 5
        }
        let random = (0..<16).map { _ in alphabet[Int.random(in: 0..<32)] }
        return "job_" + String(time.reversed()) + String(random)
    }
}
