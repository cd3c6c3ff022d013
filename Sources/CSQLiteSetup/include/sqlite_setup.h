#ifndef NTM_SQLITE_SETUP_H
#define NTM_SQLITE_SETUP_H

/// Turns off SQLite's memory statistics, process-wide, before SQLite is first used (after that it is refused
/// and nothing changes). The statistics take one global lock at every allocation of every connection, which
/// ntm never reads: with a second connection at work on another thread (a background checkpoint), the two
/// threads queued on that lock. `sqlite3_config` is variadic, which Swift cannot call, hence this function.
/// Returns SQLite's result code (SQLITE_MISUSE when SQLite was already in use).
int ntm_sqlite_disable_memory_statistics(void);

#endif
