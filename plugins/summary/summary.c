/*
 * The summary plugin: extractive summaries. It picks whole sentences of
 * the article (rank.c says how) and returns them in article order with
 * their offsets, so a reader can always find them in the text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "summary.h"
#include "terms.h"

#define TITLE_TERMS 64

static const lector_option options[] = {
	{ "sentences", LECTOR_OPT_INT, "3",
	  "how many sentences the summary has", 1, 100 },
	{ "ratio", LECTOR_OPT_NUMBER, "0",
	  "share of the article's sentences to keep; above 0 it replaces sentences",
	  0, 1 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

size_t
summary_length(const json_t *opts, size_t ncand)
{
	double ratio = json_number_value(json_object_get(opts, "ratio"));
	json_int_t n = json_integer_value(json_object_get(opts, "sentences"));
	size_t k;

	if (ratio > 0)
		k = (size_t)lround(ratio * (double)ncand);
	else
		k = n > 0 ? (size_t)n : 3;
	if (k < 1)
		k = 1;
	return k < ncand ? k : ncand;
}

static int
s_init(const lector_host *host, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	struct summary_state *st;

	(void)opts;
	(void)data_dir;
	st = calloc(1, sizeof(*st));
	if (st == NULL || langs_init(&st->langs) != LECTOR_OK) {
		free(st);
		snprintf(err->message, sizeof(err->message),
		    "summary: out of memory");
		return LECTOR_ENOMEM;
	}
	st->host = host;
	st->weights = rank_defaults;
	*state = st;
	return LECTOR_OK;
}

static void
s_fini(void *state)
{
	struct summary_state *st = state;

	if (st == NULL)
		return;
	langs_free(&st->langs);
	free(st);
}

/* The sentence holding code point cp, by binary search; n if none. */
static size_t
sentence_at(const lector_span *s, size_t n, size_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].end <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && s[lo].start <= cp ? lo : n;
}

/*
 * Per sentence: mentions of entities the article names at least twice,
 * each weighted by how often it is named; scaled to [0, 1]. Absent
 * entities leave all at 0.
 */
static void
entity_weights(const json_t *ents, const lector_span *s, size_t n,
    double *out, size_t *seen)
{
	const json_t *e, *m, *mentions;
	size_t i, j, at;
	double w, mx = 0;

	memset(out, 0, n * sizeof(*out));
	if (!json_is_array(ents))
		return;
	for (i = 0; i < n; i++)
		seen[i] = (size_t)-1;
	json_array_foreach(ents, i, e) {
		mentions = json_object_get(e, "mentions");
		if (json_array_size(mentions) < 2)
			continue;
		w = log(1.0 + (double)json_array_size(mentions));
		json_array_foreach(mentions, j, m) {
			at = sentence_at(s, n, (size_t)json_integer_value(
			    json_object_get(m, "start")));
			if (at < n && seen[at] != i) {
				seen[at] = i;
				out[at] += w;
			}
		}
	}
	for (i = 0; i < n; i++)
		if (out[i] > mx)
			mx = out[i];
	for (i = 0; i < n; i++)
		out[i] = mx > 0 ? out[i] / mx : 0;
}

/* Boilerplate flags per sentence; returns how many are candidates. */
static size_t
mark_boilerplate(const char *text, const lector_span *s, size_t n,
    const lector_token *tok, const lector_span *para, size_t npara,
    uint8_t *skip)
{
	size_t i, j, cand = 0;
	int alone;

	/* First mark the sentences alone in their paragraph (headings, captions). */
	for (i = 0; i < n; i++)
		skip[i] = npara == 0;
	for (i = 0; i < npara; i++)
		for (j = para[i].first; j < para[i].first + para[i].count &&
		    j < n; j++)
			skip[j] = para[i].count == 1;
	for (i = 0; i < n; i++) {
		alone = skip[i];
		skip[i] = boiler_check(text, &s[i], tok, alone) != BOILER_NONE;
		cand += !skip[i];
	}
	return cand;
}

