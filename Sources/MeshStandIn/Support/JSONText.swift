import Foundation

/// JSON to and from the text columns of the store, and the bytes of responses. One encoder setup
/// for the whole stand-in: slashes unescaped so `/v1/chat/completions` reads as it does on Mesh,
/// and keys sorted, so an answer reads the same on every run (the encoder's own order is a hash
/// order that changes from process to process).
enum JSONText {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
