import Foundation
import MeshAPI

/// Writes result objects from the spool to a JSONL file, one object a line, as the server sent them.
enum ItemExport {
    /// Written to a file beside the target and renamed over it at the end, so a failed export never
    /// leaves half a file under the name the message line gives.
    static func write(spans: [ByteSpan], from spool: ResultSpool, to path: String) throws {
        // Unique, so two exports of the same items at once cannot write into each other.
        let partial = path + ".partial-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: partial, contents: nil),
              let handle = FileHandle(forWritingAtPath: partial) else {
            throw ResultSpoolError("cannot create \(partial)")
        }
        do {
            var buffer: [UInt8] = []
            for span in spans {
                // A server may pretty-print; a raw newline can only be whitespace in JSON, so a
                // space keeps the object valid and on one line.
                buffer += try spool.read(span).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}
