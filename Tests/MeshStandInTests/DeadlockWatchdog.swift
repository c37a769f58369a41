import Foundation
import Synchronization

/// Ends the test process if a test has not finished by its deadline. A deadlocked cooperative
/// pool takes Swift Testing's own time limit down with it (that limit runs on the same pool), so
/// without this a server that hangs would hang the whole suite, and CI, instead of failing it.
/// The wait runs on a thread of its own.
final class DeadlockWatchdog: Sendable {
    private let finished = Mutex(false)

    init(_ what: String, seconds: Double) {
        Thread.detachNewThread { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if finished.withLock({ $0 }) { return }
                Thread.sleep(forTimeInterval: 0.5)
            }
            FileHandle.standardError.write(Data(
                "DeadlockWatchdog: \(what) did not finish in \(Int(seconds)) s: the process is hung; exiting\n".utf8))
            exit(97)
        }
    }

    func finish() { finished.withLock { $0 = true } }
}
