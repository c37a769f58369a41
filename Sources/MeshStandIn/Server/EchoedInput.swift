import MeshAPI

/// The `input` a 422 echoes back, cut down to a bounded size. FastAPI echoes the offending value
/// whole, so a 50 MB request that failed validation came back as a 52 MB answer; here a long value
/// keeps its start and says what was cut, and one echo holds at most `budget` characters of
/// strings and `budget / 8` values, so 50 issues stay well under a MiB.
enum EchoedInput {
    /// Characters (code points) of strings, keys included, kept in one echo.
    static let budget = 2_048
    /// Characters kept of any one long string.
    static let stringPrefix = 200

    static func capped(_ value: JSONValue) -> JSONValue {
        var characters = budget
        var values = budget / 8
        return capped(value, characters: &characters, values: &values)
    }

    private static func capped(_ value: JSONValue, characters: inout Int, values: inout Int) -> JSONValue {
        values -= 1
        switch value {
        case .null, .bool, .number:
            return value
        case .string(let text):
            return .string(cut(text, characters: &characters))
        case .array(let elements):
            var kept: [JSONValue] = []
            for element in elements {
                guard values > 0, characters > 0 else { break }
                kept.append(capped(element, characters: &characters, values: &values))
            }
            if kept.count < elements.count { kept.append(.string("…[cut: \(elements.count) items in all]")) }
            return .array(kept)
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            // Sorted, so the same input echoes the same keys on every run.
            for key in members.keys.sorted() {
                guard values > 0, characters > 0 else { break }
                kept[cut(key, characters: &characters)] = capped(members[key]!, characters: &characters, values: &values)
            }
            if kept.count < members.count { kept["…"] = .string("[cut: \(members.count) keys in all]") }
            return .object(kept)
        }
    }

    private static func cut(_ text: String, characters: inout Int) -> String {
        let scalars = text.unicodeScalars
        let keep = min(scalars.count, stringPrefix, max(characters, 0))
        characters -= keep
        guard keep < scalars.count else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(keep))
        return String(kept) + "…[cut: \(scalars.count) characters in all]"
    }
}
