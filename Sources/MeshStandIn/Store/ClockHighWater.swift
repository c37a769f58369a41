/// What a database knows about the stand-in clock of the run that last used it, and where a new
/// run's clock must start so that nothing it says is earlier than anything that run said.
///
/// The clock keeper stores a mark every `keeperInterval` of real time, so after a kill -9 the dead
/// run's clock had gone on past its last mark, by up to `speed` simulated seconds per real second
/// since the mark was written (100 s a second at `--speed 100`). Resuming from the mark alone sent
/// `Date` and new stamps back by that much. The margin is measured, not guessed: the real time
/// since the mark, at the speed the dead run ran at, capped at `longestKeeperGap` so a restart
/// after a day away does not jump a simulated day (and expire every running batch). A forward jump
/// is harmless; a backward one is the bug.
struct ClockHighWater: Sendable, Equatable {
    /// How often the keeper stores a mark (real time).
    static let keeperInterval: Double = 0.25
    /// The longest real time the dead run is assumed to have outlived its last mark: the keeper's
    /// interval many times over, since a mark waits behind any write in progress (a 50,000-item
    /// create holds the writer for about a second).
    static let longestKeeperGap: Double = 2

    /// The largest stamp in the batches table (`created_at` ... `cancelled_at`), 0 when none.
    var latestStamp: Double
    /// The last stored mark (simulated seconds); nil when none was ever stored.
    var mark: Double?
    /// The wall time the mark was read at; nil for a mark from a build that did not store it.
    var markWallTime: Double?
    /// The speed the marking run's clock ran at; nil as for `markWallTime`.
    var markSpeed: Double?
    /// The mark was stored by a clean stop, after the server had stopped answering: nothing
    /// later was said, so it needs no margin.
    var markIsFinal: Bool

    /// Where the new run's clock starts: never before the wall clock, the latest stamp, or the
    /// latest moment the dead run's clock can have reached. `currentSpeed` stands in for an old
    /// mark's unknown speed.
    func resumePoint(wallNow: Double, currentSpeed: Double) -> Double {
        var resume = max(wallNow, latestStamp)
        if let mark {
            let sinceMark = markWallTime.map { min(max(wallNow - $0, 0), Self.longestKeeperGap) } ?? Self.longestKeeperGap
            let margin = markIsFinal ? 0 : sinceMark * (markSpeed ?? currentSpeed)
            resume = max(resume, mark + margin)
        }
        return resume
    }
}
