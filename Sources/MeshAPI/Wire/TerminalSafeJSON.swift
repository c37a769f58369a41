/// Copies JSON text the server sent, byte for byte, except what must not reach a terminal raw:
/// every code point `TerminalText` escapes (DEL, the C1 controls, the bidirectional marks and
/// overrides, the line and paragraph separators, the invisible format characters) becomes a
/// `\uXXXX` escape, as `JSONValueWriter` writes them, and a raw C0 control (never valid inside JSON, so only a broken server sends one)
/// becomes `\u00XX` where it is not whitespace between tokens. Valid JSON stays valid and reads back
/// as the same value: key order, spacing, number spelling and escapes stay the server's. With
/// `oneLine`, whitespace between tokens is dropped, so one object is one line of JSONL.
///
/// It keeps its place across calls (a chunk may end inside a string or a multi-byte character),
/// so a body can be copied as it streams:
///
///     var copier = TerminalSafeJSON(oneLine: false)
///     for chunk in body { copier.copy(chunk, into: &output) }
///     copier.finish(into: &output)
public struct TerminalSafeJSON: Sendable {
    public let oneLine: Bool
    private var inString = false
    private var escaped = false
    /// The bytes of a multi-byte character whose lead byte can start an escaped code point.
    private var pending: [UInt8] = []
    private var pendingLength = 0

    public init(oneLine: Bool) {
        self.oneLine = oneLine
        pending.reserveCapacity(4)
    }

    /// Whether a code point is written as an escape rather than raw: the terminal's one set.
    public static func escapes(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar).map(TerminalText.isEscaped) ?? false
    }

    public mutating func copy(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count)
        for byte in bytes { copy(byte, into: &output) }
    }

    // Concrete types, not `some Sequence`: a generic one is not specialised across the module
    // boundary, and iterating through witness tables made `get --json` 10 MB/s.
    public mutating func copy(_ bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBytes { copy($0, into: &output) }
    }

    public mutating func copy(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        bytes.withUnsafeBytes { copy($0, into: &output) }
    }

    /// Writes what a chunk left unfinished (a character cut short), as it came.
    public mutating func finish(into output: inout [UInt8]) {
        output.append(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
        pendingLength = 0
    }

    @inline(__always)
    private mutating func copy(_ byte: UInt8, into output: inout [UInt8]) {
        if pendingLength > 0 {
            guard byte & 0xC0 == 0x80 else {
                // Not a continuation: the character was broken; it goes out as it came.
                finish(into: &output)
                return copy(byte, into: &output)
            }
            pending.append(byte)
            if pending.count == pendingLength { finishCharacter(into: &output) }
            return
        }
        if byte < 0x80 {
            copyASCII(byte, into: &output)
        } else if byte == 0xC2 || byte == 0xD8 || byte == 0xE1 || byte == 0xE2 || byte == 0xEF {
            // Leads of every code point above U+007F that TerminalText escapes (U+0080-U+009F,
            // U+061C, U+180E, U+20xx, U+FExx/U+FFxx); others cannot need an escape.
            pending.append(byte)
            pendingLength = byte >= 0xE0 ? 3 : 2
        } else {
            output.append(byte)
        }
    }

    @inline(__always)
    private mutating func copyASCII(_ byte: UInt8, into output: inout [UInt8]) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
        } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            if !oneLine { output.append(byte) }
            return
        } else if byte == UInt8(ascii: "\"") {
            inString = true
        }
        if byte < 0x20 || byte == 0x7F {
            Self.appendEscape(UInt32(byte), into: &output)
        } else {
            output.append(byte)
        }
    }

    private mutating func finishCharacter(into output: inout [UInt8]) {
        let scalar: UInt32 = pending.count == 2
            ? UInt32(pending[0] & 0x1F) << 6 | UInt32(pending[1] & 0x3F)
            : UInt32(pending[0] & 0x0F) << 12 | UInt32(pending[1] & 0x3F) << 6 | UInt32(pending[2] & 0x3F)
        if Self.escapes(scalar) {
            Self.appendEscape(scalar, into: &output)
        } else {
            output.append(contentsOf: pending)
        }
        pending.removeAll(keepingCapacity: true)
        pendingLength = 0
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ scalar: UInt32, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { output.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)]) }
    }
}
