/// Splits a batch object into its parts as its bytes stream in: everything but `results` is kept
/// (`skeleton`, with `"results": null`, a kilobyte or two that decodes as a `Batch`), and each
/// element of the `results` array is handed on as soon as its last byte arrives. So a batch of
/// 50,000 results never has to be in memory at once.
///
///     var splitter = BatchBodySplitter()
///     for chunk in body { try splitter.consume(chunk) { element in try store(element) } }
///     let batch = try JSONDecoder().decode(Batch.self, from: Data(splitter.skeleton))
///
/// It tracks only strings, escapes and nesting; whether the JSON is valid is left to the decoder
/// of the skeleton and of each element. Elements that are not objects or arrays are dropped.
public struct BatchBodySplitter: Sendable {
    /// The batch object with the `results` array replaced by `null`.
    public private(set) var skeleton: [UInt8] = []
    /// The object had a `results` array (possibly empty), as a terminal batch's GET does.
    public private(set) var sawResultsArray = false

    private var depth = 0
    private var inString = false
    private var escaped = false
    /// At depth 1 the next string is a key.
    private var expectingKey = false
    private var collectingKey = false
    private var key: [UInt8] = []
    /// A ':' at depth 1 was seen and the value has not started yet.
    private var awaitingValue = false
    private var inResults = false
    private var element: [UInt8] = []
    private var inElement: Bool { depth > 2 && inResults }

    private static let resultsKey = Array("results".utf8)
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

    public init() {}

    /// Reads the next bytes of the body; calls `onElement` with each complete `results` element.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer,
                                 onElement: (ArraySlice<UInt8>) throws -> Void) rethrows {
        try consume(bytes, spillingAt: .max) { piece, _ in try onElement(piece) }
    }

    /// Reads the next bytes of the body, handing each `results` element on in pieces: whenever
    /// `spill` bytes of one are buffered they go to `onPiece` (`last` false), and its final bytes
    /// with `last` true. So one huge result (a 1 GiB message) is never held whole; a small one
    /// arrives as a single last piece.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer, spillingAt spill: Int,
                                 onPiece: (_ piece: ArraySlice<UInt8>, _ last: Bool) throws -> Void) rethrows {
        for byte in bytes {
            if inElement, element.count >= spill {
                try onPiece(element[...], false)
                element.removeAll(keepingCapacity: true)
            }
            if inString {
                keep(byte)
                if escaped {
                    escaped = false
                } else if byte == Self.backslash {
                    escaped = true
                } else if byte == Self.quote {
                    inString = false
                    if collectingKey { collectingKey = false }
                } else if collectingKey, key.count <= Self.resultsKey.count {
                    key.append(byte)
                }
                continue
            }
            if Self.isWhitespace(byte) {
                keep(byte)
                continue
            }
            if awaitingValue {
                awaitingValue = false
                if depth == 1, byte == Self.openBracket, key == Self.resultsKey {
                    // The results array: its bytes go to the elements, the skeleton says null.
                    inResults = true
                    sawResultsArray = true
                    skeleton.append(contentsOf: Array("null".utf8))
                    depth += 1
                    continue
                }
            }
            switch byte {
            case Self.quote:
                inString = true
                if depth == 1, expectingKey {
                    expectingKey = false
                    collectingKey = true
                    key.removeAll(keepingCapacity: true)
                }
                keep(byte)
            case Self.openBrace, Self.openBracket:
                depth += 1
                if inResults, depth == 3 { element.removeAll(keepingCapacity: true) }
                keep(byte)
                if depth == 1 { expectingKey = byte == Self.openBrace }
            case Self.closeBrace, Self.closeBracket:
                if inResults, depth == 2 {
                    // The end of the results array.
                    inResults = false
                    depth -= 1
                    continue
                }
                keep(byte)
                depth -= 1
                if inResults, depth == 2 { try onPiece(element[...], true) }
            case Self.comma:
                keep(byte)
                if depth == 1 { expectingKey = true }
            case Self.colon:
                keep(byte)
                if depth == 1 { awaitingValue = true }
            default:
                keep(byte)
            }
        }
    }

    /// Routes a byte: into the element being read, nowhere (between elements), or the skeleton.
    private mutating func keep(_ byte: UInt8) {
        if inResults {
            if inElement { element.append(byte) }
        } else {
            skeleton.append(byte)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
