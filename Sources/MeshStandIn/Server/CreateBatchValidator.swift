import Foundation
import MeshAPI

/// Checks a `POST /v1/batches` body against every rule of mesh-api.md and answers either a
/// `NewBatch` ready to store or the failure to send. Validation issues are collected FastAPI-style
/// (all of them, capped), each with a `loc` that points at the offending field.
struct CreateBatchValidator {
    static let maxRequests = MeshLimits.requestsPerBatch
    static let maxCustomIDLength = MeshLimits.customIDLength
    static let maxMetadataKeys = MeshLimits.metadataKeys
    static let maxMetadataKeyLength = MeshLimits.metadataKeyLength
    static let maxMetadataValueLength = MeshLimits.metadataValueLength

    let catalog: ModelCatalog

    func validate(_ data: Data) throws -> NewBatch {
        try data.withUnsafeBytes { try validate($0) }
    }

    /// Reads the body straight from the request's buffer. The `requests` array is checked element
    /// by element as the parser reads it (`JSONValueParser.parse(_:streamingArrayAt:element:)`), so
    /// the tree of a 50,000-request create never exists whole: only each request while it is checked,
    /// and the items kept from it.
    func validate(_ bytes: UnsafeRawBufferPointer) throws -> NewBatch {
        // What the requests gave, filled while the document is read.
        var items: [NewBatch.Item] = []
        var seenIDs = Set<CodePointKey>()
        var firstModel: String?
        var requestIssues = ValidationIssueList()
        func check(_ element: StreamedElement) {
            let index = element.index
            if index == 0 {
                // A (repeated) `requests` key starts over: the last one counts, as in Python.
                items.removeAll(keepingCapacity: true)
                seenIDs.removeAll(keepingCapacity: true)
                firstModel = nil
                requestIssues.removeAll()
            }
            // Past the limit the array is only counted: it is refused whole as too long.
            guard index < Self.maxRequests else { return }
            if let item = checkedItem(element.value, bodyText: element.verbatimMember, at: index, seenIDs: &seenIDs,
                                      firstModel: &firstModel, issues: &requestIssues),
               requestIssues.isEmpty
            {
                items.append(item)
            }
        }

        let root: JSONValue
        let requestCount: Int?
        do {
            (root, requestCount) = try JSONValueParser.parse(
                bytes, streamingArrayAt: "requests", verbatimMember: "body", element: check)
        } catch {
            throw APIFailure.invalid(loc("body"), "JSON decode error", type: "json_invalid")
        }
        guard let object = root.objectValue else {
            throw APIFailure.invalid(loc("body"), "Input should be a valid dictionary", type: "model_attributes_type", input: root)
        }
        var issues = ValidationIssueList()

        // completion_window: a positive duration such as "24h".
        var window = "24h"
        var windowSeconds = 86_400
        if let value = object["completion_window"] {
            if let text = value.stringValue, let seconds = Self.durationSeconds(text) {
                window = text
                windowSeconds = seconds
            } else {
                issues.add(loc("body", "completion_window"), "Input should be a duration such as '24h'", "value_error", value)
            }
        }

        // metadata: an object or null.
        var metadata: [String: JSONValue]?
        if let value = object["metadata"], !value.isNull {
            if let members = value.objectValue {
                metadata = members
                Self.checkMetadata(members, issues: &issues)
            } else {
                issues.add(loc("body", "metadata"), "Input should be a valid dictionary", "dict_type", value)
            }
        }

        // requests: a non-empty list of at most 50,000 items.
        guard let requestsValue = object["requests"] else {
            issues.add(loc("body", "requests"), "Field required", "missing", root)
            throw APIFailure.validation(issues.all)
        }
        guard let count = requestCount else {
            issues.add(loc("body", "requests"), "Input should be a valid list", "list_type", requestsValue)
            throw APIFailure.validation(issues.all)
        }
        if count == 0 {
            issues.add(loc("body", "requests"), "List should have at least 1 item after validation, not 0", "too_short")
            throw APIFailure.validation(issues.all)
        }
        if count > Self.maxRequests {
            issues.add(loc("body", "requests"),
                  "List should have at most \(Self.maxRequests) items after validation, not \(count)", "too_long")
            throw APIFailure.validation(issues.all)
        }
        issues.append(requestIssues)
        guard issues.isEmpty, let modelName = firstModel else { throw APIFailure.validation(issues.all) }

        guard let model = catalog.resolve(modelName) else { throw UnknownModelError(name: modelName) }
        let provider = model.provider ?? String(model.id.split(separator: "/").first ?? "unknown")
        guard model.supportsBatching == true else {
            throw APIFailure.envelope(status: .notImplemented, code: "not_implemented",
                                      message: "Provider '\(provider)' does not support batch requests.")
        }
        return NewBatch(model: model.id, provider: provider, completionWindow: window, windowSeconds: windowSeconds,
                        metadata: metadata, items: items)
    }

