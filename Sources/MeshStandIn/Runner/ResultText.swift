import Foundation
import NIOCore

/// A result's JSON text as the store takes it: a string encoded here (the simulator's results,
/// failures in our words), or an upstream's answer framed as a result in the buffer it was read
/// into (`StoredResultText`), which the store binds in place so a 31 MiB answer is not copied into
/// a string first.
enum ResultText: Sendable {
    case string(String)
    /// Valid UTF-8 (the answer passed `JSONValueParser`; head and tail are ours).
    case utf8(ByteBuffer)
}
