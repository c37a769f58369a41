import Dashboard
import Testing
import TerminalUI

/// The escape sequences curses hands back undecoded (tmux under TERM=xterm-256color), decoded by
/// `EscapeSequence`: known keys map, unknown sequences are dropped, and only a lone ESC is Esc.
@Suite struct EscapeSequenceTests {
    private static func bytes(_ text: String) -> [UInt32] { [27] + text.unicodeScalars.map(\.value) }

    static let known: [(String, Key)] = [
        ("[1~", .home), ("[4~", .end), ("[H", .home), ("[F", .end), ("OH", .home), ("OF", .end),
        ("[7~", .home), ("[8~", .end), ("[1;5H", .home), ("[1;2F", .end),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("OA", .up), ("OD", .left),
        ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[Z", .backTab),
        ("OP", .function(1)), ("OS", .function(4)), ("[11~", .function(1)), ("[15~", .function(5)),
        ("[17~", .function(6)), ("[21~", .function(10)), ("[24~", .function(12)), ("[[A", .function(1)),
    ]

    @Test(arguments: known) func knownSequenceIsItsKey(sequence: String, key: Key) {
        let input = Self.bytes(sequence)
        #expect(EscapeSequence.decode(input, complete: false) == .key(key, consumed: input.count))
    }

    @Test func everyPrefixOfASequenceAsksForMore() {
        let input = Self.bytes("[21~")
        for length in 1..<input.count {
            #expect(EscapeSequence.decode(Array(input.prefix(length)), complete: false) == .needsMore)
        }
    }

    @Test(arguments: ["[2~", "[99~", "[?1;2c", "[200~", "OX", "[1;5X", "[M !!"])
    func unknownSequenceIsIgnoredNotEsc(sequence: String) {
        let input = Self.bytes(sequence)
        let outcome = EscapeSequence.decode(input, complete: false)
        guard case .ignored(let consumed) = outcome else {
            Issue.record("\(sequence): \(outcome)")
            return
        }
        #expect(consumed == input.count)
    }

    @Test func loneEscIsEscOnceNothingFollows() {
        #expect(EscapeSequence.decode([27], complete: false) == .needsMore)
        #expect(EscapeSequence.decode([27], complete: true) == .key(.escape, consumed: 1))
    }

    @Test func unfinishedSequenceIsIgnoredWhenNothingMoreCame() {
        #expect(EscapeSequence.decode(Self.bytes("[1"), complete: true) == .ignored(consumed: 3))
        #expect(EscapeSequence.decode(Self.bytes("O"), complete: true) == .ignored(consumed: 2))
        #expect(EscapeSequence.decode(Self.bytes("["), complete: true) == .ignored(consumed: 2))
    }

    @Test func escThenOrdinaryInputIsEscFollowedByThatInput() {
        #expect(EscapeSequence.decode(Self.bytes("q"), complete: false) == .key(.escape, consumed: 1))
        #expect(EscapeSequence.decode([27, 27], complete: false) == .key(.escape, consumed: 1))
    }

    @Test func controlCharacterCutsASequenceShortAndIsLeftAsInput() {
        // ESC [ 1 then Enter (13): the sequence is dropped, the Enter is read as input.
        #expect(EscapeSequence.decode(Self.bytes("[1") + [13], complete: false) == .ignored(consumed: 3))
    }
}
