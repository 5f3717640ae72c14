/* UTF-8 and the few character classes segmentation needs. */
#ifndef LECTOR_UTF8_H
#define LECTOR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s[*i] and advances *i past it. Returns 0, or -1
 * on an invalid sequence (then *i advances one byte and *cp is U+FFFD).
 */
int utf8_next(const char *s, size_t len, size_t *i, uint32_t *cp);

/* Writes cp as UTF-8 into out (4 bytes room); returns the bytes written. */
size_t utf8_encode(uint32_t cp, char *out);

/* 0 when s is valid UTF-8; else -1 with the offset of the first bad byte. */
int utf8_validate(const char *s, size_t len, size_t *bad);

size_t utf8_length(const char *s, size_t len);

int uc_is_space(uint32_t cp);
int uc_is_digit(uint32_t cp);
int uc_is_upper(uint32_t cp);
int uc_is_lower(uint32_t cp);
/* Letters, marks and digits of any script: what words are made of. */
int uc_is_alnum(uint32_t cp);
/* Scripts written without spaces between words: Han, Kana, Thai, ... */
int uc_is_unspaced(uint32_t cp);
/* Currency, maths and other symbols that stand alone as tokens. */
int uc_is_symbol(uint32_t cp);

#endif
