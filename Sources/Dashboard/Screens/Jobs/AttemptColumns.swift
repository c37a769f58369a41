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
        var fixed = 1 + Self.chunk + 1 + Self.attempt + 1 + Self.phase + 1 + Self.status + 1 + Self.results + 1
        if showsModel { fixed += model + 1 + Self.items + 1 }
        if showsTimes { fixed += 2 * (Self.time + 1) }
        let longest = chunks.flatMap(\.attempts).compactMap { $0.batchID.map(TextWidth.of) }.max() ?? 8
        batch = max(8, min(longest, width - fixed - 1))
    }

    var heading: String {
        var text = " " + TextWidth.fit("CHUNK", to: Self.chunk) + " "
        if showsModel { text += TextWidth.fit("MODEL", to: model) + " " + TextWidth.fit(" ITEMS", to: Self.items) + " " }
        text += TextWidth.fit("TRY", to: Self.attempt) + " " + TextWidth.fit("PHASE", to: Self.phase) + " "
            + TextWidth.fit("BATCH", to: batch) + " " + TextWidth.fit("STATUS", to: Self.status) + " "
            + TextWidth.fit("RESULTS", to: Self.results) + " "
        if showsTimes { text += TextWidth.fit("SENT", to: Self.time) + " " + TextWidth.fit("ENDED", to: Self.time) }
        return text
    }
}
