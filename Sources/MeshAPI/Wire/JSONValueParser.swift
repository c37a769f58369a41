import Foundation

/// Reads JSON text (RFC 8259, UTF-8) straight into a `JSONValue`.
///
/// `JSONDecoder` reaches a `JSONValue` by trial: each node is tried as a Bool, a number, a string,
/// an array and only then an object, and every miss builds and throws a `DecodingError`. For a
/// 50,000-request batch that was most of the stand-in's ~5 s accept. This parser looks at the
/// first byte instead. It reads as Mesh does (a FastAPI server, so Python's json): one value and
/// nothing after it but whitespace, no comments or trailing commas (which `JSONDecoder` lets
/// pass), control characters escaped, valid UTF-8 and surrogate pairs (Python would keep a lone
/// `\ud83d`; a Swift String cannot hold one, so it is refused); a repeated key keeps its
/// last value (`JSONDecoder` keeps the first). Numbers must be finite, as `JSONDecoder` has it
/// (Python would read 1e400 or NaN as floats that no JSON can carry back).
public struct JSONValueParser {
    /// Deeper nesting is refused rather than risking the stack.
    public static let maxDepth = 512

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0
    /// With `parse(_:streamingArrayAt:element:)`: the top-level member whose array elements go to
    /// `element` one by one instead of into the tree, and how many the last such array had.
    private var streamedKey: String?
    private var element: ((StreamedElement) -> Void)?
    private var streamedCount: Int?
    /// The member of each streamed element whose text is kept as it came, and the depth at which
    /// an element's own members are read (nil outside the streamed array).
    private var verbatimMember: String?
    private var elementMemberDepth: Int?
    private var verbatimText: String?
    /// Containers nested deeper than this are checked as `parse` checks them but not built: they
    /// come back empty (`parse(_:buildingDepth:)`).
    private var buildingDepth = Int.max
    /// How many members the last object at each depth had (6 before any): sibling objects have the
    /// same shape (the batches of a list page, 24 members each), so the next one starts at its size
    /// instead of rehashing on the way up from 6 (at most 64: one huge object does not size the rest).
    private var lastObjectSizes = [Int](repeating: 6, count: 8)

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        do {
            return try data.withUnsafeBytes { buffer in
                var parser = JSONValueParser(bytes: buffer)
                return try parser.parseDocument()
            }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(offset: 0, reason: "\(error)")
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(text, buildingDepth: .max)
    }

    /// Reads `text` with every check of `parse` (the same errors at the same offsets), but builds
    /// only the outer `buildingDepth` levels of containers: a deeper object or array is read to its
    /// end and comes back empty. What a caller that looks at a few members wants of a line whose
    /// bulk it keeps as text (`BatchInputReader`: a request's `custom_id`, `body.model`, `method`
    /// and `url`, not its messages). Only a `String`, so the bytes are known to be UTF-8 and a
    /// string left unbuilt needs no second UTF-8 check; its escapes are still checked.
    public static func parse(_ text: String, buildingDepth: Int) throws(JSONParseError) -> JSONValue {
        var text = text
        do {
            return try text.withUTF8 { utf8 in
                var parser = JSONValueParser(bytes: UnsafeRawBufferPointer(utf8))
                parser.buildingDepth = buildingDepth
                return try parser.parseDocument()
            }
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(offset: 0, reason: "\(error)")
        }
    }

    /// Reads a document as `parse` does, but hands each element of the array under the top-level
    /// member `key` to `element` (its index, its value) as soon as it is read, and keeps none of
    /// them: a 50,000-request create is then never a tree of 50,000 requests at once. When an
    /// element is an object with a member named `verbatimMember`, that member's text is handed
    /// over too, byte for byte as it came (key order, spacing, number spelling and escapes kept).
    /// In the answer's `root` that member is an empty array; `streamedCount` is how many elements
    /// it had, nil when the document has no such array (no such member, or not an array: then the
    /// member is in `root` as it came). A repeated key keeps its last value, as `parse` does: an
    /// index of 0 starts the array over, and a later value that is not an array clears the count.
    public static func parse(_ bytes: UnsafeRawBufferPointer, streamingArrayAt key: String,
                             verbatimMember: String? = nil,
                             element: (StreamedElement) -> Void) throws(JSONParseError)
        -> (root: JSONValue, streamedCount: Int?)
    {
        try withoutActuallyEscaping(element) { (element) throws(JSONParseError) in
            var parser = JSONValueParser(bytes: bytes)
            parser.streamedKey = key
            parser.verbatimMember = verbatimMember
            parser.element = element
            let root = try parser.parseDocument()
            return (root, parser.streamedCount)
        }
    }

