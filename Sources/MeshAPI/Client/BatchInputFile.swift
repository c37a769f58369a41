import Foundation

/// Reads a batch input file (JSONL, one request a line) and checks it the way the server would,
/// so that a bad file is refused locally with its line number instead of as a 422 about
/// `body.requests.4817`. Each line is `{custom_id, body}` or OpenAI's batch-input shape
/// `{custom_id, method, url, body}`; blank lines are skipped.
///
///     let requests = try BatchInputFile.parse(data)   // throws BatchInputError
public enum BatchInputFile {
    public static let maxRequests = 50_000

    public static func parse(_ data: Data) throws -> [BatchRequestItem] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw BatchInputError(line: nil, message: "the file is not UTF-8 text")
        }
        var requests: [BatchRequestItem] = []
        // Keyed by code points, as the server compares ids: "café" in NFC and NFD are two ids.
        var lineOfCustomID: [CodePointKey: Int] = [:]
        var firstModel: (name: String, line: Int)?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let value: JSONValue
            do {
                value = try JSONValueParser.parse(line)
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
            // Code points, as the server counts (Python's len()), not graphemes.
            guard CodePointKey.length(of: customID) <= 64 else {
                throw BatchInputError(line: lineNumber, message: "custom_id \"\(customID.prefix(20))…\" is longer than 64 code points")
            }
            if let earlier = lineOfCustomID[CodePointKey(customID)] {
                throw BatchInputError(line: lineNumber, message: "duplicate custom_id \"\(customID)\" (first used on line \(earlier))")
            }
            lineOfCustomID[CodePointKey(customID)] = lineNumber
            guard let body = object["body"], body.objectValue != nil else {
                throw BatchInputError(line: lineNumber, message: "body is missing or not an object")
            }
            guard let model = body["model"]?.stringValue, !model.isEmpty else {
                throw BatchInputError(line: lineNumber, message: "body.model is missing or not a string")
            }
            if let firstModel, firstModel.name != model {
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
            requests.append(BatchRequestItem(customID: customID, method: "POST", url: url, body: body))
        }
        guard !requests.isEmpty else {
            throw BatchInputError(line: nil, message: "the file has no requests (it is empty)")
        }
        guard requests.count <= maxRequests else {
            throw BatchInputError(line: nil, message: "\(requests.count) requests; a batch holds at most \(maxRequests)")
        }
        return requests
    }
}
