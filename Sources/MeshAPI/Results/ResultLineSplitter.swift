/// Splits a JSONL results file (`GET /v1/files/{id}/content`) into its lines as the bytes stream
/// in, handing on each non-blank line.
public struct ResultLineSplitter: Sendable {
    private var line: [UInt8] = []

    public init() {}

    public mutating func consume(_ bytes: UnsafeRawBufferPointer,
                                 onLine: (ArraySlice<UInt8>) throws -> Void) rethrows {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                try emit(onLine)
            } else {
                line.append(byte)
            }
        }
    }

    /// Hands on the last line when the file does not end with a newline.
    public mutating func finish(onLine: (ArraySlice<UInt8>) throws -> Void) rethrows {
        try emit(onLine)
    }

    private mutating func emit(_ onLine: (ArraySlice<UInt8>) throws -> Void) rethrows {
        defer { line.removeAll(keepingCapacity: true) }
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        try onLine(line[...])
    }
}
