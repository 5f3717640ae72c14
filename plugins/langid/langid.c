/*
 * langid: which language an article is written in.
 *
 * Result under "language": code (ISO 639-1, else 639-3, "und" when there
 * is nothing to go on), name, script (ISO 15924), a calibrated confidence,
 * the next best as alternatives, and spans when some paragraphs are clearly
 * in another language.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lector/plugin.h>

#include "identify.h"
#include "model.h"

#define MODEL_FILE "langid.model"
#define ALTERNATIVE_MIN 0.001f

struct langid {
	const lector_host *host;
	model m;
	identifier id;
};

static const lector_option options[] = {
	{ "languages", LECTOR_OPT_STRINGS, "[]",
	  "only these candidates (ISO 639-1 or 639-3 codes); empty: all", 0, 0 },
	{ "min_length", LECTOR_OPT_INT, "1",
	  "fewer letters than this gives \"und\"", 0, 1000000 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static double
round4(float v)
{
	return round((double)v * 10000.0) / 10000.0;
}

/*
 * Applies the "languages" option. Fails when it names languages but none
 * the model knows, rather than silently answering from all of them.
 */
static int
restrict_to(struct langid *st, const json_t *opts, lector_error *err)
{
	const json_t *list = json_object_get(opts, "languages");
	const char *codes[512];
	size_t n = 0, i;
	json_t *v;

	json_array_foreach(list, i, v) {
		if (n < sizeof(codes) / sizeof(codes[0]) && json_is_string(v))
			codes[n++] = json_string_value(v);
	}
	if (identifier_restrict(&st->id, codes, n) == 0 && n > 0) {
		snprintf(err->message, sizeof(err->message),
		    "langid: languages: none of the %zu codes given is a "
		    "language the model knows", n);
		return LECTOR_EINVAL;
	}
	return LECTOR_OK;
}

static int
langid_init(const lector_host *host, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	struct langid *st;
	char path[4096], why[LECTOR_ERROR_MAX - 16];
	int rc;

	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return LECTOR_ENOMEM;
	st->host = host;
	snprintf(path, sizeof(path), "%s/%s", data_dir, MODEL_FILE);
	rc = model_open(&st->m, path, why, sizeof(why));
	if (rc < 0) {
		snprintf(err->message, sizeof(err->message), "langid: %s", why);
		free(st);
		return rc == -EINVAL ? LECTOR_EINVAL : LECTOR_EIO;
	}
	if (identifier_init(&st->id, &st->m) < 0) {
		model_close(&st->m);
		free(st);
		return LECTOR_ENOMEM;
	}
	if ((rc = restrict_to(st, opts, err)) != LECTOR_OK) {
		identifier_free(&st->id);
		model_close(&st->m);
		free(st);
		return rc;
	}
	*state = st;
	return LECTOR_OK;
}

/* code, name, script (when given) and confidence of one language. */
static json_t *
lang_json(const model *m, uint32_t lang, enum script script, float confidence)
{
	json_t *o = json_pack("{s:s, s:s}", "code", model_lang_code(m, lang),
	    "name", model_lang_name(m, lang));

	if (o != NULL && script != SCRIPT_NONE)
		json_object_set_new(o, "script", json_string(script_code(script)));
	if (o != NULL)
		json_object_set_new(o, "confidence", json_real(round4(confidence)));
	return o;
}

