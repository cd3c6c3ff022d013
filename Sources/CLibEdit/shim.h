/*
 * Non-variadic wrappers over libedit's histedit API.
 *
 * Swift cannot call C variadic functions (el_set, el_wset, el_get, history_w), so every operation LineEditor
 * needs gets a small static inline function here. Everything uses the wide-character API (wchar_t is 32-bit
 * on Linux) so that UTF-8 input such as "Xã Phúc Hòa" survives editing and history.
 */
#ifndef NTM_CLIBEDIT_SHIM_H
#define NTM_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>
#include <wchar.h>

/* ==== Function types libedit keeps private ==== */

/** A user-defined editor function (EL_ADDFN): returns one of the CC_* codes. */
typedef unsigned char (*ntm_el_func_t)(EditLine *, int);
/** A wide prompt function (EL_PROMPT_ESC via el_wset). */
typedef wchar_t *(*ntm_el_wprompt_t)(EditLine *);

/* ==== Standard streams (C globals are not concurrency-safe to touch from Swift 6) ==== */

static inline FILE *ntm_stdin(void) { return stdin; }
static inline FILE *ntm_stdout(void) { return stdout; }
static inline FILE *ntm_stderr(void) { return stderr; }

/* ==== el_wset / el_wget ==== */

/** Sets the prompt function; text between two `escape` characters is printed but takes no columns. */
static inline int ntm_el_set_prompt(EditLine *el, ntm_el_wprompt_t prompt, wchar_t escape) {
    return el_wset(el, EL_PROMPT_ESC, prompt, (int)escape);
}

/** Selects the key map: L"emacs" or L"vi". */
static inline int ntm_el_set_editor(EditLine *el, const wchar_t *mode) {
    return el_wset(el, EL_EDITOR, mode);
}

/** When on, libedit installs its own handlers while reading (resize, restore the tty on stop/kill). */
static inline int ntm_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}

static inline int ntm_el_set_clientdata(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}

static inline void *ntm_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_wget(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/** Attaches a wide history, used by up/down and incremental search. */
static inline int ntm_el_set_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

/**
 * Registers a named editor function. libedit keeps the `name` and `help` pointers (it does not copy them),
 * so they must outlive the EditLine.
 */
static inline int ntm_el_add_fn(EditLine *el, const wchar_t *name, const wchar_t *help, ntm_el_func_t fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}

/** Binds a key sequence (e.g. L"^I", L"\\e[A") to an editor command name. */
static inline int ntm_el_bind(EditLine *el, const wchar_t *key, const wchar_t *command) {
    return el_wset(el, EL_BIND, key, command, (const wchar_t *)NULL);
}

/** Puts the terminal in libedit's editing mode (1) or back to the mode it found (0). */
static inline int ntm_el_prepare_terminal(EditLine *el, int editing) {
    return el_wset(el, EL_PREP_TERM, editing);
}

/** Deletes `count` characters before the cursor (el_wdeletestr is only a macro for it). */
static inline void ntm_el_wdeletestr(EditLine *el, int count) {
    el_deletestr(el, count);
}

/* ==== history_w ==== */

static inline int ntm_history_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

static inline int ntm_history_get_size(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/** When on, an entry equal to the previous one is not added again. */
static inline int ntm_history_set_unique(HistoryW *h, int on) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, on);
}

static inline int ntm_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}

static inline int ntm_history_clear(HistoryW *h) {
    HistEventW ev;
    return history_w(h, &ev, H_CLEAR);
}

/** Moves to the newest entry; 0 on success. */
static inline int ntm_history_first(HistoryW *h, HistEventW *ev) {
    return history_w(h, ev, H_FIRST);
}

/** Moves one entry older; 0 on success, -1 past the oldest. */
static inline int ntm_history_next(HistoryW *h, HistEventW *ev) {
    return history_w(h, ev, H_NEXT);
}

/** libedit's own (strvis-encoded) file format; LineEditor keeps a plain UTF-8 file instead. */
static inline int ntm_history_save(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_SAVE, path);
}

static inline int ntm_history_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_LOAD, path);
}

/* ==== SIGINT while reading ==== */

/*
 * ^C must end the line being edited whenever it arrives, not only while read() happens to be blocked: a
 * signal that lands while libedit redraws, or while a completion callback runs, would otherwise be lost and
 * the editor would block in read() again. So the SIGINT handler only raises a flag, and libedit reads keys
 * through ntm_el_read_char, which checks the flag and waits with pselect() so that the check and the wait
 * cannot race the signal.
 */
