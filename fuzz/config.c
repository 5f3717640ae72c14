/*
 * The configuration file (core/src/config.c) and the plugin options it
 * carries (core/src/options.c): any file is either taken or refused with
 * a message, and what is taken holds together.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "memfile.h"
#include "options.h"

/* One option of each type, ranged and not, as plugins declare them. */
static const lector_option decl[] = {
	{ "flag", LECTOR_OPT_BOOL, "true", "a switch", 0, 0 },
	{ "count", LECTOR_OPT_INT, "3", "a whole number", 1, 100 },
	{ "any", LECTOR_OPT_INT, "-7", "any whole number", 0, 0 },
	{ "ratio", LECTOR_OPT_NUMBER, "0.5", "a fraction", 0, 1 },
	{ "name", LECTOR_OPT_STRING, "\"x\"", "a string", 0, 0 },
	{ "list", LECTOR_OPT_STRINGS, "[\"a\"]", "strings", 0, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static void
resolve_plugin_options(const json_t *plugins)
{
	const char *name;
	json_t *given;
	char err[512];

	json_object_foreach((json_t *)plugins, name, given) {
		err[0] = '\0';
		json_t *o = options_resolve(decl, NULL, given, name, err,
		    sizeof(err));
		if (o == NULL && err[0] == '\0')
			abort();
		json_decref(o);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct memfile f;
	char err[1024];

	if (memfile_open(&f, data, size) < 0)
		abort();
	memset(&cfg, 0, sizeof(cfg));
	err[0] = '\0';
	if (config_load(&cfg, f.path, "/nonexistent", err, sizeof(err)) < 0) {
		if (err[0] == '\0')
			abort();
	} else {
		if (cfg.pipeline == NULL || cfg.plugin_dirs == NULL ||
		    cfg.inbox == NULL || cfg.outbox == NULL)
			abort();
		if (cfg.plugin_options != NULL)
			resolve_plugin_options(cfg.plugin_options);
		config_free(&cfg);
	}
	memfile_close(&f);
	return 0;
}