    // MARK: Grammar

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // A UTF-8 byte order mark, as some editors write: Python reads bytes with one, so Mesh does too.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            return .string(try parseString(building: depth <= buildingDepth))
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        guard try enterContainer(closing: UInt8(ascii: "}")) else { return .object([:]) }
        guard depth <= buildingDepth else {
            try skipContainerMembers()
            return .object([:])
        }
        // Room for a few members from the start: growing from one bucket, rehashing as it went,
        // was a seventh of reading a request line.
        let sizeSlot = min(depth, lastObjectSizes.count - 1)
        var members = [String: JSONValue](minimumCapacity: lastObjectSizes[sizeSlot])
        repeat {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw failure("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after a key") }
            index += 1
            skipWhitespace()
            if depth == 1, key == streamedKey, peek(UInt8(ascii: "[")) {
                streamedCount = try streamArray()
                members[key] = .array([])
            } else {
                if depth == 1, key == streamedKey { streamedCount = nil }
                let start = index
                members[key] = try parseValue()
                if depth == elementMemberDepth, key == verbatimMember {
                    verbatimText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
            }
        } while try continueContainer(closing: UInt8(ascii: "}"), "an object")
        lastObjectSizes[sizeSlot] = min(max(members.count, 1), 64)
        return .object(members)
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        var elements: [JSONValue] = []
        guard try enterContainer(closing: UInt8(ascii: "]")) else { return .array(elements) }
        guard depth <= buildingDepth else {
            try skipContainerMembers(object: false)
            return .array(elements)
        }
        repeat {
            skipWhitespace()
            elements.append(try parseValue())
        } while try continueContainer(closing: UInt8(ascii: "]"), "an array")
        return .array(elements)
    }

    /// The rest of a container not built (its opening bracket and first blanks already read), checked
    /// as `parseObject` or `parseArray` would: keys are strings followed by ':', values anything.
    /// Values below it see `depth` past `buildingDepth`, so they are checked unbuilt too.
    private mutating func skipContainerMembers(object: Bool = true) throws(JSONParseError) {
        let closing = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        repeat {
            skipWhitespace()
            if object {
                guard peek(UInt8(ascii: "\"")) else { throw failure("expected a string key") }
                _ = try parseString(building: false)
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after a key") }
                index += 1
                skipWhitespace()
            }
            _ = try parseValue()
        } while try continueContainer(closing: closing, object ? "an object" : "an array")
    }

    /// The streamed array at `index`: each element to `element`, none kept. Answers the count.
    private mutating func streamArray() throws(JSONParseError) -> Int {
        var count = 0
        guard try enterContainer(closing: UInt8(ascii: "]")) else { return 0 }
        // An element that is an object reads its members one level further in.
        elementMemberDepth = depth + 1
        defer { elementMemberDepth = nil }
        repeat {
            skipWhitespace()
            verbatimText = nil
            let value = try parseValue()
            element?(StreamedElement(index: count, value: value, verbatimMember: value.objectValue == nil ? nil : verbatimText))
            count += 1
        } while try continueContainer(closing: UInt8(ascii: "]"), "an array")
        return count
    }

    /// Steps over the opening bracket at `index`; false (and the container closed) when it is empty.
    private mutating func enterContainer(closing: UInt8) throws(JSONParseError) -> Bool {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        index += 1
        skipWhitespace()
        guard peek(closing) else { return true }
        index += 1
        depth -= 1
        return false
    }

    /// After a member or element: true past a comma (another follows), false past the closing bracket.
    private mutating func continueContainer(closing: UInt8, _ container: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input in \(container)") }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return true
        case closing:
            index += 1
            depth -= 1
            return false
        default:
            throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
        }
    }

    /// A string at `index` (on its opening quote). Runs without escapes are copied as they are.
    /// Not `building`, it is checked the same way (its end, control characters, escapes) and ""
    /// comes back: the text is then a `String`'s, UTF-8 already (`parse(_:buildingDepth:)`).
    private mutating func parseString(building: Bool = true) throws(JSONParseError) -> String {
        let start = index
        index += 1
        var runStart = index
        var utf8: [UInt8] = []
        var escaped = false
        while true {
            guard index < bytes.count else { throw failure("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw failure("control character in a string (escape it)") }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if !escaped {
                escaped = true
                utf8.reserveCapacity(index - runStart + 16)
            }
            if building {
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            } else {
                utf8.removeAll(keepingCapacity: true)
            }
            try appendEscape(to: &utf8)
            runStart = index
        }
        guard building else {
            index += 1
            return ""
        }
        let text: String?
        if escaped {
            utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            text = utf8.withUnsafeBytes { String(checkedUTF8: $0) }
        } else {
            text = String(checkedUTF8: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
        }
        guard let text else { throw failure("invalid UTF-8 in a string", at: start) }
        index += 1
        return text
    }

    /// The escape at `index` (on its backslash), appended as UTF-8.
    private mutating func appendEscape(to utf8: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw failure("unterminated escape") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("a high surrogate \\u escape without its low half")
                }
                index += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a high surrogate followed by no low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("a low surrogate \\u escape without its high half")
            }
            utf8.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            index -= 1
            throw failure("unknown escape")
        }
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, checked here, converted by the standard library.
    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a number needs digits", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number may not start with 0", at: start) }
        } else {
            skipDigits()
        }
        var integral = true
        if peek(UInt8(ascii: ".")) {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("digits must follow '.'", at: start) }
            skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            integral = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("digits must follow the exponent", at: start) }
            skipDigits()
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        // Whole numbers of up to 16 characters (sign included) fit an Int64, and converting that
        // to Double rounds exactly as reading the text would: sum them without a String.
        if integral, text.count <= 16 {
            var value: Int64 = 0
            for byte in text where byte != UInt8(ascii: "-") { value = value * 10 + Int64(byte - UInt8(ascii: "0")) }
            return text.first == UInt8(ascii: "-") ? -Double(value) : Double(value)
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw failure("a number too large for a Double", at: start)
        }
        return value
    }

    // MARK: Bytes

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, literal.utf8Start, count) == 0
        else { throw failure("unexpected character", at: start) }
        index += count
    }

    private func failure(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason)
    }
}
