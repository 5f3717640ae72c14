/*
 * Invisible format characters (Unicode Cf): bidirectional controls, soft
 * hyphens, zero-width spaces, byte-order marks, tags. They change nothing a
 * reader sees in a name, so a name is recognised and reported without them;
 * offsets still count them, as they point into the original text.
 */
#ifndef ENTITIES_INVISIBLE_H
#define ENTITIES_INVISIBLE_H

#include <stddef.h>

/* Bytes of the invisible character that starts s (len bytes), or 0. */
size_t invisible_at(const char *s, size_t len);

/* Bytes of the invisible character that ends s (len bytes), or 0. */
size_t invisible_before(const char *s, size_t len);

/*
 * Copies s without its invisible characters into out (len bytes room);
 * returns the bytes written. Joiners (U+200C, U+200D) stay: they shape
 * Persian and Indic words and emoji.
 */
size_t invisible_strip(const char *s, size_t len, char *out);

#endif
