import Foundation

/// Reads a batch input file (JSONL, one request a line) as a stream and checks each line the way
/// the server would, so that a bad file is refused locally with its line number instead of as a 422
/// about `body.requests.4817`. Each line is `{custom_id, body}` or OpenAI's batch-input shape
/// `{custom_id, method, url, body}`; blank lines are skipped; LF and CR LF line ends are both
/// accepted. Only the custom ids seen so far are kept (to refuse duplicates), never the lines.
///
///     var reader = BatchInputReader(oneModel: false)
///     try reader.read(FileHandle.standardInput) { line in store(line) }   // throws BatchInputError
///
/// `batches create` (one model, at most 50,000 lines) and `jobs run` (any models, any number of
/// lines) share it, so both give the same messages.
public struct BatchInputReader {
    /// A batch holds one model; a job groups lines by model.
    public let oneModel: Bool
    /// Lines past this many are refused (nil: no limit).
    public let maxRequests: Int?
    /// Whether duplicate custom ids are refused here. A job's planner leaves it to the journal's
    /// unique index, so 200,000 ids are not held in memory twice.
    public let checksDuplicates: Bool
    /// Whether each line's parsed value is handed over (`CheckedInputLine.value`). A job keeps the
    /// line's text and needs only its ids and model, so its lines are checked without building
    /// the messages of 200,000 requests as trees (`JSONValueParser.parse(_:buildingDepth:)`).
    public let keepsValues: Bool
    /// Requests read so far.
    public private(set) var count = 0

    /// Custom ids compared by code points, as Mesh compares them: "café" in NFC and NFD are two
    /// ids (Swift's `String ==` would call them equal).
    private var lineOfCustomID: [CodePointKey: Int] = [:]
    private var firstModel: (name: String, line: Int)?
    private var lineNumber = 0

    public init(oneModel: Bool, maxRequests: Int? = nil, checksDuplicates: Bool = true, keepsValues: Bool = true) {
        self.oneModel = oneModel
        self.maxRequests = maxRequests
        self.checksDuplicates = checksDuplicates
        self.keepsValues = keepsValues
    }

    /// The message for a custom id used twice: the same words whoever finds it.
    public static func duplicate(_ customID: String, line: Int, firstLine: Int) -> BatchInputError {
        BatchInputError(line: line, message: "duplicate custom_id \"\(customID)\" (first used on line \(firstLine))")
    }

