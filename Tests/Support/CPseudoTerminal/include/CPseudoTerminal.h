/*
 * A small pseudo-terminal driver for terminal tests: open a pty pair, spawn a program on its slave side as
 * the session leader with the slave as controlling terminal, then talk to it through the master.
 */
#ifndef NTM_CPSEUDOTERMINAL_H
#define NTM_CPSEUDOTERMINAL_H

#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A running child on a pseudo-terminal. */
typedef struct ntm_pty_child {
    int master_fd;   /* read the child's output here, write its input here */
    pid_t pid;
} ntm_pty_child;

/**
 * Opens a pty of `rows` x `columns` and spawns `path` with `argv` and `envp` (both NULL-terminated) on it:
 * its own session, the slave as controlling terminal and as stdin/stdout/stderr, an empty signal mask and
 * default dispositions for the job-control signals (the test runner's threads block or ignore some).
 * Returns 0 and fills `child`, or an errno value.
 */
int ntm_pty_spawn(const char *path, char *const argv[], char *const envp[],
                  unsigned short rows, unsigned short columns, ntm_pty_child *child);

/** Writes all `length` bytes to the master; 0 or an errno value. */
int ntm_pty_write(int master_fd, const void *bytes, size_t length);

/**
 * Reads what is available, waiting at most `timeout_ms` for something to arrive.
 * Returns the byte count (> 0), 0 on timeout, -1 when the terminal is closed (the child and all its
 * descendants have closed the slave) or on error.
 */
long ntm_pty_read(int master_fd, void *buffer, size_t capacity, int timeout_ms);

/**
 * Waits at most `timeout_ms` for `pid` to end. Returns 1 when it ended (then `*exit_code` is its exit status,
 * or -1 if a signal killed it, and `*signal_number` that signal or 0), 0 on timeout, -1 on error.
 */
int ntm_pty_wait(pid_t pid, int timeout_ms, int *exit_code, int *signal_number);

/** Whether `pid` is still running (not yet reaped). */
int ntm_pty_is_running(pid_t pid);

/** Sends `signal_number` to `pid`; 0 or an errno value. */
int ntm_pty_kill(pid_t pid, int signal_number);

/** Closes the master side. */
void ntm_pty_close(int master_fd);

#ifdef __cplusplus
}
#endif

#endif /* NTM_CPSEUDOTERMINAL_H */
