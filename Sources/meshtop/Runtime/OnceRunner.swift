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
        let deadline = Date().addingTimeInterval(timeout)
        var pending = reduce(&state, .start(at: Date()))
        var gotData = false
        while Date() < deadline {
            let work = pending.compactMap { effect -> (APIRequest, Epoch)? in
                if case .api(let request, let epoch) = effect { return (request, epoch) }
                return nil
            }
            pending = []
            guard !work.isEmpty else { break }
            // The answers of one round come back together, as a poll's would.
            let actions = await withTaskGroup(of: Action.self) { group in
                for (request, epoch) in work { group.addTask { await runner.perform(request, epoch: epoch) } }
                var answers: [Action] = []
                for await answer in group { answers.append(answer) }
                return answers
            }
            for action in actions {
                if case .listPageLoaded = action { gotData = true }
                pending += reduce(&state, action)
            }
        }
        _ = reduce(&state, .tick(now: Date()))
        return (renderPlainText(render(state, width: state.width, height: state.height)), gotData)
    }
}
