#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "script.h"

uint64_t
model_checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h ^ (h >> 31);
}

static int
bad(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "damaged model: %s", why);
	return -EINVAL;
}

/* Whether [off, off + n * size) lies in the file, aligned. */
static int
section_ok(uint64_t off, uint64_t n, uint64_t size, uint64_t file_size)
{
	if (off % 8 != 0 || off > file_size)
		return 0;
	return n <= (file_size - off) / size;
}

static int
strings_ok(const model *m, uint32_t off)
{
	return off < m->hdr->strings_size &&
	    memchr(m->strings + off, '\0', m->hdr->strings_size - off) != NULL;
}

/*
 * Groups the languages by script, so that a decision looks only at the
 * candidates of one script, with their priors side by side.
 */
static int
index_scripts(model *m, char *err, size_t errlen)
{
	uint32_t n = m->hdr->n_langs, i, at[SCRIPT_COUNT + 1] = { 0 };
	int s;

	m->script = malloc(n);
	m->prior = malloc(n * sizeof(*m->prior));
	m->temperature = malloc(n * sizeof(*m->temperature));
	m->by_script = malloc(n * sizeof(*m->by_script));
	m->script_first = calloc(SCRIPT_COUNT + 1, sizeof(*m->script_first));
	if (m->script == NULL || m->prior == NULL || m->temperature == NULL ||
	    m->by_script == NULL || m->script_first == NULL) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		char code[5];

		memcpy(code, m->langs[i].script, 4);
		code[4] = '\0';
		m->script[i] = (uint8_t)script_from_code(code);
		m->prior[i] = m->langs[i].prior;
		m->temperature[i] = m->langs[i].temperature > 0.0f ?
		    m->langs[i].temperature : m->hdr->temperature;
		m->script_first[m->script[i] + 1]++;
	}
	for (s = 0; s < SCRIPT_COUNT; s++)
		m->script_first[s + 1] += m->script_first[s];
	memcpy(at, m->script_first, sizeof(at));
	for (i = 0; i < n; i++)
		m->by_script[at[m->script[i]]++] = (uint16_t)i;
	return 0;
}

/* Checks the word lists and points m->lexicons at them; 0 or -1. */
static int
check_lexicons(model *m, uint64_t size)
{
	const struct model_header *h = m->hdr;
	const struct model_lexicon *l;
	uint32_t i;

	if (h->n_lexicons == 0)
		return 0;
	if (h->n_lexicons > FEATURES_MAX_LEXICONS ||
	    !section_ok(h->lexicons_off, h->n_lexicons, sizeof(*l), size))
		return -1;
	l = (const void *)((const char *)h + h->lexicons_off);
	for (i = 0; i < h->n_lexicons; i++) {
		if (l[i].lang >= h->n_langs || l[i].n_bits == 0 ||
		    l[i].n_bits % 64 != 0 || l[i].n_bits > UINT32_MAX ||
		    l[i].group >= FEATURES_MAX_LEXICON_GROUPS ||
		    (i > 0 && l[i].group < l[i - 1].group) ||
		    !section_ok(l[i].bits_off, l[i].n_bits / 64, 8, size))
			return -1;
		m->lexicons.list[i].bits = (const void *)
		    ((const char *)h + l[i].bits_off);
		m->lexicons.list[i].n_bits = l[i].n_bits;
		m->lexicons.list[i].group = l[i].group;
	}
	m->lexicons.n = (int)h->n_lexicons;
	return 0;
}

