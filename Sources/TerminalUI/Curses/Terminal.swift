import CNcurses
import Dashboard
import Foundation

/// The one owner of curses. Lives on the main actor (the main queue), as the run loop requires:
/// every call into ncurses happens there.
///
/// Usage:
/// ```
/// let terminal = try Terminal(theme: theme, color: true)
/// terminal.draw(screen); let keys = terminal.readKeys(); terminal.restore()
/// ```
/// The caller installs signal handling first (SIG_IGN plus Dispatch sources), so ncurses does not
/// install its own SIGINT/SIGTERM/SIGWINCH handlers.
@MainActor
public final class Terminal {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// False when colour is off (NO_COLOR, --no-color, or a terminal without colours).
    public private(set) var usesColor: Bool
    public private(set) var theme: ColorTheme
    public private(set) var restored = false
    private var mapper: ColorMapper
    private var defaultColorsAllowed = false
    /// Roles whose foreground the palette cannot show against their background: drawn faint in the
    /// terminal's own colour instead (`ColorMapper.pair(for:)`).
    private var faintRoles: Set<StyleRole> = []
    /// The frame on screen, so the next draw writes only the rows that changed. nil forces a full draw.
    private var lastDrawn: Screen?

    public init(theme: ColorTheme, color: Bool) throws(TerminalError) {
        // UTF-8 is needed for wide characters; fall back to C.UTF-8 when the environment's locale is plain C.
        setlocale(LC_ALL, "")
        if meshtop_locale_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        guard isatty(STDOUT_FILENO) != 0, isatty(STDIN_FILENO) != 0 else {
            throw TerminalError("meshtop's dashboard needs a terminal on stdin and stdout; use --once for plain text")
        }
        // Before newterm: these are the modes (echo, canonical input) a crash must put back.
        FatalSignalGuard.saveTerminalModes()
        guard meshtop_newterm() != nil else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError("cannot use the terminal: TERM=\(term) has no terminfo entry; try TERM=xterm-256color")
        }
        cbreak()
        noecho()
        nonl()
        keypad(meshtop_stdscr(), true)
        nodelay(meshtop_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mouseinterval(0)
        mousemask(meshtop_mouse_mask(), nil)
        rows = Int(meshtop_lines())
        columns = Int(meshtop_cols())
        usesColor = color && has_colors()
        if usesColor {
            start_color()
            defaultColorsAllowed = use_default_colors() == OK
            usesColor = meshtop_colors() >= 8
        }
        mapper = ColorMapper(colors: usesColor ? Int(meshtop_colors()) : 0)
        self.theme = theme
        applyTheme(theme)
        // Should the process die of a trap or a bad pointer from now on, the terminal is put back first.
        FatalSignalGuard.install()
    }

    /// How many colours the terminal offers (0 when colour is off).
    public var colorCount: Int { mapper.colors }

    /// Rebuilds one colour pair per role; takes effect at the next draw.
    public func applyTheme(_ theme: ColorTheme) {
        self.theme = theme
        lastDrawn = nil
        faintRoles = []
        guard usesColor else { return }
        for (offset, role) in StyleRole.allCases.enumerated() {
            var (foreground, background, faint) = mapper.pair(for: theme.style(for: role))
            if faint { faintRoles.insert(role) }
            // Without use_default_colors, -1 is not a colour: use the classic white on black.
            if !defaultColorsAllowed {
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            init_pair(Int16(offset + 1), Int16(foreground), Int16(background))
        }
    }

    /// Draws a frame. Only rows that differ from the last frame are written (a tick that changes one
    /// age redraws one row, not 12,000 cells); `wnoutrefresh` + `doupdate` then send only changed cells.
    public func draw(_ screen: Screen) {
        guard !restored else { return }
        let height = min(screen.height, rows)
        let width = min(screen.width, columns)
        let previous = lastDrawn.flatMap { $0.width == screen.width && $0.height == screen.height ? $0 : nil }
        if previous == nil { erase() }
        var run: [wchar_t] = []
        for row in 0..<height {
            let cells = screen.cells[(row * screen.width)..<(row * screen.width + width)]
            if let previous, previous.cells[(row * screen.width)..<(row * screen.width + width)] == cells { continue }
            if previous != nil {
                setStyle(.normal)
                move(Int32(row), 0)
                clrtoeol()
            }
            drawRow(screen, row: row, width: width, run: &run)
        }
        setStyle(.normal)
        if let cursor = screen.cursor, cursor.row < rows, cursor.column < columns {
            move(Int32(cursor.row), Int32(cursor.column))
        }
        wnoutrefresh(meshtop_stdscr())
        doupdate()
        lastDrawn = screen
    }

    /// Writes one row in runs: ASCII cells of one role go out in one call; any other cell is written
    /// alone at its own column, so a width disagreement can never shift the rest of the row.
    private func drawRow(_ screen: Screen, row: Int, width: Int, run: inout [wchar_t]) {
        var column = 0
        while column < width {
            let role = screen[row, column].role
            let start = column
            var fillsCell = false
            run.removeAll(keepingCapacity: true)
            while column < width {
                let cell = screen[row, column]
                guard cell.role == role else { break }
                if cell.continuation {
                    if run.isEmpty { column += 1; continue }
                    break
                }
                let scalars = cell.text.unicodeScalars
                let ascii = scalars.count == 1 && scalars.first!.isASCII && scalars.first!.value >= 32
                if !ascii {
                    if !run.isEmpty { break }
                    fillsCell = BlockGlyph.fillsCell(cell.text)
                    run = scalars.map { wchar_t(bitPattern: $0.value) }
                    if run.isEmpty { run = [32] }
                    column += 1
                    // A wide character needs its continuation cell on screen.
                    if column < width && screen[row, column].continuation { column += 1 }
                    break
                }
                run.append(wchar_t(bitPattern: scalars.first!.value))
                column += 1
            }
            guard !run.isEmpty else { continue }
            setStyle(role, reverse: !fillsCell)
            run.withUnsafeBufferPointer { buffer in
                _ = meshtop_put(Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count))
            }
        }
    }

