/*
 * Loading a model: map it, then trust nothing in it until every size and
 * offset has been checked against the file and the checksum matches.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "scheme.h"

size_t
model_row_stride(int nlabels)
{
	return 8 + (((size_t)nlabels * 2 + 7) & ~(size_t)7);
}

uint64_t
model_checksum(const void *buf, size_t size)
{
	const unsigned char *p = buf;
	uint64_t h = 0x84222325cbf29ce4ULL;
	size_t i = 0;

	for (; i + 8 <= size; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 31;
	}
	for (; i < size; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h ^ size;
}

static int
fail(char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s", what);
	return -1;
}

static int
section_ok(const struct model_header *h, uint64_t off, uint64_t bytes)
{
	return off >= h->header_size && off % 8 == 0 &&
	    off <= h->file_size && bytes <= h->file_size - off;
}

static int
pow2_or_zero(uint32_t n)
{
	return (n & (n - 1)) == 0;
}

static int
has_empty(const uint64_t *slots, uint32_t n)
{
	if (n == 0)
		return 1;
	for (uint32_t i = 0; i < n; i++)
		if (slots[i] == 0)
			return 1;
	return 0;
}

int
model_parse(struct model *m, const void *buf, size_t size, char *err,
    size_t errlen)
{
	const struct model_header *h = buf;

	memset(m, 0, sizeof(*m));
	if (size < sizeof(*h) || memcmp(h->magic, MODEL_MAGIC, 8) != 0)
		return fail(err, errlen, "not an entities model (bad magic)");
	if (h->version != MODEL_VERSION) {
		snprintf(err, errlen, "model version %u, this plugin reads %u",
		    h->version, MODEL_VERSION);
		return -1;
	}
	if (h->header_size != sizeof(*h))
		return fail(err, errlen, "model header has the wrong size");
	if (h->file_size != size)
		return fail(err, errlen, "model is truncated or has trailing bytes");
	if (model_checksum((const unsigned char *)buf + sizeof(*h),
	    size - sizeof(*h)) != h->checksum)
		return fail(err, errlen, "model checksum mismatch (corrupt file)");
	if (h->nlabels < 3 || h->nlabels > LABELS_MAX ||
	    (h->scheme != 0 && h->scheme != 1) ||
	    (h->stages != 1 && h->stages != 2) ||
	    h->language[7] != 0 || h->name[47] != 0)
		return fail(err, errlen, "model header has bad label fields");
	size_t stride = model_row_stride((int)h->nlabels);
	if (h->index_slots == 0 || !pow2_or_zero(h->index_slots) ||
	    !pow2_or_zero(h->gaz_slots) || !pow2_or_zero(h->lex_slots) ||
	    h->nrows >= h->index_slots ||
	    !section_ok(h, h->off_index, (uint64_t)h->index_slots * 8) ||
	    !section_ok(h, h->off_rows, (uint64_t)h->nrows * stride) ||
	    !section_ok(h, h->off_gaz, (uint64_t)h->gaz_slots * 8) ||
	    !section_ok(h, h->off_lex, (uint64_t)h->lex_slots * 8))
		return fail(err, errlen, "model sections are out of bounds");

	m->base = buf;
	m->size = size;
	m->hdr = h;
	m->index = (const uint32_t *)(m->base + h->off_index);
	m->rows = m->base + h->off_rows;
	m->stride = stride;
	m->gaz.slots = (const uint64_t *)(m->base + h->off_gaz);
	m->gaz.nslots = h->gaz_slots;
	m->lex = (const uint64_t *)(m->base + h->off_lex);
	m->scheme = (int)h->scheme;
	m->nlabels = (int)h->nlabels;
	m->stages = (int)h->stages;
	/*
	 * Row numbers past the table would read outside it, and a table
	 * without an empty slot would make a lookup spin.
	 */
	uint32_t used = 0;
	for (uint32_t i = 0; i < h->index_slots; i++) {
		if (m->index[2 * i + 1] > h->nrows)
			return fail(err, errlen, "model index points past its rows");
		used += m->index[2 * i + 1] != 0;
	}
	if (used == h->index_slots || !has_empty(m->gaz.slots, h->gaz_slots) ||
	    !has_empty(m->lex, h->lex_slots))
		return fail(err, errlen, "model hash table has no empty slot");
	return 0;
}

int
model_open(struct model *m, const char *path, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	memset(m, 0, sizeof(*m));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		snprintf(err, errlen, "%s: empty or unreadable model", path);
		close(fd);
		return -1;
	}
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "%s: mmap: %s", path, strerror(errno));
		return -1;
	}
	char why[256];
	if (model_parse(m, map, (size_t)st.st_size, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		munmap(map, (size_t)st.st_size);
		memset(m, 0, sizeof(*m));
		return -1;
	}
	m->map = map;
	return 0;
}

void
model_close(struct model *m)
{
	if (m->map != NULL)
		munmap(m->map, m->size);
	memset(m, 0, sizeof(*m));
}

const int16_t *
model_weights(const struct model *m, uint64_t key)
{
	uint32_t mask = m->hdr->index_slots - 1;

	uint32_t tag = (uint32_t)(key >> 32);

	for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
		uint32_t r = m->index[2 * i + 1];
		if (r == 0)
			return NULL;
		if (m->index[2 * i] != tag)
			continue;
		const unsigned char *row = m->rows + (size_t)(r - 1) * m->stride;
		uint64_t k;
		memcpy(&k, row, 8);
		if (k == key)
			return (const int16_t *)(row + 8);
	}
}

int
model_lex_has(const struct model *m, uint64_t h)
{
	uint32_t n = m->hdr->lex_slots;

	if (n == 0)
		return 0;
	for (uint32_t i = (uint32_t)h & (n - 1);; i = (i + 1) & (n - 1)) {
		if (m->lex[i] == 0)
			return 0;
		if (m->lex[i] == h)
			return 1;
	}
}
