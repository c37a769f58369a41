import Dashboard

/// Decodes the escape sequences that curses hands back byte by byte because the terminal's terminfo
/// entry does not name them (tmux with TERM=xterm-256color sends `ESC [1~` for Home, which that entry
/// calls `ESC OH`). Pure: bytes in, a key or nothing out, so every sequence is unit-tested.
///
/// Usage:
/// ```
/// switch EscapeSequence.decode([27, 91, 49, 126], complete: false) {
/// case .key(let key, let consumed): ... // .home, 4 bytes
/// case .ignored(let consumed): ...      // a sequence meshtop does not know: dropped, never Esc
/// case .needsMore: ...                  // read another byte (with a short timeout) and ask again
/// }
/// ```
public enum EscapeSequence {
    public enum Outcome: Equatable, Sendable {
        /// The first `consumed` bytes are `key`; any bytes after them are ordinary input.
        case key(Key, consumed: Int)
        /// The first `consumed` bytes are a sequence meshtop does not bind: drop them.
        case ignored(consumed: Int)
        /// The bytes so far may be the start of a sequence: read more before deciding.
        case needsMore
    }

    static let escape: UInt32 = 27

    /// `bytes` starts with ESC (27). `complete` is true when no more bytes came within the timeout,
    /// so an unfinished sequence is decided now: a lone ESC is Esc, an unfinished sequence is ignored.
    public static func decode(_ bytes: [UInt32], complete: Bool) -> Outcome {
        guard bytes.first == escape else { return .ignored(consumed: min(1, bytes.count)) }
        guard bytes.count > 1 else { return complete ? .key(.escape, consumed: 1) : .needsMore }
        switch bytes[1] {
        case 0x5B: return controlSequence(bytes, complete: complete) // '['
        case 0x4F: return singleShift(bytes, complete: complete) // 'O'
        default:
            // ESC then anything else (another ESC, a letter typed fast, Alt+key) is Esc followed by
            // that input, as curses itself reads it; only CSI and SS3 introduce sequences.
            return .key(.escape, consumed: 1)
        }
    }

    /// `ESC O x`: SS3, one final byte.
    private static func singleShift(_ bytes: [UInt32], complete: Bool) -> Outcome {
        guard bytes.count > 2 else { return complete ? .ignored(consumed: bytes.count) : .needsMore }
        let key: Key? = switch bytes[2] {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x4D: .enter // keypad Enter in application mode
        case 0x50...0x53: .function(Int(bytes[2] - 0x50) + 1) // P Q R S: F1-F4
        default: nil
        }
        if let key { return .key(key, consumed: 3) }
        return .ignored(consumed: 3)
    }

    /// `ESC [ params intermediates final` (ECMA-48): parameter bytes 0x30-0x3F, intermediate bytes
    /// 0x20-0x2F, one final byte 0x40-0x7E.
    private static func controlSequence(_ bytes: [UInt32], complete: Bool) -> Outcome {
        // The Linux console's F1-F5: ESC [ [ A..E.
        if bytes.count > 2 && bytes[2] == 0x5B {
            guard bytes.count > 3 else { return complete ? .ignored(consumed: 3) : .needsMore }
            if (0x41...0x45).contains(bytes[3]) { return .key(.function(Int(bytes[3] - 0x41) + 1), consumed: 4) }
            return .ignored(consumed: 4)
        }
        var index = 2
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20...0x3F:
                index += 1
            case 0x40...0x7E:
                let parameters = String(decoding: bytes[2..<index].map { UInt8($0) }, as: UTF8.self)
                // X10 mouse report: ESC [ M and three raw bytes that are not part of the CSI grammar.
                if byte == 0x4D && parameters.isEmpty {
                    guard bytes.count >= index + 4 else { return complete ? .ignored(consumed: bytes.count) : .needsMore }
                    return .ignored(consumed: index + 4)
                }
                if let key = controlKey(parameters: parameters, final: byte) { return .key(key, consumed: index + 1) }
                return .ignored(consumed: index + 1)
            default:
                // A control character or non-ASCII input cut the sequence short: drop what came
                // before it and leave that byte to be read as input.
                return .ignored(consumed: index)
            }
        }
        return complete ? .ignored(consumed: bytes.count) : .needsMore
    }

    /// The keys meshtop binds. Modifiers (`1;5H` is Ctrl+Home) are dropped: no binding uses them,
    /// and Shift+End doing what End does beats doing nothing.
    private static func controlKey(parameters: String, final: UInt32) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.map(String.init) ?? ""
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x5A: return .backTab // ESC [ Z
        case 0x50...0x53 where first == "1": return .function(Int(final - 0x50) + 1) // ESC [1;2P: modified F1-F4
        case 0x7E: // ESC [ n ~
            guard let number = Int(first) else { return nil }
            return tildeKey(number)
        default: return nil
        }
    }

    /// The vt220-style `ESC [ n ~` keys (xterm, tmux, rxvt, the Linux console).
    private static func tildeKey(_ number: Int) -> Key? {
        switch number {
        case 1, 7: return .home // 7: rxvt
        case 4, 8: return .end // 8: rxvt
        case 3: return .delete
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10) // F1-F5
        case 17...21: return .function(number - 11) // F6-F10
        case 23, 24: return .function(number - 12) // F11, F12
        default: return nil
        }
    }
}
