/* Bytes of a file -> UTF-8 text: BOMs, UTF-16, Windows-1252. */
#ifndef LECTOR_DECODE_H
#define LECTOR_DECODE_H

#include <stddef.h>

/*
 * Decodes bytes into a new NUL-terminated UTF-8 string (*out, owned by the
 * caller) and names the encoding found (*encoding, static). Returns 0, or -1
 * with err saying why the bytes are not text.
 */
int decode_text(const void *bytes, size_t len, char **out, size_t *outlen,
    const char **encoding, char *err, size_t errlen);

#endif
