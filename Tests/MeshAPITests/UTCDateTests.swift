import Foundation
import MeshAPI
import Testing

/// The hand-made HTTP date against Foundation's formatter, across eras, leap days and before 1970.
@Suite struct UTCDateTests {
    @Test(arguments: [0, 951_782_400, 1_796_150_357, 4_107_542_399, -1, -86_400, -2_208_988_800, 253_402_300_799])
    func httpDateMatchesFoundation(seconds: Int) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(UTCDate.httpDate(unixSeconds: seconds) == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
    }
}
