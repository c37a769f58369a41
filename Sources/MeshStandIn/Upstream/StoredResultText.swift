import Foundation
import MeshAPI
import NIOCore

/// An upstream's answer as a stored result, written as text around the answer's own bytes:
/// `{"custom_id":…,"error":null,"response":{"body":<the answer>,"status_code":N}}`, the shape and
/// key order `JSONText` gives a `BatchResult`. Parsing a 31 MiB answer into a tree and encoding it
/// again held it about six times in memory at once; spliced, it is held in the received buffer and
/// this one string. The caller has checked that the bytes are one JSON object (`JSONValueParser`).
enum StoredResultText {
    static func answer(customID: String, status: Int, body: ByteBuffer) throws -> String {
        let head = Array(#"{"custom_id":"#.utf8) + Array(try JSONText.encoder().encode(customID))
            + Array(#","error":null,"response":{"body":"#.utf8)
        let tail = Array(#","status_code":\#(status)}}"#.utf8)
        var answer = body.readableBytesView[...]
        // A byte order mark is allowed before a document, never inside one.
        if answer.starts(with: [0xEF, 0xBB, 0xBF]) { answer = answer.dropFirst(3) }
        let count = head.count + answer.count + tail.count
        return String(unsafeUninitializedCapacity: count) { text in
            var at = text.initialize(fromContentsOf: head)
            at += UnsafeMutableBufferPointer(rebasing: text[at...]).initialize(fromContentsOf: answer)
            at += UnsafeMutableBufferPointer(rebasing: text[at...]).initialize(fromContentsOf: tail)
            return at
        }
    }
}
