import Foundation
import MeshAPI

/// The JSON of one `GET /v1/batches/{id}` answer. A terminal batch carries every item's result,
/// and those are stored as JSON text already: they are spliced in as they are, instead of being
/// decoded into `BatchResult`s and encoded again. For 50,000 results that round trip took ~4 s of
/// a release build; splicing is a copy.
enum BatchBodyEncoder {
    private static let nullResults = Data(#""results":null"#.utf8)

    /// `batch` with `resultTexts` (stored result objects, in item order) as its `results`; a
    /// batch with no texts given (`nil`, not terminal yet) keeps `"results": null`.
    static func encode(_ batch: Batch, resultTexts: [String]?) throws -> Data {
        var shell = batch
        shell.results = nil
        let encoded = try JSONText.encoder().encode(shell)
        guard let resultTexts else { return encoded }
        // The encoder sorts keys, so only `status` and `usage_synced` (an enum and a bool) follow
        // `results`: searching from the end, the first `"results":null` is the batch's own. Any
        // other (a metadata key "results", or "a\"results" whose escaped quote ends the same
        // bytes) lies before it.
        guard let placeholder = encoded.range(of: nullResults, options: .backwards) else {
            shell.results = resultTexts.compactMap { JSONText.decode(BatchResult.self, from: $0) }
            return try JSONText.encoder().encode(shell)
        }
        var data = Data()
        data.reserveCapacity(encoded.count + resultTexts.reduce(16) { $0 + $1.utf8.count + 1 })
        data.append(encoded[..<placeholder.lowerBound])
        data.append(contentsOf: #""results":["#.utf8)
        for (index, text) in resultTexts.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(contentsOf: text.utf8)
        }
        data.append(UInt8(ascii: "]"))
        data.append(encoded[placeholder.upperBound...])
        return data
    }
}
