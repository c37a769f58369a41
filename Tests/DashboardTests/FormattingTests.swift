import Foundation
import Testing
@testable import Dashboard

/// The hand-made date and width paths against the slow, general ones they replace.
@Suite struct FormattingTests {
    @Test func compactCountsRoundDown() {
        let cases = [(0, "0"), (9_999, "9999"), (10_000, "10k"), (16_269, "16.2k"), (50_000, "50k"), (99_999, "99.9k"),
                     (100_000, "100k"), (312_999, "312k"), (1_250_000, "1.2M"), (250_000_000, "250M")]
        for (value, text) in cases { #expect(Formatting.compactCount(value) == text, "\(value)") }
    }

    @Test func dateTimeMatchesCalendarAcrossCenturiesAndZones() {
        let zones = ["UTC", "Asia/Tokyo", "America/St_Johns", "Pacific/Kiritimati"].compactMap(TimeZone.init(identifier:))
        // Every 17 days and 7 hours from 1901 to 2099: leap days, century years, negative day counts.
        var stamp = -2_177_452_800.0
        while stamp < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: stamp)
            for zone in zones {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = zone
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                let expected = String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
                let offset = ClockZone.fixed(secondsFromGMT: zone.secondsFromGMT(for: date))
                #expect(Formatting.dateTime(date, in: offset) == expected)
            }
            stamp += 17 * 86400 + 7 * 3600 + 13
        }
    }

    /// The C library's zone and Foundation's agree on the offset, hour by hour over two years (both
    /// sides of any daylight-saving change the machine's zone has), whatever that zone is.
    @Test func systemZoneAgreesWithFoundationsCurrentZone() {
        var stamp = 1_767_225_600.0 // 2026-01-01
        while stamp < 1_767_225_600 + 2 * 365 * 86400 {
            let date = Date(timeIntervalSince1970: stamp)
            #expect(ClockZone.system.secondsFromGMT(for: date) == TimeZone.current.secondsFromGMT(for: date), "\(date)")
            stamp += 3600
        }
    }

    @Test func fittedWritingEqualsWritingTheFittedString() {
        for text in ["abc", "a much longer piece of text", "東京 店舗", "✓ completed", "", "🚀 launch"] {
            for width in 0...10 {
                for alignRight in [false, true] {
                    var direct = Screen(width: 16, height: 1)
                    direct.write(text, row: 0, column: 2, fitting: width, alignRight: alignRight, role: .dim, limit: 10)
                    var viaString = Screen(width: 16, height: 1)
                    viaString.write(TextWidth.fit(text, to: width, alignRight: alignRight), row: 0, column: 2, role: .dim,
                                    limit: min(width, 10))
                    #expect(direct == viaString, "\(text) width \(width) right \(alignRight)")
                }
            }
        }
        // Past the limit the column is clipped: padding never ends in an ellipsis.
        var clipped = Screen(width: 16, height: 1)
        clipped.write("abc", row: 0, column: 0, fitting: 12, role: .dim, limit: 6)
        #expect(renderPlainText(clipped).hasPrefix("abc") && !renderPlainText(clipped).contains("…"))
    }

    @Test func smallScalarTableAgreesWithTheRules() {
        for character in ["█", "▒", "·", "✓", "✗", "▶", "◌", "⊗", "─", "■", "é", "\u{301}", "\u{AD}", "…"] {
            let scalars = character.unicodeScalars
            let fromTable = TextWidth.of(Character(character))
            let value = Int(scalars.first!.value)
            #expect(fromTable == Int(TextWidth.smallScalarWidths[value]))
        }
        #expect(TextWidth.of(Character("✓")) == 1 && TextWidth.of(Character("\u{301}")) == 0)
    }
}
