#include "terminal_guard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static int saved_fd = -1;
static char restore_sequence[256];
static volatile sig_atomic_t stop_requested = 0;

static void on_stop(int signal_number) {
    (void)signal_number;
    stop_requested = 1;
}

/// Async-signal-safe: write(2), tcsetattr(3) and re-raising with the default action.
static void on_fatal(int signal_number) {
    if (saved_fd >= 0) {
        ssize_t ignored = write(saved_fd, restore_sequence, strlen(restore_sequence));
        (void)ignored;
        tcsetattr(saved_fd, TCSANOW, &saved_modes);
    }
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void ganvas_guard_install(int fd, const char *restore) {
    if (tcgetattr(fd, &saved_modes) == 0) saved_fd = fd;
    strncpy(restore_sequence, restore, sizeof restore_sequence - 1);
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = on_stop;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = on_fatal;
    sigemptyset(&fatal.sa_mask);
    int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (unsigned i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) sigaction(fatal_signals[i], &fatal, NULL);
}

int ganvas_guard_stop_requested(void) { return stop_requested; }

void ganvas_guard_restore_modes(void) {
    if (saved_fd >= 0) tcsetattr(saved_fd, TCSANOW, &saved_modes);
}
