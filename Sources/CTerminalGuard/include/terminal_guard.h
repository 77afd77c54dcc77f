#pragma once

/// Saves the terminal's settings so that every way out of the studio — quit, SIGINT, SIGTERM,
/// SIGHUP, and fatal signals — leaves the terminal as it was found.

/// Remembers the terminal modes of `fd` and installs the signal handlers. `restore` is written
/// to `fd` on a fatal signal (leave the alternate screen, show the cursor, reset colours...).
void ganvas_guard_install(int fd, const char *restore);

/// 1 once SIGINT, SIGTERM or SIGHUP arrived (the main loop then exits cleanly).
int ganvas_guard_stop_requested(void);

/// Puts the saved terminal modes back (after curses has ended).
void ganvas_guard_restore_modes(void);