int
model_check(model *m, const void *data, size_t size, char *err, size_t errlen)
{
	const struct model_header *h = data;
	uint32_t i, empty = 0;

	memset(m, 0, sizeof(*m));
	if (size < sizeof(*h))
		return bad(err, errlen, "shorter than its header");
	if (memcmp(h->magic, MODEL_MAGIC, 8) != 0)
		return bad(err, errlen, "not a langid model (bad magic)");
	if (h->version != MODEL_VERSION) {
		snprintf(err, errlen, "model version %u, this plugin reads "
		    "version %u; retrain or update", h->version, MODEL_VERSION);
		return -EINVAL;
	}
	if (h->header_size != sizeof(*h))
		return bad(err, errlen, "unexpected header size");
	if (h->file_size != size)
		return bad(err, errlen, "truncated or padded (size differs "
		    "from header)");
	if (model_checksum((const char *)data + sizeof(*h),
	    size - sizeof(*h)) != h->checksum)
		return bad(err, errlen, "checksum mismatch");
	if (h->n_slots == 0 ||
	    h->n_langs == 0 || h->n_langs > 65535 ||
	    !(h->temperature > 0.0f))
		return bad(err, errlen, "inconsistent header");
	if (!section_ok(h->langs_off, h->n_langs, sizeof(struct model_lang), size) ||
	    !section_ok(h->slots_off, (uint64_t)h->n_slots + 1,
	    sizeof(struct model_slot), size) ||
	    !section_ok(h->postings_off, h->n_postings,
	    sizeof(struct model_posting), size) ||
	    !section_ok(h->strings_off, h->strings_size, 1, size) ||
	    h->strings_size == 0)
		return bad(err, errlen, "section out of bounds");

	m->hdr = h;
	m->langs = (const void *)((const char *)data + h->langs_off);
	m->slots = (const void *)((const char *)data + h->slots_off);
	m->postings = (const void *)((const char *)data + h->postings_off);
	m->strings = (const char *)data + h->strings_off;

	/* A checksum can be forged; lookups must still stay in bounds. */
	for (i = 0; i < h->n_slots; i++) {
		if (m->slots[i].start > m->slots[i + 1].start)
			return bad(err, errlen, "slot table not in order");
		empty += m->slots[i].fp == 0;
	}
	if (empty == 0)
		return bad(err, errlen, "slot table full");
	if (m->slots[h->n_slots].start != h->n_postings || m->slots[0].start != 0)
		return bad(err, errlen, "slot table does not cover postings");
	for (i = 0; i < h->n_postings; i++)
		if (m->postings[i].lang >= h->n_langs)
			return bad(err, errlen, "posting names no language");
	for (i = 0; i < h->n_langs; i++)
		if (!strings_ok(m, m->langs[i].code) ||
		    !strings_ok(m, m->langs[i].iso3) ||
		    !strings_ok(m, m->langs[i].name))
			return bad(err, errlen, "language name out of bounds");
	for (i = 0; i < h->n_langs; i++)	/* 0: the header's */
		if (!(m->langs[i].temperature >= 0.0f &&
		    m->langs[i].temperature < 1e6f))
			return bad(err, errlen, "language temperature not a "
			    "positive number");
	if (check_lexicons(m, size) < 0)
		return bad(err, errlen, "word list out of bounds");

	return index_scripts(m, err, errlen);
}

int
model_open(model *m, const char *path, char *err, size_t errlen)
{
	struct stat st;
	void *map;
	int fd, rc;
	char why[256];

	memset(m, 0, sizeof(*m));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	if (st.st_size < (off_t)sizeof(struct model_header)) {
		close(fd);
		snprintf(err, errlen, "%s: damaged model: shorter than its "
		    "header (%lld bytes)", path, (long long)st.st_size);
		return -EINVAL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	rc = errno;
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "%s: mmap: %s", path, strerror(rc));
		return -rc;
	}
	rc = model_check(m, map, (size_t)st.st_size, why, sizeof(why));
	if (rc < 0) {
		munmap(map, (size_t)st.st_size);
		model_close(m);
		snprintf(err, errlen, "%s: %s", path, why);
		return rc;
	}
	m->map = map;
	m->map_size = (size_t)st.st_size;
	return 0;
}

void
model_close(model *m)
{
	if (m->map != NULL)
		munmap(m->map, m->map_size);
	free(m->script);
	free(m->prior);
	free(m->temperature);
	free(m->by_script);
	free(m->script_first);
	memset(m, 0, sizeof(*m));
}

const char *
model_lang_code(const model *m, uint32_t lang)
{
	return m->strings + m->langs[lang].code;
}

const char *
model_lang_iso3(const model *m, uint32_t lang)
{
	return m->strings + m->langs[lang].iso3;
}

const char *
model_lang_name(const model *m, uint32_t lang)
{
	return m->strings + m->langs[lang].name;
}
