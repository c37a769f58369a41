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
}
