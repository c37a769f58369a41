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

    /// A `Date` header read back is the second it was written for (the dashboard's server clock
    /// takes it from every answer), from year 1 to 9999.
    @Test(arguments: [0, 951_782_400, 1_796_150_357, 4_107_542_399, -1, -86_400, -2_208_988_800, 253_402_300_799])
    func anHTTPDateReadsBackAsItsSecond(seconds: Int) {
        #expect(UTCDate.unixSeconds(httpDate: UTCDate.httpDate(unixSeconds: seconds)) == seconds)
    }

    /// What a broken or hostile server may send instead is no reading at all, never a guess.
    @Test(arguments: ["", "yesterday", "Tue, 01 Dec 2026 18:39:17", "Tue, 01 Dec 2026 18:39:17 UTC",
                      "Tue, 32 Dec 2026 18:39:17 GMT", "Tue, 01 Foo 2026 18:39:17 GMT", "Tue, 01 Dec 2026 24:00:00 GMT",
                      "Tue, 01 Dec 99999 18:39:17 GMT", "Tue, 01 Dec 2026 18:39 GMT", "Tuesday, 01-Dec-26 18:39:17 GMT",
                      "Tue, 01 Dec 2026 18:39:17 GMT trailing"])
    func anythingElseIsNoReading(header: String) {
        #expect(UTCDate.unixSeconds(httpDate: header) == nil)
    }
}
