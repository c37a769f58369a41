import MeshAPI
import Synchronization

/// Collects the waits a `RetryPolicy` asks for, without spending them, so tests can check that
/// `Retry-After` was honoured without depending on wall-clock time.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])

    var all: [Duration] { waits.withLock { $0 } }

    func policy(maxAttempts: Int = 4, budget: Duration = .seconds(60)) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), budget: budget) { [self] duration in
            waits.withLock { $0.append(duration) }
        }
    }
}