    /// One request of the array at `index`: the item to store, or nil with its issues reported.
    /// `bodyText` is its `body` as it came, which is what is stored and (with `--upstream`) sent.
    /// `seenIDs` and `firstModel` carry what the earlier requests used.
    private func checkedItem(_ request: JSONValue, bodyText: String?, at index: Int, seenIDs: inout Set<CodePointKey>,
                             firstModel: inout String?, issues: inout ValidationIssueList)
        -> NewBatch.Item?
    {
        let at = loc("body", "requests", index)
        guard let fields = request.objectValue else {
            issues.add(at, "Input should be a valid dictionary", "model_attributes_type", request)
            return nil
        }
        var customID: String?
        switch fields["custom_id"] {
        case nil: issues.add(at + loc("custom_id"), "Field required", "missing", nil)
        case .string(let id) where id.isEmpty:
            issues.add(at + loc("custom_id"), "String should have at least 1 character", "string_too_short", .string(id))
        // Code points, as Python's len() counts: Character counts graphemes, and one grapheme
        // can hold any number of combining marks.
        case .string(let id) where CodePointKey.length(of: id) > Self.maxCustomIDLength:
            issues.add(at + loc("custom_id"), "String should have at most \(Self.maxCustomIDLength) characters",
                  "string_too_long", .string(id))
        case .string(let id):
            // By code points: canonically equivalent ids (NFC and NFD) are different ids to Mesh.
            if seenIDs.insert(CodePointKey(id)).inserted { customID = id } else {
                issues.add(at + loc("custom_id"), "Duplicate custom_id '\(id)'", "value_error", .string(id))
            }
        case let other?: issues.add(at + loc("custom_id"), "Input should be a valid string", "string_type", other)
        }
        if let method = fields["method"], !method.isNull, method.stringValue != "POST" {
            issues.add(at + loc("method"), "Input should be 'POST'", "literal_error", method)
        }
        if let url = fields["url"], !url.isNull, url.stringValue != "/v1/chat/completions" {
            issues.add(at + loc("url"), "Input should be '/v1/chat/completions'", "literal_error", url)
        }
        guard let body = fields["body"] else {
            issues.add(at + loc("body"), "Field required", "missing", nil)
            return nil
        }
        guard body.objectValue != nil else {
            issues.add(at + loc("body"), "Input should be a valid dictionary", "dict_type", body)
            return nil
        }
        // A batch item's answer is one whole chat.completion: a streamed one (server-sent events)
        // cannot be a result, and an upstream would be asked for it in vain.
        if let stream = body["stream"], !stream.isNull, stream != .bool(false) {
            issues.add(at + loc("body", "stream"), "Input should be false: batch requests are answered whole, not streamed",
                  "literal_error", stream)
        }
        guard let model = body["model"]?.stringValue else {
            issues.add(at + loc("body", "model"), body["model"] == nil ? "Field required" : "Input should be a valid string",
                  body["model"] == nil ? "missing" : "string_type", body["model"])
            return nil
        }
        if let firstModel, firstModel != model {
            issues.add(at + loc("body", "model"), "All requests must use the same model ('\(firstModel)')", "value_error",
                  .string(model))
            return nil
        }
        if firstModel == nil { firstModel = model }
        guard let customID else { return nil }
        return NewBatch.Item(customID: customID, bodyJSON: bodyText ?? JSONValueWriter.string(body))
    }

    /// "90s", "30m", "24h", "7d" -> seconds; nil for anything else.
    /// The metadata limits, each issue at its own `loc`. A value that is not a string is measured
    /// by its JSON text (the contract allows any JSON there; its size is what pages carry).
    static func checkMetadata(_ members: [String: JSONValue], issues: inout ValidationIssueList) {
        if members.count > maxMetadataKeys {
            issues.add(loc("body", "metadata"),
                       "Dictionary should have at most \(maxMetadataKeys) items after validation, not \(members.count)",
                       "too_long")
        }
        for key in members.keys.sorted() {
            // A long key is named by its start: the whole of it would make the 422 as big as the request.
            let named = key.unicodeScalars.count > maxMetadataKeyLength
                ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(maxMetadataKeyLength))) + "…" : key
            if key.unicodeScalars.count > maxMetadataKeyLength {
                issues.add(loc("body", "metadata", named), "Keys should have at most \(maxMetadataKeyLength) characters",
                           "string_too_long", .string(key))
            }
            let value = members[key]!
            let length = value.stringValue?.unicodeScalars.count ?? JSONValueWriter.string(value).unicodeScalars.count
            if length > maxMetadataValueLength {
                issues.add(loc("body", "metadata", named), "String should have at most \(maxMetadataValueLength) characters",
                           "string_too_long", value)
            }
        }
    }

    static func durationSeconds(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0, count <= 1_000_000 else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3_600
        case "d": return count * 86_400
        default: return nil
        }
    }
}
