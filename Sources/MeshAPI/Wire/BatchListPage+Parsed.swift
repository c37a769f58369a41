import Foundation

/// List pages read by `JSONValueParser` instead of `JSONDecoder`: the dashboard decodes every page
/// of every poll, and Codable's containers (a `try?` per field of 1,000 batches) were most of the
/// time `meshtop --once` spent on its own. The reading is the same as `Batch`'s Codable one, field
/// for field (`ParsedListPageTests` holds them side by side): what has the wrong type is dropped,
/// numbers are range-checked by `WireNumber`, a row without a string `id` is skipped and counted.
/// One difference, on purpose: `results` in a list page are not read (mesh-api.md lets a server send
/// them; every reader drops them, and a GET brings them when wanted).
extension BatchListPage {
    /// The page in `data` (a list page's JSON). The parser is stricter than `JSONDecoder` (it
    /// refuses a number no Double holds, such as 1e400, where Codable drops just that field), so a
    /// page it refuses is read by Codable as before; one neither can read throws.
    public static func parsed(from data: Data) throws -> BatchListPage {
        guard case .object(let members)? = try? JSONValueParser.parse(data) else {
            do {
                return try JSONDecoder().decode(BatchListPage.self, from: data)
            } catch {
                throw MeshError(kind: .decoding, message: "the server's batch list is not valid JSON of the expected shape")
            }
        }
        var rows: [Batch] = []
        var skipped = 0
        if case .array(let elements)? = members["data"] {
            rows.reserveCapacity(elements.count)
            for element in elements {
                if let batch = Batch(parsed: element) { rows.append(batch) } else { skipped += 1 }
            }
        }
        var page = BatchListPage(data: rows, firstID: members["first_id"]?.stringValue,
                                 lastID: members["last_id"]?.stringValue, hasMore: members["has_more"]?.boolValue ?? false)
        page.object = members["object"]?.stringValue ?? "list"
        page.skippedRows = skipped
        return page
    }
}

extension Batch {
    /// A batch from its parsed JSON, read as `init(from:)` reads it but for `results` (left nil);
    /// nil when it is not an object with a string `id`.
    init?(parsed value: JSONValue) {
        guard case .object(let m) = value, case .string(let id)? = m["id"] else { return nil }
        func string(_ key: String) -> String? { m[key]?.stringValue }
        func stamp(_ key: String) -> Int? { m[key]?.doubleValue.flatMap(WireNumber.stamp) }
        self.init(
            id: id, object: string("object"), endpoint: string("endpoint"), model: string("model"),
            provider: string("provider"), status: string("status").map(BatchStatus.init(rawValue:)),
            completionWindow: string("completion_window"), createdAt: stamp("created_at"),
            inProgressAt: stamp("in_progress_at"), expiresAt: stamp("expires_at"), finalizingAt: stamp("finalizing_at"),
            completedAt: stamp("completed_at"), failedAt: stamp("failed_at"), expiredAt: stamp("expired_at"),
            cancellingAt: stamp("cancelling_at"), cancelledAt: stamp("cancelled_at"),
            requestCounts: m["request_counts"].flatMap(RequestCounts.init(parsed:)),
            metadata: m["metadata"]?.objectValue, usageSynced: m["usage_synced"]?.boolValue,
            inputFileID: string("input_file_id"), outputFileID: string("output_file_id"),
            errorFileID: string("error_file_id"), errorsDetail: m["errors_detail"].flatMap(Self.errors(parsed:)),
            results: nil)
    }

    /// `errors_detail` as Codable reads it: every element an object, or none of them kept.
    private static func errors(parsed value: JSONValue) -> [BatchErrorDetail]? {
        guard case .array(let elements) = value else { return nil }
        var errors: [BatchErrorDetail] = []
        for element in elements {
            guard case .object(let e) = element else { return nil }
            errors.append(BatchErrorDetail(code: e["code"]?.stringValue, message: e["message"]?.stringValue,
                                           param: e["param"]?.stringValue, line: e["line"]?.exactInt))
        }
        return errors
    }
}

extension RequestCounts {
    /// As `init(from:)`: an object, each count range-checked, 0 when absent.
    init?(parsed value: JSONValue) {
        guard case .object(let c) = value else { return nil }
        self.init(total: WireNumber.count(c["total"]?.exactInt) ?? 0,
                  completed: WireNumber.count(c["completed"]?.exactInt) ?? 0,
                  failed: WireNumber.count(c["failed"]?.exactInt) ?? 0)
    }
}

extension JSONValue {
    /// A number that is a whole `Int`, as Codable's `Int` reads it; nil otherwise.
    var exactInt: Int? {
        guard case .number(let number) = self else { return nil }
        return Int(exactly: number)
    }
}
