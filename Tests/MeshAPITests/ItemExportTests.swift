import Foundation
import MeshAPI
import Testing
@testable import meshtop

/// The dashboard's export never replaces a file: a second export of the same selection gets the next
/// free name and the first file is left as it was; the path answered is the one written.
@Suite struct ItemExportTests {
    @Test func anExistingFileIsNeverReplaced() throws {
        let folder = NSTemporaryDirectory() + "meshtop-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spool = ResultSpool(directory: folder)
        func span(_ text: String) throws -> ByteSpan {
            let bytes = Array(text.utf8)
            let offset = try bytes.withUnsafeBytes { try spool.append($0) }
            return ByteSpan(offset: offset, length: bytes.count)
        }
        let first = try span(#"{"custom_id":"a"}"#)
        let second = try span(#"{"custom_id":"b"}"#)
        let path = folder + "/meshtop-batch_x-failed.jsonl"
        try "someone's notes\n".write(toFile: folder + "/meshtop-batch_x-failed-2.jsonl", atomically: true, encoding: .utf8)

        #expect(try ItemExport.write(spans: [first], from: spool, to: path) == path)
        let again = try ItemExport.write(spans: [second], from: spool, to: path)
        #expect(again == folder + "/meshtop-batch_x-failed-3.jsonl", "the -2 is taken too")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"custom_id":"a"}"# + "\n")
        #expect(try String(contentsOfFile: again, encoding: .utf8) == #"{"custom_id":"b"}"# + "\n")
        #expect(try String(contentsOfFile: folder + "/meshtop-batch_x-failed-2.jsonl", encoding: .utf8) == "someone's notes\n")
        // No partial file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("meshtop-") }
        #expect(names.sorted() == ["meshtop-batch_x-failed-2.jsonl", "meshtop-batch_x-failed-3.jsonl", "meshtop-batch_x-failed.jsonl"])
    }
}
