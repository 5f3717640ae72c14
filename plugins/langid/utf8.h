/* UTF-8 decoding that never reads past the end and never fails. */
#ifndef LANGID_UTF8_H
#define LANGID_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s[*pos] and advances *pos. A malformed or
 * truncated sequence yields U+FFFD and advances one byte, so any bytes can
 * be scanned (the training tool reads files we did not validate).
 */
uint32_t langid_utf8_next(const char *s, size_t len, size_t *pos);

#endif
