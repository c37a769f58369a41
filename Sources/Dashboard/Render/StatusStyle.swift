import MeshAPI

/// How a status looks: a glyph and a role, always next to the word (colour never alone).
enum StatusStyle {
    static func glyph(_ status: BatchStatus) -> String {
        switch status {
        case .validating: return "◌"
        case .inProgress: return "▶"
        case .finalizing: return "◎"
        case .completed: return "✓"
        case .failed: return "✗"
        case .expired: return "⊝"
        case .cancelling: return "⊘"
        case .cancelled: return "⊗"
        default: return "?"
        }
    }

    static func role(_ status: BatchStatus) -> StyleRole {
        switch status {
        case .validating, .inProgress, .finalizing, .cancelling: return .statusActive
        case .completed: return .statusDone
        case .failed, .expired: return .statusFailed
        case .cancelled: return .statusCancelled
        default: return .statusUnknown
        }
    }

    /// "✓ completed".
    static func label(_ status: BatchStatus) -> String { "\(glyph(status)) \(status.rawValue)" }

    /// A completed batch failing at least this share of its items gets a mark of its own: Mesh calls
    /// it completed, and a green tick would read as success.
    static let failedShareWorthAWarning = 0.1

    /// How a completed batch's failures read: nil when they do not change its look.
    enum CompletedWithFailures { case some, all }

    static func completedWithFailures(_ status: BatchStatus, _ counts: RequestCounts?) -> CompletedWithFailures? {
        guard status == .completed, let counts, counts.failed > 0 else { return nil }
        if counts.completed == 0 { return .all }
        let ran = counts.completed + counts.failed
        return Double(counts.failed) >= Double(ran) * failedShareWorthAWarning ? .some : nil
    }

    /// The label of a batch: "✗ completed" when every item failed, "⚠ completed" when many did.
    static func label(_ status: BatchStatus, counts: RequestCounts?) -> String {
        switch completedWithFailures(status, counts) {
        case .all?: return "✗ completed"
        case .some?: return "⚠ completed"
        case nil: return label(status)
        }
    }

    static func role(_ status: BatchStatus, counts: RequestCounts?) -> StyleRole {
        switch completedWithFailures(status, counts) {
        case .all?: return .statusFailed
        case .some?: return .warning
        case nil: return role(status)
        }
    }
}