    /// Reads `handle` to its end in 1 MiB reads, handing each checked line to `line` in order and
    /// every read's bytes, as they came, to `rawBytes` (a digest of the input, say). Throws the
    /// first problem found (`BatchInputError`), or whatever `line` throws.
    public mutating func read(_ handle: FileHandle, rawBytes: (Data) -> Void = { _ in },
                              _ line: (CheckedInputLine) throws -> Void) throws {
        var pending = Data()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw BatchInputError(line: nil, message: "the input could not be read (\(error.localizedDescription))")
            }
            if chunk.isEmpty { break }
            rawBytes(chunk)
            pending.append(chunk)
            let used = try pending.withUnsafeBytes { try feedLines(in: $0, line) }
            pending = used == pending.count ? Data() : Data(pending[(pending.startIndex + used)...])
        }
        if !pending.isEmpty { try pending.withUnsafeBytes { try feed($0, line) } }
        try finish()
    }

    /// Checks data already in memory, as `read` checks a file.
    public mutating func read(_ data: Data, _ line: (CheckedInputLine) throws -> Void) throws {
        try data.withUnsafeBytes { bytes in
            let used = try feedLines(in: bytes, line)
            if used < bytes.count { try feed(UnsafeRawBufferPointer(rebasing: bytes[used...]), line) }
        }
        try finish()
    }

    /// Feeds every whole line (up to its LF, found with `memchr`) of `bytes`; answers how many
    /// bytes that used (what follows the last LF is the start of a line still to come).
    private mutating func feedLines(in bytes: UnsafeRawBufferPointer,
                                    _ line: (CheckedInputLine) throws -> Void) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        while start < bytes.count,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            let newline = base.distance(to: UnsafeRawPointer(found))
            try feed(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), line)
            start = newline + 1
        }
        return start
    }

    private mutating func finish() throws {
        guard count > 0 else { throw BatchInputError(line: nil, message: "the file has no requests (it is empty)") }
    }

    /// One line's bytes, without its LF.
    private mutating func feed(_ bytes: UnsafeRawBufferPointer, _ handler: (CheckedInputLine) throws -> Void) throws {
        lineNumber += 1
        // Spaces, tabs and the CR of a CR LF line end trimmed as bytes (Foundation's trimming
        // per line was most of the time of checking 200,000 lines).
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, Self.isBlank(bytes[start]) { start += 1 }
        while end > start, Self.isBlank(bytes[end - 1]) { end -= 1 }
        if start == end { return }
        guard let text = String(checkedUTF8: UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else {
            throw BatchInputError(line: lineNumber, message: "the line is not UTF-8 text")
        }
        if let maxRequests, count >= maxRequests {
            throw BatchInputError(line: lineNumber, message: "more than \(maxRequests) requests; a batch holds at most \(maxRequests)")
        }
        try handler(try check(text))
        count += 1
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x0B || byte == 0x0C
    }

    private mutating func check(_ line: String) throws -> CheckedInputLine {
        let value: JSONValue
        do {
            // The line and its body are what the checks read; what is inside the body's members is
            // checked (valid JSON, finite numbers, escapes) but built only when it is handed over.
            value = try JSONValueParser.parse(line, buildingDepth: keepsValues ? .max : 2)
        } catch {
            // Offsets count from the line's first non-blank character.
            throw BatchInputError(line: lineNumber, message: "not valid JSON (\(error))")
        }
        guard let object = value.objectValue else {
            throw BatchInputError(line: lineNumber, message: "expected a JSON object with custom_id and body")
        }
        guard let customID = object["custom_id"]?.stringValue, !customID.isEmpty else {
            throw BatchInputError(line: lineNumber, message: "custom_id is missing or not a non-empty string")
        }
        // Code points, as the server counts them (not grapheme clusters).
        guard CodePointKey.length(of: customID) <= MeshLimits.customIDLength else {
            throw BatchInputError(line: lineNumber, message: "custom_id \"\(String(customID.unicodeScalars.prefix(20)))…\" is longer than \(MeshLimits.customIDLength) code points")
        }
        if checksDuplicates {
            let key = CodePointKey(customID)
            if let earlier = lineOfCustomID[key] { throw Self.duplicate(customID, line: lineNumber, firstLine: earlier) }
            lineOfCustomID[key] = lineNumber
        }
        guard let body = object["body"], body.objectValue != nil else {
            throw BatchInputError(line: lineNumber, message: "body is missing or not an object")
        }
        guard let model = body["model"]?.stringValue, !model.isEmpty else {
            throw BatchInputError(line: lineNumber, message: "body.model is missing or not a string")
        }
        if oneModel, let firstModel, firstModel.name != model {
            throw BatchInputError(line: lineNumber, message: "model \"\(model)\" differs from \"\(firstModel.name)\" on line \(firstModel.line); a batch uses one model")
        } else if firstModel == nil {
            firstModel = (model, lineNumber)
        }
        let method = object["method"]?.stringValue ?? "POST"
        guard method.uppercased() == "POST" else {
            throw BatchInputError(line: lineNumber, message: "method must be POST, not \(method)")
        }
        let url = object["url"]?.stringValue ?? "/v1/chat/completions"
        guard url == "/v1/chat/completions" else {
            throw BatchInputError(line: lineNumber, message: "url must be /v1/chat/completions, not \(url)")
        }
        var text = line
        if object["method"] != nil, method != "POST" {
            // "post" passes here; the server takes only "POST". A line checked without its body's
            // members built is read whole again for this rare rewrite (it parsed once, so it parses).
            var members = keepsValues ? object : (try JSONValueParser.parse(line).objectValue ?? object)
            members["method"] = .string("POST")
            text = JSONValueWriter.string(.object(members))
        }
        return CheckedInputLine(lineNumber: lineNumber, customID: customID, model: model, text: text,
                                value: keepsValues ? value : nil)
    }
}
