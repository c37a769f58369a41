import Foundation
import MeshAPI

/// Small shared renderings for human output and `--json`.
enum OutputFormat {
    /// JSON for scripts: pretty (or one line, for JSONL), keys sorted so diffs and `jq` output are
    /// stable. Written by `JSONValueWriter`, which also escapes DEL and C1 controls: the server's
    /// values go out intact and valid, and nothing in them can drive a terminal `--json` is shown on.
    static func json(_ value: JSONValue, oneLine: Bool = false) -> String {
        JSONValueWriter.string(value, pretty: !oneLine) + "\n"
    }

    /// A `Codable` value as `JSONValue` (used when a value did not come from the wire as JSON).
    static func jsonValue<Value: Encodable>(_ value: Value) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value) else { return .null }
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
    }

    /// Local time, minute precision: enough to tell batches apart at a glance.
    static func time(_ stamp: Int?) -> String {
        guard let stamp else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(stamp)))
    }

    /// ANSI colour for a status. Colour only adds to the word; it never carries meaning alone.
    static func statusColour(_ status: BatchStatus?) -> String? {
        switch status {
        case .completed?: return "32"
        case .failed?: return "31"
        case .expired?, .cancelled?, .cancelling?: return "33"
        case .inProgress?, .finalizing?, .validating?: return "36"
        default: return nil
        }
    }

    static func progress(_ counts: RequestCounts?) -> String {
        guard let counts else { return "-" }
        return "\(counts.finished)/\(counts.total)"
    }
}
