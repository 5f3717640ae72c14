/*
 * The worker protocol (core/src/proto.c): the master reads whatever a
 * worker writes, in pieces of any size. Each message taken must encode
 * back to one line that reads as the same message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

static int
keep(json_t *msg, void *arg)
{
	json_t **last = arg;

	if (*last != NULL)
		abort();	/* one line, one message */
	*last = msg;
	return 0;
}

static int
round_trip(json_t *msg, void *arg)
{
	struct proto_reader again = { 0 };
	json_t *back = NULL;
	size_t len;
	char *line = proto_encode(msg, &len), err[256];

	(void)arg;
	if (line == NULL || len == 0 || line[len - 1] != '\n' ||
	    memchr(line, '\n', len - 1) != NULL)
		abort();
	if (proto_feed(&again, line, len, keep, &back, err, sizeof(err)) != 0 ||
	    back == NULL || !json_equal(back, msg) || again.len != 0)
		abort();
	proto_reader_free(&again);
	free(line);
	json_decref(back);
	json_decref(msg);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_reader r = { 0 };
	char err[256];
	size_t off = 0, step;

	if (size == 0)
		return 0;
	/* The first byte sets the size of the reads the input arrives in. */
	step = (size_t)data[0] % 64 + 1;
	data++, size--;
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		if (proto_feed(&r, (const char *)data + off, n, round_trip, NULL,
		    err, sizeof(err)) != 0)
			break;
		off += n;
	}
	proto_reader_free(&r);
	return 0;
}
