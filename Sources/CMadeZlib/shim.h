#include <zlib.h>

/// inflateInit2 is a macro; Swift needs a function.
static inline int made_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 32);
}