static json_t *
result_json(const model *m, const detect_result *r, const identify_span *spans,
    size_t n_spans)
{
	json_t *res, *alts, *js;
	size_t i;
	int k;

	if (r->n == 0)
		return json_pack("{s:s, s:s, s:s, s:f, s:[]}",
		    "code", "und", "name", "Undetermined",
		    "script", script_code(r->script), "confidence", 0.0,
		    "alternatives");
	res = json_pack("{s:s, s:s, s:s, s:s, s:f}",
	    "code", model_lang_code(m, r->lang[0]),
	    "iso639_3", model_lang_iso3(m, r->lang[0]),
	    "name", model_lang_name(m, r->lang[0]),
	    "script", script_code(r->script),
	    "confidence", round4(r->prob[0]));
	alts = json_array();
	if (res == NULL || alts == NULL)
		goto fail;
	for (k = 1; k < r->n; k++)
		if (r->prob[k] >= ALTERNATIVE_MIN)
			json_array_append_new(alts, lang_json(m, r->lang[k],
			    SCRIPT_NONE, r->prob[k]));
	json_object_set_new(res, "alternatives", alts);
	alts = NULL;
	if (n_spans == 0)
		return res;
	if ((js = json_array()) == NULL)
		goto fail;
	for (i = 0; i < n_spans; i++) {
		json_t *s = json_pack("{s:I, s:I}", "start",
		    (json_int_t)spans[i].start, "end", (json_int_t)spans[i].end);
		json_t *l = lang_json(m, spans[i].lang, spans[i].script,
		    spans[i].confidence);

		if (s == NULL || l == NULL || json_object_update(s, l) < 0) {
			json_decref(s);
			json_decref(l);
			json_decref(js);
			goto fail;
		}
		json_decref(l);
		json_array_append_new(js, s);
	}
	json_object_set_new(res, "spans", js);
	return res;
fail:
	json_decref(res);
	json_decref(alts);
	return NULL;
}

static int
langid_annotate(void *state, lector_doc *doc, const json_t *opts,
    lector_error *err)
{
	struct langid *st = state;
	const lector_host *host = st->host;
	const lector_span *ps;
	identify_para *paras, whole;
	identify_span *spans = NULL;
	size_t bytes, n = 0, n_spans = 0, i;
	const char *text = host->text(doc, &bytes);
	json_int_t min_length;
	detect_result r;
	json_t *res;
	int rc;

	if ((rc = restrict_to(st, opts, err)) != LECTOR_OK)
		return rc;
	min_length = json_integer_value(json_object_get(opts, "min_length"));
	ps = bytes > 0 ? host->paragraphs(doc, &n) : NULL;
	if (ps == NULL || n == 0) {
		/* No paragraphs (or no memory for them): the text as one. */
		whole.text = text;
		whole.len = bytes;
		whole.start = 0;
		whole.end = (uint32_t)host->text_length(doc);
		paras = &whole;
		n = bytes > 0 ? 1 : 0;
	} else if ((paras = malloc(n * sizeof(*paras))) == NULL) {
		return LECTOR_ENOMEM;
	} else {
		for (i = 0; i < n; i++) {
			paras[i].text = text + ps[i].byte_start;
			paras[i].len = ps[i].byte_end - ps[i].byte_start;
			paras[i].start = ps[i].start;
			paras[i].end = ps[i].end;
		}
	}
	rc = identify(&st->id, paras, n, (uint32_t)min_length, &r, &spans, &n_spans);
	if (paras != &whole)
		free(paras);
	if (rc < 0)
		return LECTOR_ENOMEM;
	res = result_json(&st->m, &r, spans, n_spans);
	free(spans);
	if (res == NULL)
		return LECTOR_ENOMEM;
	return host->set_result(doc, res);
}

static void
langid_fini(void *state)
{
	struct langid *st = state;

	if (st == NULL)
		return;
	identifier_free(&st->id);
	model_close(&st->m);
	free(st);
}

LECTOR_PLUGIN_DEFINE = {
	LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR, sizeof(lector_plugin),
	.name = "langid",
	.version = "1.0.0",
	.summary = "Language and script of an article, with runs in other languages",
	.kind = LECTOR_ANNOTATOR,
	.formats = NULL,
	.key = "language",
	.needs = NULL,
	.options = options,
	.init = langid_init,
	.read = NULL,
	.annotate = langid_annotate,
	.fini = langid_fini,
};
