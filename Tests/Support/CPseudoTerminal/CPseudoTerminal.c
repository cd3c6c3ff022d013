#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

int ntm_pty_spawn(const char *path, char *const argv[], char *const envp[],
                  unsigned short rows, unsigned short columns, ntm_pty_child *child) {
    int error = 0;
    /* Close-on-exec, so children spawned concurrently by other tests never inherit our master. */
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return errno;
    if (grantpt(master) != 0 || unlockpt(master) != 0) {
        error = errno;
        close(master);
        return error;
    }
    char slave_name[128];
    if (ptsname_r(master, slave_name, sizeof slave_name) != 0) {
        error = errno;
        close(master);
        return error;
    }
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = columns;
    if (ioctl(master, TIOCSWINSZ, &size) != 0) {
        error = errno;
        close(master);
        return error;
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);

    /* setsid() runs before the file actions, so opening the slave (without O_NOCTTY) as the new session
     * leader makes it the controlling terminal; ^C typed on the master then sends SIGINT to the child. */
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, slave_name, O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDERR_FILENO);

    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGQUIT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTSTP);
    sigaddset(&defaults, SIGTTIN);
    sigaddset(&defaults, SIGTTOU);
    sigaddset(&defaults, SIGWINCH);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = 0;
    error = posix_spawn(&pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (error != 0) {
        close(master);
        return error;
    }
    child->master_fd = master;
    child->pid = pid;
    return 0;
}

int ntm_pty_write(int master_fd, const void *bytes, size_t length) {
    const char *next = bytes;
    while (length > 0) {
        ssize_t written = write(master_fd, next, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {
                struct pollfd pending = { .fd = master_fd, .events = POLLOUT };
                poll(&pending, 1, 100);
                continue;
            }
            return errno;
        }
        next += written;
        length -= (size_t)written;
    }
    return 0;
}

long ntm_pty_read(int master_fd, void *buffer, size_t capacity, int timeout_ms) {
    struct pollfd pending = { .fd = master_fd, .events = POLLIN };
    int ready;
    do {
        ready = poll(&pending, 1, timeout_ms);
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) return -1;
    if (ready == 0) return 0;
    ssize_t count;
    do {
        count = read(master_fd, buffer, capacity);
    } while (count < 0 && errno == EINTR);
    if (count <= 0) return -1; /* EIO: no process has the slave open any more */
    return (long)count;
}

static long long now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int ntm_pty_wait(pid_t pid, int timeout_ms, int *exit_code, int *signal_number) {
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        int status = 0;
        pid_t result = waitpid(pid, &status, WNOHANG);
        if (result == pid) {
            if (WIFEXITED(status)) {
                *exit_code = WEXITSTATUS(status);
                *signal_number = 0;
            } else {
                *exit_code = -1;
                *signal_number = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            }
            return 1;
        }
        if (result < 0 && errno != EINTR) return -1;
        if (now_ms() >= deadline) return 0;
        struct timespec pause = { .tv_sec = 0, .tv_nsec = 10 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

int ntm_pty_is_running(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    /* WNOWAIT: look without reaping, so a later ntm_pty_wait still sees the exit status. */
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return 0;
    return info.si_pid == 0;
}

int ntm_pty_kill(pid_t pid, int signal_number) {
    return kill(pid, signal_number) == 0 ? 0 : errno;
}

void ntm_pty_close(int master_fd) {
    close(master_fd);
}
