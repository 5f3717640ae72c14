/*
 * A reader plugin as the pipeline runs it (core/src/pipeline.c): the
 * plugin is loaded from the build's plugin folder, the bytes are decoded
 * and read into a document, and the output object is built. No annotator
 * runs, so what is exercised is the reader and the host's document code.
 * FUZZ_FORMAT names the reader (its file extension), set by
 * lector_fuzz_reader() in fuzz/CMakeLists.txt: one harness a reader.
 * With FUZZ_DEFAULT_PIPELINE, the default annotators run too (langid,
 * entities, summary, keywords, stats, with their shipped models): slower,
 * but every plugin then reads what the fuzzer makes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "pipeline.h"

static struct pipeline *pipe;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
#ifdef FUZZ_DEFAULT_PIPELINE
	static const char *const *only = NULL;	/* the configured pipeline */
#else
	static const char *const only[] = { NULL };	/* no annotator */
#endif
	static struct config cfg;
	char err[1024];

	(void)argc, (void)argv;
	/* Refusals are expected by the thousand; keep the output readable. */
	log_init(LECTOR_LOG_ERR);
	if (config_load(&cfg, NULL, NULL, err, sizeof(err)) < 0 ||
	    config_add_plugin_dir(&cfg, FUZZ_PLUGIN_DIR) < 0) {
		fprintf(stderr, "fuzz: %s\n", err);
		exit(1);
	}
	if ((pipe = pipeline_open(&cfg, only, err, sizeof(err))) == NULL) {
		fprintf(stderr, "fuzz: %s\n", err);
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	memset(&why, 0, sizeof(why));
	if (pipeline_run(pipe, "article." FUZZ_FORMAT, NULL, data, size, 0,
	    &out, &why) < 0) {
		/* A refusal names who refused and why, and yields nothing. */
		if (out != NULL || why.plugin[0] == '\0' || why.reason[0] == '\0')
			abort();
		return 0;
	}
	if (!json_is_object(out) || !json_is_string(json_object_get(out, "text")))
		abort();
	/* What the daemon would write: the output must serialise. */
	char *s = json_dumps(out, JSON_COMPACT);
	if (s == NULL)
		abort();
	free(s);
	json_decref(out);
	return 0;
}
