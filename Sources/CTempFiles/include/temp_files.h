#pragma once

/// Files a command is writing, removed if SIGINT, SIGTERM or SIGHUP ends it: a partial hidden
/// temp file must not stay in a folder the user named (the studio's gallery sweeps its own, no
/// other folder is swept). Paths are copied into fixed slots, so the handler only unlinks.

/// Installs the handlers: registered files are unlinked, then the signal's default action ends
/// the process, unless `ganvas_temp_defer(1)` asked to stop gracefully instead.
void ganvas_temp_install(void);

/// Remembers `path` (a slot of 16); returns the slot, or -1 when all are taken.
int ganvas_temp_register(const char *path);

/// Creates a new file from `template` (a path ending in XXXXXX, replaced in place by random
/// letters), registered before it exists: a signal can never find it made but unregistered, as
/// it could between mkstemp and ganvas_temp_register. Returns the open descriptor (mode 0600) and
/// stores its slot in `slot` (-1 when all are taken); -1 with errno when it cannot be made.
int ganvas_temp_create(char *template, int *slot);

/// Forgets the file in `slot` (it was renamed into place or removed).
void ganvas_temp_forget(int slot);

/// 1: a signal only removes the registered files and sets the stop flag (long work, such as a
/// walk's frames, checks it and cleans up after itself); 0: it also ends the process.
void ganvas_temp_defer(int defer);

/// 1 once one of the signals arrived.
int ganvas_temp_stop_requested(void);
