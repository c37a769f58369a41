import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The server's clock from the `Date` of its answers: a skew is followed at once, a faster clock
/// (the stand-in at `--speed 10`) is measured, and a real server's clock is not made to drift.
@Suite struct ServerClockTests {
    typealias F = Fixtures
    static let e = Epoch()

    static func seconds(_ date: Date, from base: Date) -> Double { date.timeIntervalSince(base) }

    @Test func withoutAnAnswerTheLocalClockIsUsed() {
        let clock = ServerClock()
        #expect(clock.serverTime(at: F.t0) == F.t0)
        #expect(clock.rate == 1)
    }

    @Test func aServerAtTenTimesSpeedIsMeasuredAfterFiveSeconds() {
        var clock = ServerClock()
        let server0 = F.at(-86_400)
        clock.record(serverDate: server0, at: F.t0)
        // Less than five local seconds: a header's whole seconds are too coarse to measure a pace.
        clock.record(serverDate: server0.addingTimeInterval(30), at: F.at(3))
        #expect(clock.rate == 1)
        clock.record(serverDate: server0.addingTimeInterval(60), at: F.at(6))
        #expect(clock.rate == 10)
        // From then on the server's time moves ~10 s per local second.
        let now = Self.seconds(clock.serverTime(at: F.at(6)), from: server0)
        let later = Self.seconds(clock.serverTime(at: F.at(7)), from: server0)
        #expect(abs(now - 60) <= 1)
        #expect(abs((later - now) - 10) < 0.001)
        // Further readings agree and keep the pace.
        clock.record(serverDate: server0.addingTimeInterval(160), at: F.at(16))
        #expect(clock.rate == 10)
        #expect(abs(Self.seconds(clock.serverTime(at: F.at(20)), from: server0) - 200) <= 1)
    }

    @Test func aSkewOfAnHourIsFollowedAtOnce() {
        var clock = ServerClock()
        clock.record(serverDate: F.at(3600), at: F.t0)
        #expect(clock.serverTime(at: F.t0) == F.at(3600))
        #expect(clock.serverTime(at: F.at(2)) == F.at(3602))
        clock.record(serverDate: F.at(3610), at: F.at(10))
        #expect(clock.rate == 1)
        #expect(clock.serverTime(at: F.at(20)) == F.at(3620))
    }

    /// A server whose clock is stepped while the dashboard watches (NTP, a restart of the
    /// stand-in): the new time is followed at once, and the pace stays 1.
    @Test func aClockSteppedByAnHourIsFollowedAtOnceAndKeepsItsPace() {
        var clock = ServerClock()
        clock.record(serverDate: F.t0, at: F.t0)
        clock.record(serverDate: F.at(3610), at: F.at(10))
        #expect(abs(Self.seconds(clock.serverTime(at: F.at(10)), from: F.t0) - 3610) <= 1)
        #expect(clock.rate == 1)
        #expect(abs(Self.seconds(clock.serverTime(at: F.at(11)), from: F.t0) - 3611) <= 1)
        
    }

    @Test func aRateWithinTwoPercentOfOneIsExactlyOne() {
        var clock = ServerClock()
        clock.record(serverDate: F.t0, at: F.t0)
        clock.record(serverDate: F.at(10.15), at: F.at(10))
        #expect(clock.rate == 1)
        clock.record(serverDate: F.at(19.7), at: F.at(20))
        #expect(clock.rate == 1)
        // The readings only confirmed the estimate: no drift from a rounding error.
        #expect(clock.serverTime(at: F.at(100)) == F.at(100))
        // 3% is a pace.
        var fast = ServerClock()
        fast.record(serverDate: F.t0, at: F.t0)
        fast.record(serverDate: F.at(103), at: F.at(100))
        #expect(abs(fast.rate - 1.03) < 1e-9)
    }

    /// Through `reduce`: every answer with a `Date` feeds the clock, and `serverNow` follows it.
    @Test func answersWithADateFeedTheClock() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let serverDate = F.at(3600)
        store.send(.listPageLoaded(F.page([]), at: F.t0, serverDate: serverDate, epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            $0.serverClock.record(serverDate: serverDate, at: F.t0)
            firstEmptyPageLoaded(&$0, at: F.t0, delay: 10)
        }
        #expect(store.state.serverNow == F.at(3600))
        store.send(.tick(now: F.at(1))) { $0.now = F.at(1) }
        #expect(store.state.serverNow == F.at(3601))
        // An answer from another session does not touch the clock.
        store.send(.listPageLoaded(F.page([]), at: F.at(2), serverDate: F.at(99_999), epoch: Epoch(session: 3, round: 0)))
    }
}
