#pragma once
// SwiftPM drops the -D flags of ncursesw.pc, so wide-character APIs need this before curses.h.
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>

// Globals and macros that Swift 6 cannot import or refuses as not concurrency-safe.
static inline WINDOW *ganvas_stdscr(void) { return stdscr; }
static inline int ganvas_lines(void) { return LINES; }
static inline int ganvas_cols(void) { return COLS; }
static inline int ganvas_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t ganvas_a_bold(void) { return A_BOLD; }
static inline attr_t ganvas_a_reverse(void) { return A_REVERSE; }
static inline attr_t ganvas_a_dim(void) { return A_DIM; }
static inline attr_t ganvas_a_underline(void) { return A_UNDERLINE; }
