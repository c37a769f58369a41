import MeshAPI

/// The columns of an opened job's attempts at a width: the batch id gets what is left (whole where
/// it fits); the model and item count, then the send and end times, appear as the terminal widens.
struct AttemptColumns {
    static let chunk = 5
    static let items = 6
    static let attempt = 3
    static let phase = 9
    static let status = 11
    static let results = 16
    static let time = 8

    let model: Int
    let batch: Int
    let showsModel: Bool
    let showsTimes: Bool

    init(width: Int, chunks: [JobChunk]) {
        showsModel = width >= 100
        showsTimes = width >= 140
        model = max(6, min(24, chunks.map { TextWidth.of($0.model) }.max() ?? 6))
        var fixed = 1 + ColumnHeading.span(Self.chunk, Self.attempt, Self.phase, Self.status, Self.results)
        if showsModel { fixed += ColumnHeading.span(model, Self.items) }
        if showsTimes { fixed += ColumnHeading.span(Self.time, Self.time) }
        let longest = chunks.flatMap(\.attempts).compactMap { $0.batchID.map(TextWidth.of) }.max() ?? 8
        batch = max(8, min(longest, width - fixed - 1))
    }

    var heading: String {
        var heading = ColumnHeading()
        heading.add("CHUNK", Self.chunk)
        heading.add("MODEL", model, shown: showsModel)
        heading.add(" ITEMS", Self.items, shown: showsModel)
        heading.add("TRY", Self.attempt)
        heading.add("PHASE", Self.phase)
        heading.add("BATCH", batch)
        heading.add("STATUS", Self.status)
        heading.add("RESULTS", Self.results)
        heading.add("SENT", Self.time, shown: showsTimes)
        heading.addLast("ENDED", Self.time, shown: showsTimes)
        return heading.text
    }
}
