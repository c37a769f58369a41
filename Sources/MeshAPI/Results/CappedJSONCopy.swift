/// A copy of a JSON document, fed in pieces, in which every string longer than `stringLimit` bytes
/// (as sent, escapes included) keeps only its start and ends with `cutMark`. Used where one result
/// may be huge (a 10 MiB or 1 GiB message): its summary and its body view are read from this copy,
/// so what is held in memory is bounded by the limits, not by the result's size.
///
///     var copy = CappedJSONCopy(stringLimit: 64 * 1024, byteLimit: 4 << 20)
///     copy.consume(piece)               // for each piece, in order
///     let value = try JSONValueParser.parse(Data(copy.bytes))  // if !copy.overflowed
///
/// Strings are cut between characters, never inside an escape, a UTF-8 sequence or a surrogate
/// pair, so the copy is valid JSON whenever the original is. What is not in strings (keys,
/// numbers, nesting) is copied as it is, up to `byteLimit` bytes in all; past that the copy stops
/// growing and `overflowed` says so (a result made of millions of numbers, not text).
public struct CappedJSONCopy: Sendable {
    /// Marks where a string was cut: U+FFFF, a noncharacter (Unicode keeps it out of interchanged
    /// text), followed by the whole string's length in characters, so a reader of the copy can tell
    /// a cut string from a whole one and say how long it was (`cut(_:)`).
    public static let cutMark: Unicode.Scalar = "\u{FFFF}"
    private static let cutMarkBytes: [UInt8] = [0xEF, 0xBF, 0xBF]

    public let stringLimit: Int
    public let byteLimit: Int
    public private(set) var bytes: [UInt8] = []
    /// Bytes fed so far (the original's length once all of it has been fed).
    public private(set) var consumed: Int64 = 0
    /// How many strings were cut.
    public private(set) var cutStrings = 0
    /// The copy reached `byteLimit` and stopped growing: it is not a whole document.
    public private(set) var overflowed = false

    private var inString = false
    /// Bytes of the current string copied so far, and its characters (Unicode scalars) so far, cut or not.
    private var stringBytes = 0
    private var stringScalars = 0
    /// The current string was cut: its bytes are dropped until its closing quote.
    private var dropping = false
    /// After a backslash: the bytes of the escape still to come (1, or 4 more after `u`).
    private var escapeLeft = 0
    private var inUnicodeEscape = false
    private var hex: UInt32 = 0
    /// The last escape was a high surrogate, so the next character (its low half) may not be cut off.
    private var afterHighSurrogate = false

    public init(stringLimit: Int, byteLimit: Int) {
        self.stringLimit = stringLimit
        self.byteLimit = byteLimit
    }

    /// For a string read from a copy that was cut there: what was kept, and how many characters the
    /// whole string had; nil for a string that is whole.
    public static func cut(_ text: String) -> (kept: String, characters: Int)? {
        let scalars = text.unicodeScalars
        guard let mark = scalars.lastIndex(of: cutMark),
              let characters = Int(String(String.UnicodeScalarView(scalars[scalars.index(after: mark)...]))) else { return nil }
        return (String(String.UnicodeScalarView(scalars[..<mark])), characters)
    }

    public mutating func consume(_ piece: UnsafeRawBufferPointer) {
        consumed += Int64(piece.count)
        for byte in piece {
            guard inString else {
                if byte == 0x22 { inString = true; stringBytes = 0; stringScalars = 0; dropping = false }
                keep(byte)
                continue
            }
            if escapeLeft > 0 {
                escapeLeft -= 1
                if inUnicodeEscape {
                    hex = hex << 4 | UInt32(Self.hexValue(byte))
                    if escapeLeft == 0 {
                        inUnicodeEscape = false
                        afterHighSurrogate = (0xD800...0xDBFF).contains(hex)
                    }
                } else if byte == UInt8(ascii: "u") {
                    inUnicodeEscape = true
                    escapeLeft = 4
                    hex = 0
                }
                if !dropping { keep(byte); stringBytes += 1 }
                continue
            }
            if byte == 0x22 {
                inString = false
                // The cut string ends with its whole length, in characters, after the mark.
                if dropping { Array(String(stringScalars).utf8).forEach { keep($0) } }
                keep(byte)
                continue
            }
            // A character starts here unless this is a UTF-8 continuation byte or a low surrogate's escape.
            let startsCharacter = byte & 0xC0 != 0x80 && !(afterHighSurrogate && byte == 0x5C)
            if startsCharacter { stringScalars += 1 }
            if byte == 0x5C {
                escapeLeft = 1
            } else {
                afterHighSurrogate = false
            }
            if !dropping, startsCharacter, stringBytes >= stringLimit {
                dropping = true
                cutStrings += 1
                Self.cutMarkBytes.forEach { keep($0) }
            }
            if !dropping { keep(byte); stringBytes += 1 }
        }
    }

    /// `value` with each cut string's mark and length replaced by `note(kept, characters in all)`:
    /// what a reader shows.
    public static func marked(_ value: JSONValue, note: (String, Int) -> String) -> JSONValue {
        switch value {
        case .string(let text):
            guard let (kept, characters) = cut(text) else { return value }
            return .string(kept + note(kept, characters))
        case .array(let elements): return .array(elements.map { marked($0, note: note) })
        case .object(let members): return .object(members.mapValues { marked($0, note: note) })
        default: return value
        }
    }

    private mutating func keep(_ byte: UInt8) {
        guard !overflowed else { return }
        if bytes.count >= byteLimit { overflowed = true; return }
        bytes.append(byte)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}

extension CappedJSONCopy {
    /// The capped copy of the result stored at `span`, read a mebibyte at a time: opening a 1 GiB
    /// result holds the copy and one mebibyte, not the gigabyte.
    public static func read(_ span: ByteSpan, from spool: ResultSpool, stringLimit: Int, byteLimit: Int) throws -> CappedJSONCopy {
        var copy = CappedJSONCopy(stringLimit: stringLimit, byteLimit: byteLimit)
        let step = 1 << 20
        var done = 0
        while done < span.length, !copy.overflowed {
            let length = min(step, span.length - done)
            let piece = try spool.read(ByteSpan(offset: span.offset + Int64(done), length: length))
            piece.withUnsafeBytes { copy.consume($0) }
            done += length
        }
        return copy
    }
}
