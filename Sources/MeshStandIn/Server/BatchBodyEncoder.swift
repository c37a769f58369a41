import Foundation
import MeshAPI

/// The JSON of one `GET /v1/batches/{id}` answer. A terminal batch carries every item's result,
/// and those are stored as JSON text already: they are spliced in as they are, instead of being
/// decoded into `BatchResult`s and encoded again. For 50,000 results that round trip took ~4 s of
/// a release build; splicing is a copy. `results` is always the last member.
enum BatchBodyEncoder {
    /// `batch` with `resultTexts` (stored result objects, in item order) as its `results`; a
    /// batch with no texts given (`nil`, not terminal yet) keeps `"results": null`.
    static func encode(_ batch: Batch, resultTexts: [String]?) throws -> Data {
        var shell = batch
        shell.results = nil
        let encoded = try JSONText.encoder().encode(shell)
        guard let resultTexts else { return encoded }
        // The batch without its `results` member (taken out of the parsed object, so no key order
        // or look-alike text inside metadata matters), then the stored texts appended as the last
        // member. The shell is one small object; the results are copied, never parsed.
        guard case .object(var members) = try JSONValueParser.parse(encoded) else {
            throw EncodingError.invalidValue(batch, .init(codingPath: [], debugDescription: "a batch is not an object"))
        }
        members.removeValue(forKey: "results")
        var utf8: [UInt8] = []
        utf8.reserveCapacity(encoded.count + resultTexts.reduce(16) { $0 + $1.utf8.count + 1 })
        JSONValueWriter.write(.object(members), into: &utf8)
        utf8.removeLast()  // the object's closing brace
        utf8.append(contentsOf: members.isEmpty ? #""results":["#.utf8 : #","results":["#.utf8)
        for (index, text) in resultTexts.enumerated() {
            if index > 0 { utf8.append(UInt8(ascii: ",")) }
            utf8.append(contentsOf: text.utf8)
        }
        utf8.append(contentsOf: "]}".utf8)
        return Data(utf8)
    }
}
