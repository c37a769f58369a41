import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A test-only crash on purpose, from `MESHTOP_JOBS_FAULT`: `after-create` (or `after-create:N`,
/// the Nth create of this process) kills the runner with SIGKILL right after a create's answer
/// and before the journal records it: the one moment a batch exists that the journal does not
/// name, which resume must find by its metadata instead of sending it again.
struct JobFaultPoint: Sendable {
    static let variable = "MESHTOP_JOBS_FAULT"

    let afterCreate: Int?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let value = environment[Self.variable], value.hasPrefix("after-create") else {
            afterCreate = nil
            return
        }
        afterCreate = value.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 1
    }

    /// Called after the `count`th create's answer arrived.
    func createAnswered(count: Int) {
        if let afterCreate, count == afterCreate { kill(getpid(), SIGKILL) }
    }
}
