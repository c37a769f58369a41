import Foundation
import Testing
@testable import Dashboard

/// The help says what a cycling key does, what it cycles through and the current value (item 12).
@Suite struct HelpWordsTests {
    @Test func cyclingKeysNameTheirCycleAndCurrentValue() {
        let state = Fixtures.loaded(Fixtures.mixed)
        let words = HelpContent.entries(for: state).compactMap { line -> String? in
            if case .key(let keys, let words) = line { return "\(keys) \(words)" }
            return nil
        }
        #expect(words.contains("f filter: all → active → done → has failures → status failed (now: all)"), "\(words)")
        #expect(words.contains("s sort: created → status → progress → model → eta (now: created)"))
        #expect(words.contains("⏎/→/l items"))
        #expect(words.contains("p pause or resume polling (now: polling)"))
    }
}
