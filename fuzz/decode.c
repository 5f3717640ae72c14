/*
 * Encoding detection and decoding (core/src/decode.c): any bytes either
 * come out as valid UTF-8 with an encoding named, or are refused with a
 * reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL, err[256];
	const char *encoding = NULL;
	size_t outlen = 0, bad;

	err[0] = '\0';
	if (decode_text(data, size, &out, &outlen, &encoding, err,
	    sizeof(err)) < 0) {
		if (err[0] == '\0')
			abort();	/* a refusal must say why */
		return 0;
	}
	if (encoding == NULL || out == NULL || out[outlen] != '\0' ||
	    utf8_validate(out, outlen, &bad) != 0)
		abort();
	free(out);
	return 0;
}
