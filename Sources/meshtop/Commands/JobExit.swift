import MeshAPI

/// The exit codes of the `jobs` commands (documented in `meshtop jobs --help` and the README).
enum JobExit {
    static let succeeded: Int32 = 0
    static let stopped: Int32 = 1
    static let finishedWithFailures: Int32 = 4
    static let cancelled: Int32 = 5
    static let drivenElsewhere: Int32 = 6
    static let journalFailed: Int32 = 7
    static let interrupted: Int32 = 130

    static func code(for state: JobState) -> Int32 {
        switch state {
        case .completed: return succeeded
        case .finishedWithFailures: return finishedWithFailures
        case .cancelled: return cancelled
        case .stopped: return stopped
        case .running, .cancelling, .unknown: return succeeded
        }
    }
}
