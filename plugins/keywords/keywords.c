/*
 * The keywords plugin: the article's key phrases, best first, each with
 * the form it is most often written in, a score relative to the best (1)
 * and how often it occurs. Names come whole when the entities plugin ran
 * before (its result is read, not needed). Language support (lang.c, terms.c) comes from the
 * textkit library, shared with the summary plugin.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lang.h"
#include "phrases.h"
#include "terms.h"

#define TITLE_TERMS 64

struct keywords_state {
	const lector_host *host;
	struct langs langs;
};

static const lector_option options[] = {
	{ "count", LECTOR_OPT_INT, "10", "how many key phrases to return", 1, 100 },
	{ "max_words", LECTOR_OPT_INT, "4", "longest key phrase, in words", 1,
	  PHRASE_MAX },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static int
k_init(const lector_host *host, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	struct keywords_state *st;

	(void)opts;
	(void)data_dir;
	st = calloc(1, sizeof(*st));
	if (st == NULL || langs_init(&st->langs) != LECTOR_OK) {
		free(st);
		snprintf(err->message, sizeof(err->message),
		    "keywords: out of memory");
		return LECTOR_ENOMEM;
	}
	st->host = host;
	*state = st;
	return LECTOR_OK;
}

static void
k_fini(void *state)
{
	struct keywords_state *st = state;

	if (st == NULL)
		return;
	langs_free(&st->langs);
	free(st);
}

/*
 * The text a phrase is shown as, in buf (room for len + 1): its commonest
 * form without format characters and without an English possessive, its
 * line breaks and runs of spaces one space (a phrase wrapped in the text
 * is one line in a list). Returns its length.
 */
static size_t
shown(const struct phrase_doc *d, const struct lang *l,
    const struct phrase *p, char *buf)
{
	const struct phrase_form *f = phrase_shown(p);
	const unsigned char *s = (const unsigned char *)d->text + f->at;
	size_t i = 0, n = 0, skip;

	while (i < f->len) {
		skip = fold_format_len((const char *)s + i, f->len - i);
		if (skip > 0) {
			i += skip;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
			if (n > 0 && buf[n - 1] != ' ')
				buf[n++] = ' ';
			i++;
			continue;
		}
		buf[n++] = (char)s[i++];
	}
	if (strcmp(l->code, "en") == 0) {
		if (n > 2 && memcmp(buf + n - 2, "'s", 2) == 0)
			n -= 2;
		else if (n > 4 && memcmp(buf + n - 4, "\xe2\x80\x99s", 4) == 0)
			n -= 4;
	}
	buf[n] = '\0';
	return n;
}

static json_t *
result_json(const struct phrase_doc *d, const struct lang *l,
    const struct phrase *p, size_t n)
{
	json_t *arr = json_array(), *o;
	double top = n > 0 ? p[0].score : 1;
	char *buf;
	size_t i, len;

	if (arr == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		buf = malloc(phrase_shown(&p[i])->len + 1);
		if (buf == NULL) {
			json_decref(arr);
			return NULL;
		}
		len = shown(d, l, &p[i], buf);
		o = json_pack("{s:s%, s:f, s:I}", "text", buf, len, "score",
		    round(p[i].score / top * 1e4) / 1e4, "count",
		    (json_int_t)p[i].count);
		free(buf);
		if (o == NULL || json_array_append_new(arr, o) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static int
k_annotate(void *state, lector_doc *doc, const json_t *opts,
    lector_error *err)
{
	struct keywords_state *st = state;
	const lector_host *h = st->host;
	struct phrase_doc d;
	struct phrase *out = NULL;
	struct terms terms;
	const struct lang *l;
	int32_t title[TITLE_TERMS];
	json_int_t k = json_integer_value(json_object_get(opts, "count"));
	json_int_t words = json_integer_value(json_object_get(opts, "max_words"));
	const char *t;
	size_t bytes;
	json_t *res;
	int rc, n;

	if (k < 1)
		k = 10;
	if (words < 1 || words > PHRASE_MAX)
		words = 4;
	memset(&d, 0, sizeof(d));
	d.max_words = (size_t)words;
	d.entities = h->result(doc, "entities");
	d.text = h->text(doc, &bytes);
	d.bytes = bytes;
	d.sent = h->sentences(doc, &d.nsent);
	d.tok = h->tokens(doc, &d.ntok);
	l = langs_for_doc(&st->langs, h, doc);
	/* German writes every noun with a capital: there it marks no name. */
	d.capital_names = strcmp(l->code, "de") != 0 && strcmp(l->code, "lb") != 0;
	d.english = strcmp(l->code, "en") == 0;
	d.specific = specific_for(l->algorithm);
	rc = terms_build(&terms, l, d.text, d.tok, d.ntok);
	out = malloc((size_t)k * sizeof(*out));
	if (rc != LECTOR_OK || out == NULL) {
		rc = LECTOR_ENOMEM;
		goto done;
	}
	d.terms = &terms;
	t = h->meta(doc, "title");
	d.title = title;
	d.ntitle = t ? terms_of_text(&terms, l, t, title, TITLE_TERMS) : 0;
	n = phrases_pick(&d, (size_t)k, out);
	if (n < 0) {
		rc = n;
		goto done;
	}
	res = result_json(&d, l, out, (size_t)n);
	rc = res == NULL ? LECTOR_ENOMEM : h->set_result(doc, res);
done:
	if (rc == LECTOR_ENOMEM)
		snprintf(err->message, sizeof(err->message),
		    "keywords: out of memory");
	else if (rc != LECTOR_OK)
		snprintf(err->message, sizeof(err->message),
		    "keywords: the host refused the result");
	terms_free(&terms);
	free(out);
	return rc;
}

LECTOR_PLUGIN_DEFINE = {
	LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR, sizeof(lector_plugin),
	.name = "keywords",
	.version = "1.0.0",
	.summary = "Key phrases merged by stem, best first",
	.kind = LECTOR_ANNOTATOR,
	.key = "keywords",
	.options = options,
	.init = k_init,
	.annotate = k_annotate,
	.fini = k_fini,
};