    /// `reverse: false` keeps a role's reverse video off for a glyph that fills its cell (`BlockGlyph`).
    private func setStyle(_ role: StyleRole, reverse: Bool = true) {
        let style = theme.style(for: role)
        let pair = usesColor ? (StyleRole.allCases.firstIndex(of: role) ?? -1) + 1 : 0
        meshtop_set_style(style.bold ? 1 : 0, style.underline ? 1 : 0, style.reverse && reverse ? 1 : 0,
                          faintRoles.contains(role) ? 1 : 0, Int32(pair))
    }

    /// Every key waiting on stdin, read with `get_wch` until `ERR` (nodelay mode).
    /// A `KEY_RESIZE` updates `rows`/`columns` and sets `resized`.
    public func readKeys() -> (keys: [Key], resized: Bool) {
        var keys: [Key] = []
        var resized = false
        guard !restored else { return (keys, resized) }
        // Bytes read past the end of an escape sequence, to be read again as input.
        var pending: [CursesInput] = []
        while let input = pending.isEmpty ? readInput(waitMilliseconds: 0) : pending.removeFirst() {
            switch input {
            case .functionKey(let code):
                if code == KEY_RESIZE {
                    lastDrawn = nil
                    rows = Int(meshtop_lines())
                    columns = Int(meshtop_cols())
                    resized = true
                } else if let key = KeyDecoder.decode(functionKey: code) {
                    keys.append(key)
                }
            case .character(EscapeSequence.escape):
                readEscapeSequence(into: &keys, pending: &pending)
            case .character(let code):
                if let key = KeyDecoder.decode(character: code) { keys.append(key) }
            }
        }
        return (keys, resized)
    }

    /// curses returns ESC alone when the bytes after it are no key its terminfo entry names (tmux's
    /// `ESC [1~` for Home under TERM=xterm-256color); the rest follow as characters. Read them, with a
    /// short wait for each, and let `EscapeSequence` decide: a known key, nothing, or a lone Esc.
    private func readEscapeSequence(into keys: inout [Key], pending: inout [CursesInput]) {
        var bytes: [UInt32] = [EscapeSequence.escape]
        while true {
            var outcome = EscapeSequence.decode(bytes, complete: false)
            if outcome == .needsMore {
                let next = pending.isEmpty ? readInput(waitMilliseconds: Self.sequenceByteWait) : pending.removeFirst()
                if case .character(let code) = next {
                    bytes.append(code)
                    continue
                }
                // Nothing more came, or curses decoded a key of its own: the sequence ends here.
                if let next { pending.insert(next, at: 0) }
                outcome = EscapeSequence.decode(bytes, complete: true)
            }
            let consumed: Int
            switch outcome {
            case .key(let key, let count):
                keys.append(key)
                consumed = count
            case .ignored(let count):
                consumed = count
            case .needsMore:
                return // decode(complete: true) never asks for more
            }
            pending.insert(contentsOf: bytes.dropFirst(consumed).map(CursesInput.character), at: 0)
            return
        }
    }

    /// How long to wait for the next byte of an escape sequence, in milliseconds. A terminal sends a
    /// sequence in one write, so its bytes are already here; the wait only delays a lone Esc, which
    /// curses has already held for ESCDELAY (25 ms).
    private static let sequenceByteWait: Int32 = 30

    /// One `get_wch`, waiting up to `waitMilliseconds` (0: nodelay); nil when nothing came.
    private func readInput(waitMilliseconds: Int32) -> CursesInput? {
        if waitMilliseconds > 0 { wtimeout(meshtop_stdscr(), waitMilliseconds) }
        defer { if waitMilliseconds > 0 { nodelay(meshtop_stdscr(), true) } }
        var value: wint_t = 0
        let result = get_wch(&value)
        if result == ERR { return nil }
        return result == KEY_CODE_YES ? .functionKey(Int32(value)) : .character(UInt32(value))
    }

    /// Tells curses the terminal's new size (from `ioctl(TIOCGWINSZ)` after `SIGWINCH`).
    public func resize(rows: Int, columns: Int) {
        guard !restored, rows > 0, columns > 0 else { return }
        resizeterm(Int32(rows), Int32(columns))
        lastDrawn = nil
        self.rows = Int(meshtop_lines())
        self.columns = Int(meshtop_cols())
    }

    /// The size from the kernel; nil when stdout is not a terminal.
    public nonisolated static func kernelSize() -> (rows: Int, columns: Int)? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard meshtop_terminal_size(STDOUT_FILENO, &rows, &columns) == 0 else { return nil }
        return (Int(rows), Int(columns))
    }

    public func bell() {
        guard !restored else { return }
        beep()
    }

    /// Writes `bytes` to the terminal as they are, between frames: for sequences curses has no call
    /// for, such as OSC 52 (the clipboard). Every frame ends with `doupdate`, which flushes curses'
    /// stream, so nothing of a frame is still buffered to be cut in two. They must not move the
    /// cursor or change what is drawn.
    public func passThrough(_ bytes: [UInt8]) {
        guard !restored else { return }
        bytes.withUnsafeBufferPointer { buffer in
            var written = 0
            while written < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + written, buffer.count - written)
                if n > 0 { written += n } else if n < 0, errno == EINTR { continue } else { return }
            }
        }
    }

    /// Leaves curses mode: alternate screen off, cursor and echo back. Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        FatalSignalGuard.uninstall()
        curs_set(1)
        endwin()
    }
}
