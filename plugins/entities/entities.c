/*
 * entities: people, organisations, places and other names from a trained
 * tagger, and dates, times, amounts, percentages, quantities, e-mail
 * addresses and URLs from rules, grouped into entities with their aliases.
 *
 * Result, under "entities", a list in order of first appearance:
 *   [ { "text", "type", "count", "mentions": [ { "start", "end", "text" } ],
 *       "aliases": [...], "source": "en-conll2003" | "rules" } ]
 * "source" says which model found the entity; where the article's language
 * has no model, every entity comes from "rules".
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lector/plugin.h>

#include "correct.h"
#include "quotes.h"
#include "group.h"
#include "mention.h"
#include "model.h"
#include "rules.h"
#include "scheme.h"
#include "stem.h"
#include "tagger.h"
#include "words.h"

/*
 * The languages with a model, and its file in the data folder: English's
 * is opened at init (a broken install shows at once), the others when an
 * article first needs them, so a worker maps only what it uses.
 */
static const char *const model_languages[] = { "en", "de", "es", "nl", "fr",
	"pt", "da", "sv", "nb", "nn", "fi", "ru" };
#define NLANGS (sizeof(model_languages) / sizeof(model_languages[0]))
#define ENGLISH 0

/* Below this, the language answer is not trusted on its own. */
#define SURE_CONFIDENCE 0.9
/*
 * Below this share of lower-case words, a text is names and numbers (a
 * results table, a list) more than prose, and its language answer rests
 * on little evidence.
 */
#define PROSE_MIN 0.4

enum { MODEL_UNTRIED = 0, MODEL_LOADED, MODEL_MISSING };

struct state {
	const lector_host *host;
	char data_dir[4096];
	struct model models[NLANGS];
	int status[NLANGS];
	struct tagger_docs docs;
};

