import Foundation
import MeshAPI
import NIOCore

/// An upstream's answer read straight into the text of its stored result:
/// `{"custom_id":…,"error":null,"response":{"body":<the answer>,"status_code":N}}`, the shape and
/// key order `JSONText` gives a `BatchResult`. Parsing a 31 MiB answer into a tree and encoding it
/// again held it about six times in memory at once; splicing the received buffer into a string
/// still held it twice. Here the answer's bytes are written once, into the buffer the store is
/// given (`ResultText.utf8`), with the result's head before them and its tail after: the answer
/// is read (`answer`) and stored (`text`) from that one copy.
///
/// Whoever stores `text` checks first that `answer` is one JSON object (`JSONValueParser`, which
/// also refuses invalid UTF-8), so the whole is the result's JSON text.
struct StoredResultText: Sendable {
    /// Room kept before the head, so a byte order mark can be dropped by writing the head 3 bytes
    /// later instead of moving the answer: a mark is allowed before a document, never inside one.
    private static let markRoom = 3
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var buffer: ByteBuffer
    private let head: [UInt8]
    private let tail: [UInt8]
    /// Where the answer's bytes start in `buffer` (after the mark room and the head).
    private let answerStart: Int
    /// Set by `finish()`: the answer without its mark, if it had one, and the tail written.
    private var finished = false
    private var markDropped = false

    /// Ready for an answer of about `expectedAnswerBytes` (its `Content-Length`, when it has one:
    /// the buffer is then never grown, which would copy it).
    init(customID: String, status: Int, expectedAnswerBytes: Int) {
        // Quoted as `JSONText` quotes it, like every other stored result (a string always encodes;
        // the writer's quoting is the same JSON value).
        let quoted = (try? JSONText.encoder().encode(customID)).map(Array.init)
            ?? Array(JSONValueWriter.string(.string(customID)).utf8)
        head = Array(#"{"custom_id":"#.utf8) + quoted + Array(#","error":null,"response":{"body":"#.utf8)
        tail = Array(#","status_code":\#(status)}}"#.utf8)
        buffer = ByteBufferAllocator().buffer(
            capacity: Self.markRoom + head.count + max(0, expectedAnswerBytes) + tail.count)
        buffer.writeRepeatingByte(0x20, count: Self.markRoom)
        buffer.writeBytes(head)
        answerStart = buffer.writerIndex
    }

    /// The answer's bytes received so far.
    var answerByteCount: Int { buffer.writerIndex - answerStart - (finished ? tail.count : 0) }

    /// The next bytes of the answer, as they came.
    mutating func append(_ chunk: ByteBuffer) {
        precondition(!finished, "StoredResultText: an answer appended to after finish()")
        buffer.writeImmutableBuffer(chunk)
    }

    /// Ends the answer: drops its byte order mark, if any, and writes the result's tail.
    mutating func finish() {
        guard !finished else { return }
        if buffer.getBytes(at: answerStart, length: Self.markRoom) == Self.byteOrderMark {
            buffer.setBytes(head, at: Self.markRoom + Self.markRoom)
            markDropped = true
        }
        buffer.writeBytes(tail)
        finished = true
    }

    /// The answer's own bytes (without a byte order mark): a view of the one buffer, not a copy.
    var answer: ByteBuffer {
        let start = answerStart + (markDropped ? Self.markRoom : 0)
        let end = buffer.writerIndex - (finished ? tail.count : 0)
        return buffer.getSlice(at: start, length: end - start) ?? ByteBuffer()
    }

    /// The stored result's whole text (after `finish()`): a view of the one buffer, not a copy.
    var text: ByteBuffer {
        precondition(finished, "StoredResultText: text read before finish()")
        let start = markDropped ? Self.markRoom + Self.markRoom : Self.markRoom
        return buffer.getSlice(at: start, length: buffer.writerIndex - start) ?? ByteBuffer()
    }
}
