import Foundation
import GRDB
import MeshAPI

/// `jobs results --jsonl` as bytes, one item at a time: each line is the stored batch result's
/// text with `"attempt"` spliced in as its last member, copied from SQLite's own buffer (no
/// `String` per item, no re-encoding: the text is the server's, or meshtop's for an item that
/// never ran). Writing 200,000 results as `String`s and `JobItemResult`s was most of the 3.7 s.
///
///     var lines = JobResultLines()
///     try lines.append(row)            // a row of `JobJournalReader.resultsSQL`
///     sink.write(Data(lines.bytes))
struct JobResultLines {
    /// The lines so far (the caller writes them out and empties this).
    var bytes: [UInt8] = []
    /// `,"attempt":{...}}` and the LF of the attempt the last item came from: items of a chunk's
    /// attempt come in a row, so it is written once for thousands of them.
    private var suffix: (chunk: Int, attempt: Int, text: [UInt8])?

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the line for one row of `JobJournalReader.resultsSQL`.
    mutating func append(_ row: Row) throws {
        let chunk: Int = row[JobJournalReader.ResultColumn.chunk]
        let attempt: Int? = row[JobJournalReader.ResultColumn.resultAttempt]
        let spliced = try row.withUnsafeData(atIndex: JobJournalReader.ResultColumn.result) { data -> Bool in
            guard let data, let attempt, data.last == UInt8(ascii: "}") else { return false }
            data.withUnsafeBytes { bytes.append(contentsOf: $0[..<($0.count - 1)]) }
            if suffix?.chunk != chunk || suffix?.attempt != attempt {
                let batchID: String? = row[JobJournalReader.ResultColumn.batchID]
                let batch = batchID.map { JSONValueWriter.string(.string($0)) } ?? "null"
                suffix = (chunk, attempt, Array(",\"attempt\":{\"chunk\":\(chunk),\"number\":\(attempt),\"batch_id\":\(batch)}}\n".utf8))
            }
            bytes.append(contentsOf: suffix!.text)
            return true
        }
        if spliced { return }
        // Not done yet (no result, or no attempt it came from): meshtop's own line.
        JSONValueWriter.write(.object([
            "custom_id": .string(row[JobJournalReader.ResultColumn.customID]), "response": .null,
            "error": .object(["code": .string("pending"), "message": .string("no result yet: the job is not done with this item")]),
            "attempt": .null,
        ]), into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }
}
