import Foundation
import Testing
@testable import Dashboard

/// Exhaustive reducer testing in the spirit of TCA's `TestStore`: every `send` states the effects
/// asked for and the changes expected, and fails on any other change. The state is Hashable, so
/// "any other change" is exact; on a mismatch the failure names the fields that differ.
///
///     var store = ReducerStore(Fixtures.loaded([batch]))
///     store.send(.key(.character("p")), [.timer(.cancelPoll)]) {
///         $0.poll.paused = true
///         $0.message = StatusMessage("paused: p resumes", at: Fixtures.t0)
///     }
struct ReducerStore {
    private(set) var state: DashboardState

    init(_ state: DashboardState) {
        self.state = state
    }

    /// Sends `action`; expects exactly `effects` and exactly the state `change` makes of the old one.
    @discardableResult
    mutating func send(_ action: Action, _ effects: [Effect] = [],
                       sourceLocation: SourceLocation = #_sourceLocation,
                       _ change: (inout DashboardState) -> Void = { _ in }) -> [Effect] {
        var expected = state
        change(&expected)
        let actual = reduce(&state, action)
        #expect(actual == effects, "effects of \(action)", sourceLocation: sourceLocation)
        if state != expected {
            Issue.record("state after \(action) differs in: \(Self.differences(expected, state).joined(separator: "; "))",
                         sourceLocation: sourceLocation)
            // Go on from what the reducer did, so one miss does not cascade into every later step.
        }
        return actual
    }

    /// Sends `action` without asserting: only for setting the scene before the steps a test is
    /// about (the fixtures do the same through `reduce`), never for a step under test.
    @discardableResult
    mutating func skip(_ action: Action) -> [Effect] {
        reduce(&state, action)
    }

    /// The paths of the fields that differ, two levels deep ("poll.round.outstanding: 1 → 0").
    static func differences(_ expected: Any, _ actual: Any, path: String = "", depth: Int = 0) -> [String] {
        let left = Mirror(reflecting: expected), right = Mirror(reflecting: actual)
        let leftChildren = Array(left.children), rightChildren = Array(right.children)
        guard depth < 3, !leftChildren.isEmpty, leftChildren.count == rightChildren.count,
              left.displayStyle == .struct else {
            return ["\(path.isEmpty ? "state" : path): expected \(expected), got \(actual)"]
        }
        var found: [String] = []
        for (l, r) in zip(leftChildren, rightChildren) {
            let label = l.label ?? "?"
            // By == where the values have it: a Set or Dictionary prints in any order.
            let differs: Bool
            if let lv = l.value as? AnyHashable, let rv = r.value as? AnyHashable { differs = lv != rv }
            else { differs = String(describing: l.value) != String(describing: r.value) }
            if differs {
                found += differences(l.value, r.value, path: path.isEmpty ? label : path + "." + label, depth: depth + 1)
            }
        }
        return found.isEmpty ? ["(a difference String(describing:) does not show)"] : found
    }
}
