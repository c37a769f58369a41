import Foundation

/// What the dashboard remembers between runs (issue 16, item 20): the theme, the list's sort and
/// status filter, the pace, and the detail pane. `reduce` asks the runtime to save them
/// (`TerminalEffect.saveSettings`) whenever one of them changes; the runtime reads them back at
/// start into the new state (`DashboardState.remember`), flags on the command line winning.
/// The `/` text filter is not remembered: a run that starts with rows hidden by a word typed last
/// week reads as batches gone missing.
///
///     let saved = try DashboardSettings(json: data)   // a damaged file throws; an unknown value is skipped
public struct DashboardSettings: Hashable, Sendable, Codable {
    public var theme: String?
    public var sort: SortKey?
    public var sortReversed: Bool?
    public var statusFilter: StatusFilter?
    /// Seconds between polls (`+`/`-`).
    public var pollInterval: Double?
    public var detailPane: DetailPaneMode?

    public init(theme: String? = nil, sort: SortKey? = nil, sortReversed: Bool? = nil, statusFilter: StatusFilter? = nil,
                pollInterval: Double? = nil, detailPane: DetailPaneMode? = nil) {
        self.theme = theme
        self.sort = sort
        self.sortReversed = sortReversed
        self.statusFilter = statusFilter
        self.pollInterval = pollInterval
        self.detailPane = detailPane
    }

    enum CodingKeys: String, CodingKey {
        case theme, sort, sortReversed = "sort_reversed", statusFilter = "status_filter"
        case pollInterval = "poll_interval", detailPane = "detail_pane"
    }

    /// Each field on its own: a value this build does not know (a sort a later version added, a
    /// pace out of `--interval`'s range) is skipped, the others kept. Only a file that is not a JSON object throws.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        theme = (try? values.decodeIfPresent(String.self, forKey: .theme)).flatMap { $0?.isEmpty == false ? $0 : nil }
        sort = try? values.decodeIfPresent(SortKey.self, forKey: .sort)
        sortReversed = try? values.decodeIfPresent(Bool.self, forKey: .sortReversed)
        statusFilter = try? values.decodeIfPresent(StatusFilter.self, forKey: .statusFilter)
        let interval = try? values.decodeIfPresent(Double.self, forKey: .pollInterval)
        pollInterval = interval.flatMap { (0.2...3600).contains($0) ? $0 : nil }
        detailPane = try? values.decodeIfPresent(DetailPaneMode.self, forKey: .detailPane)
    }

    public init(json: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: json)
    }

    /// The file's text: one JSON object, keys sorted so the same settings always read the same.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
