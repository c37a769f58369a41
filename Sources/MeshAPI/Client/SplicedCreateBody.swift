import Foundation

/// A create's JSON body with its request lines spliced in as text, byte for byte (numbers past
/// 2^53, key order and escapes survive), for `MeshClient.createBatchRaw(body:)`: what `jobs`
/// and `batches retry` send from lines already checked by `BatchInputReader`.
///
///     let body = SplicedCreateBody.make(requestLines: lines, completionWindow: "24h", metadata: ["retry_of": id])
public enum SplicedCreateBody {
    public static func make(requestLines: [String], completionWindow: String, metadata: [String: String]) -> Data {
        var body = Data("{\"completion_window\":".utf8)
        body.append(contentsOf: JSONValueWriter.string(.string(completionWindow)).utf8)
        body.append(contentsOf: ",\"metadata\":".utf8)
        body.append(contentsOf: JSONValueWriter.string(.object(metadata.mapValues { .string($0) })).utf8)
        body.append(contentsOf: ",\"requests\":[".utf8)
        for (index, line) in requestLines.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: line.utf8)
        }
        body.append(contentsOf: "]}".utf8)
        return body
    }
}
