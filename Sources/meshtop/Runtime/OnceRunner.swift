import Dashboard
import Foundation
import MeshAPI

/// `--once`: the same reducer and renderer without curses. Runs the start effects (and the fetches
/// they lead to) to completion, then renders one frame. Timers are ignored: one pass, no polling.
enum OnceRunner {
    /// The frame as text and whether data arrived (false: the API could not be reached).
    static func run(state initial: DashboardState, api: any BatchAPI, timeout: Double = 20) async -> (text: String, gotData: Bool) {
        var state = initial
        let runner = APIEffectRunner(api: api, spool: ResultSpool(directory: StateFolder.prepare()))
        var gotData = false
        // Each answer is reduced as it arrives and what it asks for starts at once, as in the live
        // runtime: the next list page never waits for the models or the balance to answer (they used
        // to be awaited together, round by round, which held the whole walk behind the slowest).
        await withTaskGroup(of: Action?.self) { group in
            var pending = reduce(&state, .start(at: Date()))
            group.addTask {
                // The deadline: nil ends the wait whatever is still out.
                try? await Task.sleep(for: .seconds(timeout))
                return nil
            }
            var outstanding = 0
            while true {
                for effect in pending {
                    guard case .api(let request, let epoch) = effect else { continue }
                    outstanding += 1
                    group.addTask { await runner.perform(request, epoch: epoch) }
                }
                pending = []
                guard outstanding > 0, let answer = await group.next(), let action = answer else { break }
                outstanding -= 1
                if case .listPageLoaded = action { gotData = true }
                pending = reduce(&state, action)
            }
            group.cancelAll()
        }
        _ = reduce(&state, .tick(now: Date()))
        return (renderPlainText(render(state, width: state.width, height: state.height)), gotData)
    }
}
