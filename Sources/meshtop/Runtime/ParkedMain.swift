import Foundation

/// Holds the main task's continuation so it is never resumed and never dropped (a dropped
/// continuation is reported as a leak). The process ends through `exit` from the run loop.
final class ParkedMain: @unchecked Sendable {
    static let shared = ParkedMain()
    private let lock = NSLock()
    private var continuations: [CheckedContinuation<Void, Never>] = []

    func hold(_ continuation: CheckedContinuation<Void, Never>) {
        lock.lock()
        continuations.append(continuation)
        lock.unlock()
    }
}
