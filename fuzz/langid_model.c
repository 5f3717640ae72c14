/*
 * The langid model loader (plugins/langid/model.c) on any file, then the
 * detector on a few scripts with whatever loaded: a model that passes the
 * checks must be safe to use. The harness writes the file size and the
 * checksum into the header before loading, so that mutations reach the
 * structural checks instead of stopping at the checksum (the unit tests
 * cover a wrong size or checksum).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/langid/detect.h"
#include "memfile.h"
#include "../plugins/langid/model.h"

static const char sample[] =
    "The quick brown fox jumps over the lazy dog. "
    "Tous les êtres humains naissent libres et égaux. "
    "Все люди рождаются свободными. すべての人間は、生まれながらにして自由";

static void
use(const model *m)
{
	detect_evidence ev;
	detect_result res;

	if (detect_evidence_init(&ev, m) < 0)
		abort();
	detect_scan(m, sample, sizeof(sample) - 1, 0, &ev);
	detect_decide(m, &ev, NULL, 1, &res);
	for (int i = 0; i < res.n; i++)
		if (res.lang[i] >= m->hdr->n_langs || model_lang_code(m,
		    res.lang[i]) == NULL || model_lang_name(m, res.lang[i]) == NULL)
			abort();
	(void)detect_best(m, &ev, NULL);
	detect_evidence_free(&ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_header h;
	struct memfile f;
	uint8_t *copy;
	char err[512];
	model m;

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
		use(&m);
		model_close(&m);
	} else if (err[0] == '\0') {
		abort();
	}
	memfile_close(&f);
	free(copy);
	return 0;
}
