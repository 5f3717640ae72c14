#include <math.h>
#include <stdio.h>
#include <string.h>

#include "options.h"

static const lector_option *
find(const lector_option *decl, const char *name)
{
	for (; decl != NULL && decl->name != NULL; decl++)
		if (strcmp(decl->name, name) == 0)
			return decl;
	return NULL;
}

static int
in_range(const lector_option *o, double v)
{
	return !(o->min < o->max) || (v >= o->min && v <= o->max);
}

/* What a value of this option should have been, for the message. */
static void
expected(const lector_option *o, char *buf, size_t len)
{
	int ranged = o->min < o->max;

	switch (o->type) {
	case LECTOR_OPT_BOOL:
		snprintf(buf, len, "true or false");
		break;
	case LECTOR_OPT_INT:
		if (ranged && o->min == 1 && o->max >= 1e9)
			snprintf(buf, len, "a positive integer");
		else if (ranged)
			snprintf(buf, len, "an integer from %.0f to %.0f", o->min, o->max);
		else
			snprintf(buf, len, "an integer");
		break;
	case LECTOR_OPT_NUMBER:
		if (ranged)
			snprintf(buf, len, "a number from %g to %g", o->min, o->max);
		else
			snprintf(buf, len, "a number");
		break;
	case LECTOR_OPT_STRING:
		snprintf(buf, len, "a string");
		break;
	case LECTOR_OPT_STRINGS:
		snprintf(buf, len, "an array of strings");
		break;
	default:
		snprintf(buf, len, "nothing (the option's type is unknown)");
	}
}

static int
fits(const lector_option *o, const json_t *v)
{
	size_t i;
	json_t *item;

	switch (o->type) {
	case LECTOR_OPT_BOOL:
		return json_is_boolean(v);
	case LECTOR_OPT_INT:
		return json_is_integer(v) && in_range(o, (double)json_integer_value(v));
	case LECTOR_OPT_NUMBER:
		return json_is_number(v) && isfinite(json_number_value(v)) &&
		    in_range(o, json_number_value(v));
	case LECTOR_OPT_STRING:
		return json_is_string(v);
	case LECTOR_OPT_STRINGS:
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, item)
			if (!json_is_string(item))
				return 0;
		return 1;
	}
	return 0;
}

static json_t *
defaults(const lector_option *decl)
{
	json_t *out = json_object();

	for (; out != NULL && decl != NULL && decl->name != NULL; decl++) {
		json_t *v = json_loads(decl->default_json, JSON_DECODE_ANY, NULL);
		if (v == NULL || json_object_set_new(out, decl->name, v) < 0) {
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

int
options_check_declarations(const lector_option *decl, const char *who,
    char *err, size_t errlen)
{
	char want[96];

	for (; decl != NULL && decl->name != NULL; decl++) {
		json_t *v = decl->default_json != NULL ?
		    json_loads(decl->default_json, JSON_DECODE_ANY, NULL) : NULL;
		int ok = v != NULL && fits(decl, v);
		json_decref(v);
		if (!ok) {
			expected(decl, want, sizeof(want));
			snprintf(err, errlen, "%s: option %s: default %s is not %s",
			    who, decl->name, decl->default_json != NULL ?
			    decl->default_json : "(missing)", want);
			return -1;
		}
	}
	return 0;
}

static void
known_names(const lector_option *decl, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; decl != NULL && decl->name != NULL && n < len; decl++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
		    decl->name);
	if (buf[0] == '\0')
		snprintf(buf, len, "none");
}

json_t *
options_resolve(const lector_option *decl, const json_t *base,
    const json_t *given, const char *path, char *err, size_t errlen)
{
	json_t *out = base != NULL ? json_deep_copy(base) : defaults(decl);
	const char *name;
	json_t *value;
	char want[96], known[256];

	if (out == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	if (given == NULL)
		return out;
	if (!json_is_object(given)) {
		snprintf(err, errlen, "%s: expected an object of options", path);
		goto fail;
	}
	json_object_foreach((json_t *)given, name, value) {
		const lector_option *o = find(decl, name);
		if (o == NULL) {
			known_names(decl, known, sizeof(known));
			snprintf(err, errlen, "%s.%s: unknown option (known: %s)",
			    path, name, known);
			goto fail;
		}
		if (!fits(o, value)) {
			expected(o, want, sizeof(want));
			snprintf(err, errlen, "%s.%s: expected %s", path, name, want);
			goto fail;
		}
		json_object_set(out, name, value);
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}
