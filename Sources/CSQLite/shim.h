#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type made_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}

/// sqlite3_config is variadic; this wraps the one call MADE needs.
static inline int made_sqlite_config_single_thread(void) {
  return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}
