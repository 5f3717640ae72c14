/* Lowercasing of UTF-8 words before stemming and stopword look-up. */
#ifndef TEXTKIT_FOLD_H
#define TEXTKIT_FOLD_H

#include <stddef.h>

/*
 * Writes the lowercase form of s[0..len) into out (NUL-terminated) and
 * returns its length in bytes, or 0 when it does not fit in cap. Folds
 * Latin, Greek and Cyrillic capitals and turns the typographic apostrophe
 * into "'", so "L’État" and "l'état" meet. Invisible format characters
 * (see fold_format_len) are dropped. Invalid bytes are copied.
 */
size_t fold_lower(const char *s, size_t len, char *out, size_t cap);

/*
 * The bytes of the invisible format character (Unicode Cf: bidi controls
 * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069, zero-width U+200B..
 * U+200D, U+2060, the BOM U+FEFF, the soft hyphen U+00AD...) that starts
 * s[0..len), or 0 when s starts with anything else.
 */
size_t fold_format_len(const char *s, size_t len);

#endif
