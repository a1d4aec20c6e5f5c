#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type made_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

/// sqlite3_config is variadic; this wraps the calls MADE needs, made once before any other
/// SQLite call: multi-thread mode (each connection used by one thread at a time) and no memory
/// statistics, whose global mutex costs ~4% of ingest time (perf, 200k-row load).
static inline int made_sqlite_configure(void) {
  int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
