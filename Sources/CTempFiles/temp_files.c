#include "temp_files.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define SLOTS 16
#define PATH_BYTES 4096

static char paths[SLOTS][PATH_BYTES];
static volatile sig_atomic_t used[SLOTS];
static volatile sig_atomic_t deferred = 0;
static volatile sig_atomic_t stop_requested = 0;

/// Async-signal-safe: unlink(2), signal and raise.
static void on_signal(int signal_number) {
    for (int i = 0; i < SLOTS; i++) {
        if (used[i]) unlink(paths[i]);
    }
    stop_requested = 1;
    if (deferred) return;
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void ganvas_temp_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

int ganvas_temp_register(const char *path) {
    if (strlen(path) >= PATH_BYTES) return -1;
    for (int i = 0; i < SLOTS; i++) {
        if (!used[i]) {
            strcpy(paths[i], path);
            used[i] = 1;  // set after the copy: the handler never sees half a path
            return i;
        }
    }
    return -1;
}

int ganvas_temp_create(char *template, int *slot) {
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t length = strlen(template);
    if (length < 6 || strcmp(template + length - 6, "XXXXXX") != 0) { errno = EINVAL; return -1; }
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char random_bytes[6];
        if (getentropy(random_bytes, sizeof random_bytes) != 0) return -1;
        for (int i = 0; i < 6; i++) template[length - 6 + i] = letters[random_bytes[i] % 62];
        // Registered first: a signal from here on unlinks the path, made or not yet.
        *slot = ganvas_temp_register(template);
        int fd = open(template, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) return fd;
        int error = errno;
        ganvas_temp_forget(*slot);
        *slot = -1;
        if (error != EEXIST) { errno = error; return -1; }
    }
    errno = EEXIST;
    return -1;
}

void ganvas_temp_forget(int slot) {
    if (slot >= 0 && slot < SLOTS) used[slot] = 0;
}

void ganvas_temp_defer(int defer) { deferred = defer; }

int ganvas_temp_stop_requested(void) { return stop_requested; }