static volatile sig_atomic_t ntm_interrupt_pending = 0;

static void ntm_sigint_flag(int signo) __attribute__((unused));
static void ntm_sigint_flag(int signo) { (void)signo; ntm_interrupt_pending = 1; }

/** Saved signal disposition, opaque to Swift. */
typedef struct ntm_saved_sigaction {
    struct sigaction action;
    int installed;
} ntm_saved_sigaction;

/**
 * Installs the flag-raising SIGINT handler WITHOUT SA_RESTART, so a blocked read fails with EINTR when the
 * user presses ^C. The previous disposition goes to `saved`.
 */
static inline int ntm_sigint_install(ntm_saved_sigaction *saved) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ntm_sigint_flag;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    ntm_interrupt_pending = 0;
    saved->installed = sigaction(SIGINT, &sa, &saved->action) == 0;
    return saved->installed ? 0 : -1;
}

static inline void ntm_sigint_restore(const ntm_saved_sigaction *saved) {
    if (saved->installed) sigaction(SIGINT, &saved->action, NULL);
}

/**
 * libedit's character reader (EL_GETCFN): one UTF-8 character from the editor's input as a wchar_t.
 * Returns 1, 0 at end of input, or -1 with errno EINTR once ^C was pressed (libedit's el_wgets then returns
 * NULL with count -1).
 */
static int ntm_el_read_char(EditLine *el, wchar_t *wc) __attribute__((unused));
static int ntm_el_read_char(EditLine *el, wchar_t *wc) {
    FILE *input = NULL;
    int fd = STDIN_FILENO;
    if (el_wget(el, EL_GETFP, 0, &input) == 0 && input != NULL) fd = fileno(input);

    char bytes[MB_LEN_MAX];
    size_t length = 0;
    sigset_t interrupt, original, waiting;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    for (;;) {
        /* Block SIGINT while looking at the flag; pselect unblocks it only for the wait itself. */
        sigprocmask(SIG_BLOCK, &interrupt, &original);
        waiting = original;
        sigdelset(&waiting, SIGINT);
        if (ntm_interrupt_pending) {
            ntm_interrupt_pending = 0;
            sigprocmask(SIG_SETMASK, &original, NULL);
            *wc = L'\0';
            errno = EINTR;
            return -1;
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(fd, &readable);
        int ready = pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting);
        int wait_error = errno;
        sigprocmask(SIG_SETMASK, &original, NULL);
        if (ready < 0) {
            if (wait_error == EINTR) continue; /* ^C (checked above), a resize, or a resumed job */
            errno = wait_error;
            *wc = L'\0';
            return -1;
        }

        char byte;
        ssize_t count = read(fd, &byte, 1);
        if (count < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            *wc = L'\0';
            return -1;
        }
        if (count == 0) {
            *wc = L'\0';
            return 0;
        }
        bytes[length++] = byte;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t decoded = mbrtowc(wc, bytes, length, &state);
        if (decoded == (size_t)-2 && length < sizeof bytes) continue; /* a longer character: read on */
        if (decoded == (size_t)-1 || decoded == (size_t)-2) {
            length = 0; /* not valid in this locale: drop it, as libedit's own reader does */
            continue;
        }
        return 1;
    }
}

/** Makes libedit read keys through ntm_el_read_char, so that ^C is never lost. */
static inline int ntm_el_use_interruptible_reader(EditLine *el) {
    return el_wset(el, EL_GETCFN, ntm_el_read_char);
}

/* ==== Terminal and locale ==== */

/** Columns of the terminal on `fd`, or 0 when unknown. */
static inline int ntm_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

/** Rows of the terminal on `fd`, or 0 when unknown. */
static inline int ntm_terminal_rows(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_row;
}

/** The character encoding of the current LC_CTYPE, e.g. "UTF-8". */
static inline const char *ntm_locale_codeset(void) {
    return nl_langinfo(CODESET);
}

/** Columns a character takes on a terminal (-1 if not printable); glibc hides wcwidth without _XOPEN_SOURCE. */
static inline int ntm_wcwidth(wchar_t c) {
    extern int wcwidth(wchar_t);
    return wcwidth(c);
}

static inline int ntm_errno(void) { return errno; }
static inline void ntm_set_errno(int value) { errno = value; }

#endif /* NTM_CLIBEDIT_SHIM_H */
