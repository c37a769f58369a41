import Testing
@testable import MeshStandIn

/// Where a restarted clock resumes (`ClockHighWater.resumePoint`): never before anything the dead
/// run can have said, and no further ahead than the keeper's longest gap at the dead run's speed.
@Suite struct ClockHighWaterTests {
    private let wall = 1_800_000_000.0

    @Test func aKilledRunIsAssumedToHaveRunOnSinceItsMark() {
        // Marked 0.3 s of real time ago at --speed 100, 1,000 s ahead of the wall clock.
        let mark = ClockHighWater(latestStamp: wall + 990, mark: wall + 1_000, markWallTime: wall - 0.3, markSpeed: 100,
                                  markIsFinal: false)
        #expect(abs(mark.resumePoint(wallNow: wall, currentSpeed: 1) - (wall + 1_030)) < 0.001)
    }

    @Test func aLongDowntimeCostsAtMostTheLongestKeeperGap() {
        let mark = ClockHighWater(latestStamp: 0, mark: wall + 1_000, markWallTime: wall - 86_400, markSpeed: 100,
                                  markIsFinal: false)
        #expect(mark.resumePoint(wallNow: wall, currentSpeed: 100) == wall + 1_000 + ClockHighWater.longestKeeperGap * 100)
    }

    @Test func atRealSpeedTheClockStaysTheWallClock() {
        // The mark was the wall clock 0.1 s before the kill; the restart comes 0.05 s after it.
        let mark = ClockHighWater(latestStamp: wall - 1, mark: wall - 0.15, markWallTime: wall - 0.15, markSpeed: 1,
                                  markIsFinal: false)
        #expect(abs(mark.resumePoint(wallNow: wall, currentSpeed: 1) - wall) < 0.001)
    }

    @Test func aFinalMarkAndLaterStampsNeedNoMargin() {
        let final = ClockHighWater(latestStamp: wall + 10, mark: wall + 500, markWallTime: wall - 1, markSpeed: 100,
                                   markIsFinal: true)
        #expect(final.resumePoint(wallNow: wall, currentSpeed: 100) == wall + 500)
        let stampAhead = ClockHighWater(latestStamp: wall + 900, mark: wall + 500, markWallTime: wall - 1, markSpeed: 100,
                                        markIsFinal: true)
        #expect(stampAhead.resumePoint(wallNow: wall, currentSpeed: 100) == wall + 900)
        let empty = ClockHighWater(latestStamp: 0, mark: nil, markWallTime: nil, markSpeed: nil, markIsFinal: false)
        #expect(empty.resumePoint(wallNow: wall, currentSpeed: 100) == wall)
    }

    /// A mark from before the wall time and speed were stored: the longest gap at today's speed.
    @Test func anOldMarkGetsTheWholeMargin() {
        let old = ClockHighWater(latestStamp: 0, mark: wall + 100, markWallTime: nil, markSpeed: nil, markIsFinal: false)
        #expect(old.resumePoint(wallNow: wall, currentSpeed: 50) == wall + 100 + ClockHighWater.longestKeeperGap * 50)
    }
}
