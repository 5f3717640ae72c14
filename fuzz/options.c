/*
 * Plugin options (core/src/options.c) as an article overrides them: a JSON
 * object laid over the declared defaults, then over the result again, as
 * per-article options are laid over the configuration's.
 */
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "options.h"

static const lector_option decl[] = {
	{ "flag", LECTOR_OPT_BOOL, "false", "a switch", 0, 0 },
	{ "sentences", LECTOR_OPT_INT, "3", "a positive integer", 1, 1e9 },
	{ "small", LECTOR_OPT_INT, "2", "a ranged integer", -5, 5 },
	{ "any", LECTOR_OPT_INT, "0", "any whole number", 0, 0 },
	{ "ratio", LECTOR_OPT_NUMBER, "0.25", "a fraction", 0, 1 },
	{ "weight", LECTOR_OPT_NUMBER, "1e300", "any number", 0, 0 },
	{ "lang", LECTOR_OPT_STRING, "\"en\"", "a string", 0, 0 },
	{ "stop", LECTOR_OPT_STRINGS, "[]", "strings", 0, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *given = json_loadb((const char *)data, size, JSON_DECODE_ANY,
	    NULL), *base, *over;
	char err[512];

	if (given == NULL)
		return 0;
	err[0] = '\0';
	if ((base = options_resolve(decl, NULL, given, "plugins.fuzz", err,
	    sizeof(err))) == NULL) {
		if (err[0] == '\0')
			abort();
	} else {
		/* Every declared option is there after resolving. */
		for (const lector_option *o = decl; o->name != NULL; o++)
			if (json_object_get(base, o->name) == NULL)
				abort();
		over = options_resolve(decl, base, given, "options.fuzz", err,
		    sizeof(err));
		if (over == NULL || !json_equal(over, base))
			abort();
		json_decref(over);
		json_decref(base);
	}
	json_decref(given);
	return 0;
}
