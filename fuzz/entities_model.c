/*
 * The entities model loader (plugins/entities/model.c) on any file, then
 * lookups of feature weights, word lists and gazetteer phrases with what
 * loaded. As for langid, the harness writes the file size and checksum
 * into the header first, so that mutations reach the structural checks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/entities/features.h"
#include "memfile.h"
#include "../plugins/entities/model.h"

/* Probes with keys taken from the file itself, so some of them hit. */
static void
use(const struct model *m, const uint8_t *data, size_t size)
{
	for (size_t off = sizeof(struct model_header); off + 8 <= size &&
	    off < sizeof(struct model_header) + 8 * 256; off += 8) {
		uint64_t key;
		memcpy(&key, data + off, 8);
		const int16_t *w = model_weights(m, key);
		if (w != NULL && ((const uint8_t *)w < m->base ||
		    (const uint8_t *)(w + m->nlabels) > m->base + m->size))
			abort();
		(void)model_lex_has(m, key);
		(void)gaz_lookup(&m->gaz, key);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_header h;
	struct model m;
	struct memfile f;
	uint8_t *copy;
	char err[512];

	if ((copy = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	if (size >= sizeof(h)) {
		memcpy(&h, copy, sizeof(h));
		h.file_size = size;
		h.checksum = model_checksum(copy + sizeof(h), size - sizeof(h));
		memcpy(copy, &h, sizeof(h));
	}
	if (memfile_open(&f, copy, size) < 0)
		abort();
	err[0] = '\0';
	if (model_open(&m, f.path, err, sizeof(err)) == 0) {
		use(&m, copy, size);
		model_close(&m);
	} else if (err[0] == '\0') {
		abort();
	}
	memfile_close(&f);
	free(copy);
	return 0;
}
