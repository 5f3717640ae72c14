/*
 * Writing a model file: used by the training tool and by tests that build
 * tiny models by hand. Never linked into the plugin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"

static uint32_t
pow2_above(uint64_t n)
{
	uint32_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static uint64_t
align8(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

int
model_build(const struct model_spec *sp, unsigned char **out, size_t *size,
    char *err, size_t errlen)
{
	struct model_header h;
	size_t stride = model_row_stride(sp->nlabels);

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MODEL_MAGIC, 8);
	h.version = MODEL_VERSION;
	h.header_size = sizeof(h);
	snprintf(h.language, sizeof(h.language), "%s", sp->language);
	snprintf(h.name, sizeof(h.name), "%s", sp->name);
	h.scheme = (uint32_t)sp->scheme;
	h.nlabels = (uint32_t)sp->nlabels;
	h.stages = sp->stages == 2 ? 2 : 1;
	h.scale = sp->scale;
	h.nrows = sp->nrows;
	/* Half full at most: short probes. */
	h.index_slots = pow2_above((uint64_t)sp->nrows * 2 + 2);
	h.gaz_slots = sp->gaz ? sp->gaz_slots : 0;
	h.lex_slots = sp->lex ? sp->lex_slots : 0;
	h.off_index = align8(sizeof(h));
	h.off_rows = align8(h.off_index + (uint64_t)h.index_slots * 8);
	h.off_gaz = align8(h.off_rows + (uint64_t)h.nrows * stride);
	h.off_lex = h.off_gaz + (uint64_t)h.gaz_slots * 8;
	h.file_size = h.off_lex + (uint64_t)h.lex_slots * 8;

	unsigned char *buf = calloc(1, h.file_size);
	if (buf == NULL) {
		snprintf(err, errlen, "out of memory for a %llu-byte model",
		    (unsigned long long)h.file_size);
		return -1;
	}
	uint32_t *index = (uint32_t *)(buf + h.off_index);
	uint32_t mask = h.index_slots - 1;
	for (uint32_t r = 0; r < sp->nrows; r++) {
		unsigned char *row = buf + h.off_rows + (size_t)r * stride;
		uint32_t i = (uint32_t)sp->keys[r] & mask;
		while (index[2 * i + 1] != 0)
			i = (i + 1) & mask;
		index[2 * i] = (uint32_t)(sp->keys[r] >> 32);
		index[2 * i + 1] = r + 1;
		memcpy(row, &sp->keys[r], 8);
		memcpy(row + 8, sp->weights + (size_t)r * sp->nlabels,
		    (size_t)sp->nlabels * 2);
	}
	if (h.gaz_slots)
		memcpy(buf + h.off_gaz, sp->gaz, (size_t)h.gaz_slots * 8);
	if (h.lex_slots)
		memcpy(buf + h.off_lex, sp->lex, (size_t)h.lex_slots * 8);
	h.checksum = model_checksum(buf + sizeof(h), h.file_size - sizeof(h));
	memcpy(buf, &h, sizeof(h));
	*out = buf;
	*size = h.file_size;
	return 0;
}

int
model_write(const struct model_spec *sp, const char *path, char *err,
    size_t errlen)
{
	unsigned char *buf;
	size_t size;
	char tmp[4096];

	if (model_build(sp, &buf, &size, err, errlen) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f != NULL && fwrite(buf, 1, size, f) == size;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	free(buf);
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: cannot write the model", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}
