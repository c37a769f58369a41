import Foundation

/// Text for the terminal's clipboard, as `y` asks for it: the terminal is told through OSC 52
/// (`ESC ] 52 ; c ; <base64> BEL`), which works over ssh and in tmux (with `set-clipboard on`),
/// since it travels with the screen's own output. The runtime writes `sequence`; the text is cut
/// (at a character boundary) to `limit` bytes of UTF-8, so one copy of a 10 MB answer cannot
/// flood the terminal: xterm, tmux and most terminals take an OSC 52 of this size, and the toast
/// says when the copy was cut.
///
///     ClipboardCopy("batch_01J").sequence   // ESC]52;c;YmF0Y2hfMDFK BEL, as bytes
public struct ClipboardCopy: Hashable, Sendable {
    /// 100,000 bytes of text (about 133 KB of base64): vim's and tmux's OSC 52 users' usual cap.
    public static let defaultLimit = 100_000

    /// What goes to the clipboard, exactly (cut when the original was longer than the limit).
    public let text: String
    /// The original's size in bytes when it was cut, else nil.
    public let cutFrom: Int?

    public init(_ text: String, limit: Int = Self.defaultLimit) {
        let bytes = text.utf8.count
        guard bytes > limit else {
            self.text = text
            cutFrom = nil
            return
        }
        // Whole characters only: a scalar cut in half would not decode on the other side.
        var kept = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            kept.append(character)
            used += size
        }
        self.text = kept
        cutFrom = bytes
    }

    /// The OSC 52 sequence that sets the clipboard (`c`) to `text`.
    public var sequence: [UInt8] {
        Array("\u{1b}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }
}
