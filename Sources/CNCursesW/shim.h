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

// Mouse masks are built by function-like macros.
static inline mmask_t ganvas_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED | REPORT_MOUSE_POSITION; }
static inline int ganvas_is_release(mmask_t state) { return (state & BUTTON1_RELEASED) != 0; }
static inline int ganvas_is_motion(mmask_t state) { return (state & REPORT_MOUSE_POSITION) != 0; }
static inline int ganvas_is_button1(mmask_t state) { return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int ganvas_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int ganvas_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }
