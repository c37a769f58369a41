// The only C in meshtop. It asks ncurses for its wide-character API and wraps the
// library's global variables, which Swift 6's strict concurrency refuses to read directly.
#ifndef MESHTOP_CNCURSES_SHIM_H
#define MESHTOP_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <langinfo.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline WINDOW *meshtop_stdscr(void) { return stdscr; }
static inline int meshtop_lines(void) { return LINES; }
static inline int meshtop_cols(void) { return COLS; }
static inline int meshtop_colors(void) { return COLORS; }
static inline int meshtop_color_pairs(void) { return COLOR_PAIRS; }

/// The terminal's size from the kernel, for SIGWINCH handling (ncurses' LINES/COLS lag behind).
static inline int meshtop_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/// Display width of one Unicode scalar (wcwidth needs a UTF-8 locale set with setlocale).
static inline int meshtop_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/// Sets the style for the next writes on stdscr; A_* and COLOR_PAIR are macros Swift cannot import.
static inline void meshtop_set_style(int bold, int underline, int reverse, int dim, int pair) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (dim) a |= A_DIM;
    if (underline) a |= A_UNDERLINE;
    if (reverse) a |= A_REVERSE;
    wattr_set(stdscr, a, (short)pair, NULL);
}

/// Writes up to n wide characters at (y, x) on stdscr (mvaddnwstr is a macro).
static inline int meshtop_put(int y, int x, const wchar_t *s, int n) {
    return mvwaddnwstr(stdscr, y, x, s, n);
}

/// The mouse events meshtop asks for: left press (a click with mouseinterval(0)) and the wheel.
static inline mmask_t meshtop_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}

/// 1 = left click, 2 = wheel up, 3 = wheel down, 0 = anything else.
static inline int meshtop_mouse_kind(mmask_t state) {
    if (state & BUTTON4_PRESSED) return 2;
    if (state & BUTTON5_PRESSED) return 3;
    if (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    return 0;
}

/// Ignores a signal so a Dispatch signal source can receive it (SIG_IGN is a cast macro).
static inline void meshtop_ignore_signal(int signo) { signal(signo, SIG_IGN); }

/// newterm on the process's stdout/stdin (Swift 6 refuses to read the C globals stdout/stdin).
/// NULL when TERM names a terminal without a terminfo entry, instead of initscr's print-and-exit.
static inline SCREEN *meshtop_newterm(void) { return newterm(NULL, stdout, stdin); }

/// True when the current locale's character set is UTF-8.
static inline int meshtop_locale_is_utf8(void) {
    const char *set = nl_langinfo(CODESET);
    return set != NULL && (strcmp(set, "UTF-8") == 0 || strcmp(set, "utf8") == 0);
}

#endif
