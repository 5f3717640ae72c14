/*
 * A page's bytes to UTF-8: a byte-order mark first, then bytes that are
 * valid UTF-8 (whatever the page declares), then the page's declaration,
 * then Windows-1252, which browsers assume for undeclared legacy pages.
 */
#ifndef LECTOR_HTML_CHARSET_H
#define LECTOR_HTML_CHARSET_H

#include <stddef.h>

/*
 * Decodes bytes into *out (new, NUL-terminated, owned by the caller).
 * declared: the charset the page names, or NULL. how receives what was
 * done, for source.encoding: "UTF-8", "windows-1251 (declared)". Bytes
 * the encoding cannot map become U+FFFD. Returns 0, or -1 with err filled.
 */
int charset_decode(const char *bytes, size_t len, const char *declared,
    char **out, size_t *outlen, char *how, size_t howlen, char *err,
    size_t errlen);

/* The charset named by a Content-Type value ("text/html; charset=x"). */
int charset_from_content_type(const char *value, char *name, size_t len);

#endif