static const lector_option options[] = {
	/*
	 * The caps bound the list on a long article of distinct names (a
	 * listed mention takes some 600 bytes as JSON, an entity 1 KB); the
	 * 896 BBC News articles have at most 112 entities and 219 mentions
	 * each, far below them. 5,000 listed mentions and 1,000 entities
	 * made 4.1 MB of JSON, on top of the 6.2 MB the host holds for 1 MB
	 * of text (its tokens, whose layout the plugin interface fixes):
	 * more than 10 times a 1 MB article. 3,000 make 2.9 MB.
	 */
	{ "max_entities", LECTOR_OPT_INT, "1000",
	    "return at most this many entities, those with the most mentions, "
	    "in order of appearance (0: all)", 0, 1000000 },
	{ "max_mentions", LECTOR_OPT_INT, "100",
	    "list at most this many mentions of an entity, the first ones; "
	    "count counts them all (0: all)", 0, 100000000 },
	{ "max_listed_mentions", LECTOR_OPT_INT, "3000",
	    "list at most this many mentions in all, the first entities' first "
	    "(0: no cap)", 0, 100000000 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

static void
model_path(const struct state *st, size_t lang, char *path, size_t size)
{
	if (lang == ENGLISH)
		snprintf(path, size, "%s/entities.model", st->data_dir);
	else
		snprintf(path, size, "%s/entities-%s.model", st->data_dir,
		    model_languages[lang]);
}

/* Maps a model and opens the stemmer its features need, if any. */
static int
open_model(struct model *m, const char *path, char *why, size_t whylen)
{
	if (model_open(m, path, why, whylen) != 0)
		return -1;
	if (ner_stemmer_open(&m->stemmer, m->hdr->language) != 0) {
		model_close(m);
		snprintf(why, whylen, "%s: no memory for its stemmer", path);
		return -1;
	}
	return 0;
}

static void
close_model(struct model *m)
{
	ner_stemmer_close(m->stemmer);
	model_close(m);
}

/* The model of a language, mapped on first use; NULL when there is none. */
static const struct model *
language_model(struct state *st, size_t lang)
{
	char path[4200], why[512], msg[1024];

	if (st->status[lang] == MODEL_UNTRIED) {
		model_path(st, lang, path, sizeof(path));
		if (open_model(&st->models[lang], path, why, sizeof(why)) == 0) {
			st->status[lang] = MODEL_LOADED;
		} else {
			/* Said once; the language keeps the rule types. */
			st->status[lang] = MODEL_MISSING;
			snprintf(msg, sizeof(msg), "no %s tagger, rule types "
			    "only: %s", model_languages[lang], why);
			st->host->log(LECTOR_LOG_WARNING, "entities", msg);
		}
	}
	return st->status[lang] == MODEL_LOADED ? &st->models[lang] : NULL;
}

static int
init(const lector_host *host, const json_t *opts, const char *data_dir,
    void **state, lector_error *err)
{
	char path[4200], why[LECTOR_ERROR_MAX - 64];
	struct state *st;

	(void)opts;
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		snprintf(err->message, sizeof(err->message), "out of memory");
		return LECTOR_ENOMEM;
	}
	st->host = host;
	snprintf(st->data_dir, sizeof(st->data_dir), "%s", data_dir);
	model_path(st, ENGLISH, path, sizeof(path));
	if (open_model(&st->models[ENGLISH], path, why, sizeof(why)) != 0) {
		snprintf(err->message, sizeof(err->message),
		    "cannot load the entity model: %s", why);
		free(st);
		return LECTOR_EIO;
	}
	st->status[ENGLISH] = MODEL_LOADED;
	if (tagger_docs_init(&st->docs) != 0) {
		close_model(&st->models[ENGLISH]);
		free(st);
		snprintf(err->message, sizeof(err->message), "out of memory");
		return LECTOR_ENOMEM;
	}
	*state = st;
	return LECTOR_OK;
}

/* The index of a language with a model, or -1. */
static int
language_index(const char *code)
{
	if (code == NULL)
		return -1;
	if (strcmp(code, "no") == 0)
		code = "nb";		/* Norwegian, unspecified: Bokmål */
	for (size_t i = 0; i < NLANGS; i++)
		if (strcmp(code, model_languages[i]) == 0)
			return (int)i;
	return -1;
}

/*
 * The model for a language answer (the document's or a span's): its own
 * when the answer is sure; when it is not, the likeliest candidate that
 * has a model, the answer's alternatives included; for Latin script with
 * no candidate, English. -1: rule types only.
 */
static int
choose_language(const json_t *answer)
{
	const char *code = json_string_value(json_object_get(answer, "code"));
	const char *script = json_string_value(json_object_get(answer, "script"));
	double conf = json_number_value(json_object_get(answer, "confidence"));
	const json_t *alts = json_object_get(answer, "alternatives");
	int own = language_index(code);

	if (answer == NULL || code == NULL || strcmp(code, "und") == 0)
		return ENGLISH;	/* nothing to go on: as before langid */
	if (own >= 0)
		return own;	/* the likeliest, and it has a model */
	for (size_t i = 0; i < json_array_size(alts); i++) {
		const json_t *a = json_array_get(alts, i);
		int k = language_index(json_string_value(json_object_get(a,
		    "code")));
		if (k >= 0)
			return k;	/* alternatives come likeliest first */
	}
	if (conf < SURE_CONFIDENCE && script != NULL &&
	    strcmp(script, "Latn") == 0)
		return ENGLISH;
	return -1;
}

/* The share of words that start lower-case: prose, or a table of names. */
static double
prose_share(const char *text, const lector_token *tok, size_t ntok)
{
	size_t words = 0, lower = 0;

	for (size_t i = 0; i < ntok; i++) {
		if (tok[i].kind != LECTOR_TOKEN_WORD)
			continue;
		unsigned char c = (unsigned char)text[tok[i].byte_start];
		words++;
		/* A non-ASCII start counts as lower-case: "été", "že". */
		lower += (c >= 'a' && c <= 'z') || c >= 0x80;
	}
	return words ? (double)lower / (double)words : 1.0;
}

/*
 * The tagger of each sentence: that of the langid span it starts in, when
 * its language has a tagger; else the document's.
 */
static void
sentence_languages(struct state *st, const json_t *language,
    const lector_span *sent, size_t nsent, int *lang)
{
	const json_t *spans = json_object_get(language, "spans");
	int doc_lang = choose_language(language);
	size_t k = 0;

	for (size_t i = 0; i < nsent; i++) {
		lang[i] = doc_lang;
		for (; k < json_array_size(spans); k++) {
			const json_t *sp = json_array_get(spans, k);
			json_int_t end = json_integer_value(json_object_get(sp,
			    "end"));
			if (end > (json_int_t)sent[i].start)
				break;
		}
		if (k == json_array_size(spans))
			continue;
		const json_t *sp = json_array_get(spans, k);
		json_int_t start = json_integer_value(json_object_get(sp,
		    "start"));
		int span_lang = choose_language(sp);
		if (start <= (json_int_t)sent[i].start && span_lang >= 0 &&
		    language_model(st, (size_t)span_lang))
			lang[i] = span_lang;
	}
}

static int
add_spans(const struct model *m, const struct words *ws, size_t k,
    struct span *spans, struct mentions *out)
{
	const struct ner_sent *s = &ws->sents[k];
	const struct word *w = ws->w + (s->w - ws->nw);
	size_t n = scheme_decode(m->scheme, ws->sent_labels[k], s->n,
	    spans, s->n);

	for (size_t i = 0; i < n; i++) {
		const struct word *a = &w[spans[i].first];
		const struct word *z = &w[spans[i].last];
		struct mention m = { a->start, z->end, a->byte_start,
		    z->byte_end, spans[i].type, NULL };
		if (mentions_add(out, &m) != 0)
			return -1;
	}
	return 0;
}

/* A model's spans in some sentences, as mentions in text order. */
static int
tag_window(struct state *st, const struct model *m, const char *text,
    const lector_token *tok, size_t ntok, const lector_span *sent,
    size_t nsent, struct mentions *out)
{
	struct words ws;
	struct span *spans = NULL;
	size_t longest = 1;
	int rc = -1;

	if (words_build(&ws, text, tok, ntok, sent, nsent, m) != 0)
		return -1;
	for (size_t k = 0; k < ws.nsents; k++)
		if (ws.sents[k].n > longest)
			longest = ws.sents[k].n;
	/* A sentence has at most one span a word. */
	spans = malloc(longest * sizeof(*spans));
	if (spans == NULL || tagger_tag(m, &st->docs, ws.sents,
	    ws.nsents, ws.sent_labels) != 0)
		goto done;
	for (size_t k = 0; k < ws.nsents; k++)
		if (add_spans(m, &ws, k, spans, out) != 0)
			goto done;
	rc = 0;
done:
	free(spans);
	words_free(&ws);
	return rc;
}

/*
 * The tagger reads a long article a window of sentences at a time, each
 * window a document of its own: what it holds for every word (some 105
 * bytes) then stays under 1 MB, a fifth of what the host holds for a 1 MB
 * article's tokens. Its word arrays grow by doubling: 8,000 tokens make
 * at most 8,192 words but for a few split possessives, where 8,192 tokens
 * would often double them again. An article shorter than a window (some
 * 40 KB of English; the longest BBC News article is 19 KB) is read whole
 * as before.
 */
#define WINDOW_TOKENS 8000

/* The slots of those tables kept between articles: a news article's. */
#define DOCS_KEPT 4096

/* From this size on, an article's freed memory is given back (below). */
#define TRIM_BYTES (256 * 1024)

/* A model's spans in a run of sentences, as mentions in text order. */
static int
tag_mentions(struct state *st, const struct model *m, const char *text,
    const lector_token *tok, size_t ntok, const lector_span *sent,
    size_t nsent, struct mentions *out)
{
	size_t k = 0;

	while (k < nsent) {
		size_t end = k + 1, tokens = sent[k].count;
		while (end < nsent && tokens + sent[end].count <= WINDOW_TOKENS)
			tokens += sent[end++].count;
		if (tag_window(st, m, text, tok, ntok, sent + k, end - k,
		    out) != 0)
			return -1;
		k = end;
	}
	return 0;
}

/*
 * Tags each run of sentences of one language with that language's model;
 * each mention names its model as its source.
 */
static int
tag_by_language(struct state *st, lector_doc *doc, const char *text,
    size_t bytes, struct mentions *out)
{
	const lector_host *host = st->host;
	size_t ntok = 0, nsent = 0;
	const lector_token *tok = host->tokens(doc, &ntok);
	const lector_span *sent = host->sentences(doc, &nsent);
	const json_t *language = host->result(doc, "language");
	int *lang;
	int rc = -1;

	if (tok == NULL || sent == NULL || nsent == 0)
		return 0;
	if ((lang = malloc(nsent * sizeof(*lang))) == NULL)
		return -1;
	sentence_languages(st, language, sent, nsent, lang);
	/*
	 * A Latin-script table of names that langid gave to a language with
	 * no tagger (CoNLL's Yugoslav football results, read as Czech): the
	 * names are better read by the English tagger than not at all.
	 */
	const char *script = json_string_value(json_object_get(language,
	    "script"));
	if (script != NULL && strcmp(script, "Latn") == 0 &&
	    prose_share(text, tok, ntok) < PROSE_MIN)
		for (size_t i = 0; i < nsent; i++)
			if (lang[i] < 0)
				lang[i] = ENGLISH;
	for (size_t i = 0, j; i < nsent; i = j) {
		for (j = i + 1; j < nsent && lang[j] == lang[i]; j++)
			;
		const struct model *m = lang[i] >= 0 ?
		    language_model(st, (size_t)lang[i]) : NULL;
		size_t before = out->n;
		if (m == NULL)
			continue;
		if (tag_mentions(st, m, text, tok, ntok, sent + i, j - i,
		    out) != 0)
			goto done;
		/* out->m stays NULL until a first mention is found. */
		if (out->n > before) {
			struct mentions run = { out->m + before, out->n - before,
			    out->n - before };
			balance_quotes(text, bytes, &run,
			    strcmp(m->hdr->language, "es") == 0);
			if (strcmp(m->hdr->language, "en") == 0)
				correct_mentions(text, bytes, &run, &m->gaz);
			out->n = before + run.n;
		}
		for (size_t k = before; k < out->n; k++)
			out->m[k].source = m->hdr->name;
	}
	rc = 0;
done:
	free(lang);
	return rc;
}

/*
 * The tagger's tables of what a document says elsewhere grow with the
 * distinct words of its largest window (44 bytes a slot, two tables: over
 * 1 MB for a window of distinct names) and are wiped, every page of them,
 * for each window. Once a long article is tagged they go back before its
 * entity list is built, and the next article starts small again. When no
 * fresh tables can be had, the old ones stay: they still work.
 */
static void
shrink_docs(struct state *st)
{
	struct tagger_docs fresh;

	if (st->docs.online.cap <= DOCS_KEPT && st->docs.agg.cap <= DOCS_KEPT)
		return;
	if (tagger_docs_init(&fresh) != 0)
		return;
	tagger_docs_free(&st->docs);
	st->docs = fresh;
}

static int
annotate(void *state, lector_doc *doc, const json_t *opts, lector_error *err)
{
	struct state *st = state;
	const lector_host *host = st->host;
	struct mentions ms = { 0 }, rule_ms = { 0 };
	size_t bytes, ntok = 0;
	const char *text = host->text(doc, &bytes);
	const lector_token *tok = host->tokens(doc, &ntok);
	json_int_t max = json_integer_value(json_object_get(opts, "max_entities"));
	json_int_t max_mentions = json_integer_value(json_object_get(opts,
	    "max_mentions"));
	json_int_t max_listed = json_integer_value(json_object_get(opts,
	    "max_listed_mentions"));
	int rc;

	if (tok == NULL)
		ntok = 0;
	rc = tag_by_language(st, doc, text, bytes, &ms);
	shrink_docs(st);
	/*
	 * What the tagger's windows freed goes back to the system before the
	 * mentions are grouped, which would otherwise come on top of it
	 * (1.3 MB on 1 MB of made-up names). A short article's heap is not
	 * worth the walk.
	 */
	if (bytes >= TRIM_BYTES)
		malloc_trim(0);
	if (rc != 0 || (rc = rules_find(text, tok, ntok, &rule_ms)) != 0)
		goto done;
	rc = -1;
	/* Where both speak, the tagger wins: "May" in "Theresa May". */
	mentions_drop_overlaps(&rule_ms, &ms);
	/*
	 * The rules' mentions join the tagger's, in an array of the size of
	 * both: it is held until the entity list is built.
	 */
	if (mentions_merge(&ms, &rule_ms) != 0)
		goto done;
	mentions_free(&rule_ms);
	json_t *items = group_entities(text, &ms, max > 0 ? (size_t)max : 0,
	    max_mentions > 0 ? (size_t)max_mentions : 0,
	    max_listed > 0 ? (size_t)max_listed : 0);
	if (items != NULL)
		rc = host->set_result(doc, items);
done:
	mentions_free(&ms);
	mentions_free(&rule_ms);
	if (rc != 0) {
		snprintf(err->message, sizeof(err->message),
		    "out of memory while building the entity list");
		return LECTOR_ENOMEM;
	}
	return LECTOR_OK;
}

static void
fini(void *state)
{
	struct state *st = state;

	if (st == NULL)
		return;
	tagger_docs_free(&st->docs);
	for (size_t i = 0; i < NLANGS; i++)
		if (st->status[i] == MODEL_LOADED)
			close_model(&st->models[i]);
	free(st);
}

/* Needs nothing; reads "language" when an earlier plugin set it. */
LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = "entities",
	.version = "1.0.0",
	.summary = "People, organisations, places, dates, amounts and more",
	.kind = LECTOR_ANNOTATOR,
	.key = "entities",
	.options = options,
	.init = init,
	.annotate = annotate,
	.fini = fini,
};