static json_t *
result_json(const char *text, const lector_span *s,
    const struct rank_pick *pick, size_t npick)
{
	json_t *res = json_object(), *arr = json_array(), *o;
	char *joined = NULL;
	size_t i, len = 0, n;

	for (i = 0; i < npick; i++)
		len += s[pick[i].sentence].byte_end - s[pick[i].sentence].byte_start + 1;
	joined = malloc(len + 1);
	if (res == NULL || arr == NULL || joined == NULL)
		goto fail;
	len = 0;
	for (i = 0; i < npick; i++) {
		const lector_span *sp = &s[pick[i].sentence];
		n = sp->byte_end - sp->byte_start;
		o = json_pack("{s:I, s:I, s:s%, s:f}", "start", (json_int_t)sp->start,
		    "end", (json_int_t)sp->end, "text", text + sp->byte_start, n,
		    "score", round(pick[i].score * 1e4) / 1e4);
		if (o == NULL || json_array_append_new(arr, o) != 0)
			goto fail;
		if (len > 0)
			joined[len++] = ' ';
		memcpy(joined + len, text + sp->byte_start, n);
		len += n;
	}
	if (json_object_set_new(res, "sentences", arr) != 0) {
		arr = NULL;
		goto fail;
	}
	arr = NULL;
	if (json_object_set_new(res, "text", json_stringn(joined, len)) != 0)
		goto fail;
	free(joined);
	return res;
fail:
	free(joined);
	json_decref(arr);
	json_decref(res);
	return NULL;
}

static int
s_annotate(void *state, lector_doc *doc, const json_t *opts,
    lector_error *err)
{
	struct summary_state *st = state;
	const lector_host *h = st->host;
	const lector_span *s, *para;
	const lector_token *tok;
	const struct lang *l;
	struct terms terms;
	struct rank_doc rd;
	struct rank_pick *pick = NULL;
	int32_t title[TITLE_TERMS];
	size_t n, ntok, npara, bytes, ncand, npick = 0, *seen = NULL;
	uint8_t *skip = NULL;
	double *ent = NULL;
	const char *text, *t;
	json_t *res;
	int rc;

	text = h->text(doc, &bytes);
	s = h->sentences(doc, &n);
	tok = h->tokens(doc, &ntok);
	para = h->paragraphs(doc, &npara);
	l = langs_for_doc(&st->langs, h, doc);
	rc = terms_build(&terms, l, text, tok, ntok);
	skip = malloc(n + 1);
	ent = malloc((n + 1) * sizeof(*ent));
	seen = malloc((n + 1) * sizeof(*seen));
	pick = malloc((n + 1) * sizeof(*pick));
	if (rc != LECTOR_OK || !skip || !ent || !seen || !pick) {
		rc = LECTOR_ENOMEM;
		goto done;
	}
	ncand = mark_boilerplate(text, s, n, tok, para, npara, skip);
	entity_weights(h->result(doc, "entities"), s, n, ent, seen);
	t = h->meta(doc, "title");
	memset(&rd, 0, sizeof(rd));
	rd.n = n;
	rd.sent = s;
	rd.terms = &terms;
	rd.skip = skip;
	rd.title = title;
	rd.ntitle = t ? terms_of_text(&terms, l, t, title, TITLE_TERMS) : 0;
	rd.entity = ent;
	rc = rank_pick(&rd, &st->weights, summary_length(opts, ncand), pick,
	    &npick);
	if (rc != LECTOR_OK)
		goto done;
	res = result_json(text, s, pick, npick);
	rc = res == NULL ? LECTOR_ENOMEM : h->set_result(doc, res);
done:
	if (rc == LECTOR_ENOMEM)
		snprintf(err->message, sizeof(err->message),
		    "summary: out of memory");
	else if (rc != LECTOR_OK)
		snprintf(err->message, sizeof(err->message),
		    "summary: the host refused the result");
	terms_free(&terms);
	free(skip);
	free(ent);
	free(seen);
	free(pick);
	return rc;
}

LECTOR_PLUGIN_DEFINE = {
	LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR, sizeof(lector_plugin),
	.name = "summary",
	.version = "1.0.0",
	.summary = "Extractive summary: central, early, non-redundant sentences",
	.kind = LECTOR_ANNOTATOR,
	.key = "summary",
	.options = options,
	.init = s_init,
	.annotate = s_annotate,
	.fini = s_fini,
};
