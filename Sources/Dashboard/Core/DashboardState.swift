import Foundation
import MeshAPI

/// Everything the dashboard shows, as plain data. Only `reduce` changes it; `render` reads it.
///
///     var state = DashboardState(options: DashboardOptions(endpointLabel: "http://127.0.0.1:8080"),
///                                now: Date(), width: 120, height: 40)
///     let effects = reduce(&state, .start(at: Date()))
public struct DashboardState: Hashable, Sendable {
    public var options: DashboardOptions
    /// The clock as last told by an action (`tick`, answers); keys use it as "now".
    public var now: Date
    public var width: Int
    public var height: Int

    /// Every batch seen, by id: merging a page of 100 into 10,000 is 100 lookups.
    public var batches: [String: Batch] = [:]
    /// The ids shown in the list, sorted and filtered. Kept up to date by `reduce` so `render`
    /// only reads the visible slice.
    public var order: [String] = []
    /// `order` must be recomputed (a batch appeared, or a sort or filter key changed).
    var orderDirty: Bool = false
    /// The selection is an id, so it follows its batch when rows move.
    public var selectedID: String?
    /// First visible row of the list.
    public var listScroll: Int = 0
    public var detailScroll: Int = 0
    public var focus: Focus = .list
    public var mode: ViewMode = .list
    public var overlay: Overlay = .none

    public var sort: SortKey = .created
    /// The selected row's position in `order` (nil when nothing is shown).
    public var selectedIndex: Int?
    public var statusFilter: StatusFilter = .all
    public var filterText: String = ""
    /// `/` is taking typed characters.
    public var filterEditing: Bool = false

    public var connection: ConnectionState = .connecting
    public var poll: PollState
    public var progress: [String: ProgressHistory] = [:]
    /// When a row's status or counts last changed: it highlights for `highlightSeconds`.
    public var changedAt: [String: Date] = [:]
    /// Batches the person asked to cancel, shown as `cancelling` until the server agrees.
    public var cancelRequested: Set<String> = []
    public var message: StatusMessage?
    public var balanceUSD: Double?
    public var models: [String: ModelInfo] = [:]
    /// Token usage summed over a batch's results, computed when results arrive (not per frame).
    public var usage: [String: TokenUsage] = [:]
    /// Item results of the batches that have them, as summaries: the bodies stay in the runtime's
    /// spool, so a batch of 50,000 results costs megabytes here.
    public var results: [String: [ItemSummary]] = [:]
    /// The batches in `results`, the one whose items were stored or opened longest ago first.
    public var resultsRecency: [String] = []

    /// Items view.
    public var items: ItemsIndex?
    public var itemsFailedOnly: Bool = false
    public var itemSelection: Int = 0
    public var itemScroll: Int = 0
    public var bodyScroll: Int = 0
    /// The item body view's text, once the runtime has read it (`Effect.loadItemBody`).
    public var itemBody: ItemBody?

    public static let highlightSeconds: Double = 2

    public init(options: DashboardOptions, now: Date = Date(), width: Int = 80, height: Int = 24) {
        self.options = options
        self.now = now
        self.width = width
        self.height = height
        poll = PollState(baseInterval: options.pollInterval)
    }

    /// The selected batch, if any.
    public var selectedBatch: Batch? { selectedID.flatMap { batches[$0] } }

    /// Non-terminal batches: they count against the quota and are the ones polled with GET.
    /// Kept by `reduce` so the header does not scan 10,000 batches per frame.
    public var activeIDs: Set<String> = []
}
