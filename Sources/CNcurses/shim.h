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

#endif
