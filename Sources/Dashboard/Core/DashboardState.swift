import Foundation
import MeshAPI

/// Everything the dashboard shows, as plain data, composed of parts that each keep their own facts:
/// the mirror of the server (`mirror`), the poller (`poll`), the results store (`results`), the
/// list screen that lives across routes (`list`), and the route with the state of the screen on top
/// (`route`, `overlay`). Only `reduce` changes it; `render` reads it.
///
///     var state = DashboardState(options: DashboardOptions(endpointLabel: "http://127.0.0.1:8080"),
///                                pollInterval: 2, now: Date(), width: 120, height: 40)
///     let effects = reduce(&state, .start(at: Date()))
public struct DashboardState: Hashable, Sendable {
    public var options: DashboardOptions
    /// The clock as last told by an action (`tick`, answers); keys use it as "now".
    public var now: Date
    public var width: Int
    public var height: Int

    public var mirror = BatchMirror()
    public var poll: PollState
    public var results = ResultsStore()
    /// The server's clock as seen from the `Date` of its answers: ages are measured against it.
    public var serverClock = ServerClock()
    public var list = ListScreen()
    public var route: Route = .list
    public var overlay: Overlay = .none

    public var message: StatusMessage?
    /// What ended, failed, was cancelled or refused, for the event log screen (`L`).
    public var events = EventLog()
    public var balanceUSD: Double?
    public var models: [String: ModelInfo] = [:]
    /// Job names by job id, from the last read of the job journal: the list names a job's batches by them.
    public var jobNames: [String: String] = [:]

    /// How long a changed value stays highlighted: shorter than the fastest usual pace (2 s), so a
    /// batch that moves on every poll does not stay lit, and the highlight still says "this just moved".
    public static let highlightSeconds: Double = 1

    public init(options: DashboardOptions, pollInterval: Double = 2, now: Date = Date(), width: Int = 80, height: Int = 24) {
        self.options = options
        self.now = now
        self.width = width
        self.height = height
        poll = PollState(baseInterval: pollInterval)
    }

    /// The selected batch of the list, if any.
    public var selectedBatch: Batch? { list.selectedID.flatMap { mirror.batches[$0] } }

    /// The time on the server now (the local clock when no answer has said otherwise).
    public var serverNow: Date { serverClock.serverTime(at: now) }

    /// The batch of the items or body screen.
    public var itemsBatchID: String? {
        switch route {
        case .list, .team, .jobs, .events: return nil
        case .items(let screen), .itemBody(let screen, _): return screen.batchID
        }
    }

    /// The batch a batch command (cancel) acts on: the open one, else the selected one.
    public var focusedBatchID: String? { itemsBatchID ?? list.selectedID }
}
