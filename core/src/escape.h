/* Text shown to people, made safe to print on one line. */
#ifndef LECTOR_ESCAPE_H
#define LECTOR_ESCAPE_H

#include <stddef.h>

/*
 * Copies s into out (outlen bytes, always NUL-terminated, cut at a whole
 * escape) with what could break or fake a line written out as visible
 * escapes: C0 and C1 controls and DEL (\n, \t, \r, \x1b, \u0085), line and
 * paragraph separators and bidirectional controls (\u2028, \u202e), and
 * bytes that are not UTF-8 (\xff). A file name holding a newline then
 * cannot start a second, forged line of a log. Returns the bytes written.
 */
size_t escape_line(const char *s, char *out, size_t outlen);

#endif
