/*
 * Language selection. Stemmers and stopword sets are opened lazily, once
 * per process, because a worker sees few languages but may see any.
 */
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "fold.h"
#include "hash.h"
#include "lang.h"
#include "stopwords.h"

struct lang_code {
	const char *iso1, *iso3, *iso3b;
	const char *algorithm;		/* Snowball name, NULL if none */
};

static const struct lang_code codes[] = {
	{ "ar", "ara", NULL, "arabic" },
	{ "hy", "hye", "arm", "armenian" },
	{ "eu", "eus", "baq", "basque" },
	{ "ca", "cat", NULL, "catalan" },
	{ "da", "dan", NULL, "danish" },
	{ "nl", "nld", "dut", "dutch" },
	{ "en", "eng", NULL, "english" },
	{ "fi", "fin", NULL, "finnish" },
	{ "fr", "fra", "fre", "french" },
	{ "de", "deu", "ger", "german" },
	{ "el", "ell", "gre", "greek" },
	{ "hi", "hin", NULL, "hindi" },
	{ "hu", "hun", NULL, "hungarian" },
	{ "id", "ind", NULL, "indonesian" },
	{ "ga", "gle", NULL, "irish" },
	{ "it", "ita", NULL, "italian" },
	{ "lt", "lit", NULL, "lithuanian" },
	{ "ne", "nep", NULL, "nepali" },
	{ "no", "nor", NULL, "norwegian" },
	{ "nb", "nob", NULL, "norwegian" },
	{ "nn", "nno", NULL, "norwegian" },
	{ "pt", "por", NULL, "portuguese" },
	{ "ro", "ron", "rum", "romanian" },
	{ "ru", "rus", NULL, "russian" },
	{ "sr", "srp", NULL, "serbian" },
	{ "es", "spa", NULL, "spanish" },
	{ "sv", "swe", NULL, "swedish" },
	{ "ta", "tam", NULL, "tamil" },
	{ "tr", "tur", NULL, "turkish" },
	{ "yi", "yid", NULL, "yiddish" },
};
#define NCODES (sizeof(codes) / sizeof(codes[0]))

/* Guessing keeps one bit a language. */
_Static_assert(NCODES <= 32, "too many languages for a uint32_t mask");

int
langs_init(struct langs *ls)
{
	memset(ls, 0, sizeof(*ls));
	ls->all = calloc(NCODES, sizeof(*ls->all));
	if (ls->all == NULL)
		return LECTOR_ENOMEM;
	ls->n = NCODES;
	ls->none.code = "";
	ls->none.opened = 1;
	return LECTOR_OK;
}

void
langs_free(struct langs *ls)
{
	size_t i;

	free(ls->owners);
	for (i = 0; i < ls->n; i++) {
		if (ls->all[i].stemmer != NULL)
			sb_stemmer_delete(ls->all[i].stemmer);
		free(ls->all[i].stop);
		free(ls->all[i].stop_buf);
	}
	free(ls->all);
	memset(ls, 0, sizeof(*ls));
}

static uint32_t
hash(const char *s)
{
	return textkit_hash(s, strlen(s));
}

/* Splits a stopword list into a hash set; on no memory, no list. */
static void
load_stop(struct lang *l, const char *words)
{
	size_t n = 1, i;
	char *p, *w;

	l->stop_buf = strdup(words);
	if (l->stop_buf == NULL)
		return;
	for (p = l->stop_buf; *p; p++)
		n += *p == ' ';
	for (l->nslots = 16; l->nslots < n * 2; l->nslots *= 2)
		;
	l->stop = calloc(l->nslots, sizeof(*l->stop));
	if (l->stop == NULL) {
		free(l->stop_buf);
		l->stop_buf = NULL;
		return;
	}
	for (w = p = l->stop_buf;; p++) {
		int last = *p == '\0';
		if (*p != ' ' && !last)
			continue;
		*p = '\0';
		for (i = hash(w) & (l->nslots - 1); l->stop[i] != NULL &&
		    strcmp(l->stop[i], w) != 0; i = (i + 1) & (l->nslots - 1))
			;
		l->stop[i] = w;
		if (last)
			break;
		w = p + 1;
	}
}

static struct lang *
open_lang(struct langs *ls, size_t i)
{
	struct lang *l = &ls->all[i];
	const char *words;

	if (l->opened)
		return l;
	l->opened = 1;
	l->code = codes[i].iso1;
	l->algorithm = codes[i].algorithm;
	/* Without memory for a stemmer the words stay unstemmed: worse, not wrong. */
	if (l->algorithm != NULL)
		l->stemmer = sb_stemmer_new(l->algorithm, "UTF_8");
	words = stopwords_list(codes[i].iso1);
	if (words == NULL && strcmp(codes[i].iso1, "nb") == 0)
		words = stopwords_list("no");
	if (words != NULL)
		load_stop(l, words);
	return l;
}

const struct lang *
langs_get(struct langs *ls, const char *code)
{
	char c[8];
	size_t i, n;

	if (code == NULL || ls->all == NULL)
		return NULL;
	for (n = 0; code[n] && code[n] != '-' && code[n] != '_'; n++) {
		if (n + 1 >= sizeof(c))
			return NULL;
		c[n] = (code[n] >= 'A' && code[n] <= 'Z') ? code[n] + 32 : code[n];
	}
	c[n] = '\0';
	for (i = 0; i < NCODES; i++)
		if (strcmp(c, codes[i].iso1) == 0 || strcmp(c, codes[i].iso3) == 0 ||
		    (codes[i].iso3b != NULL && strcmp(c, codes[i].iso3b) == 0))
			return open_lang(ls, i);
	return NULL;
}

int
lang_is_stop(const struct lang *l, const char *word)
{
	size_t i;

	if (l->stop == NULL)
		return 0;
	for (i = hash(word) & (l->nslots - 1); l->stop[i] != NULL;
	    i = (i + 1) & (l->nslots - 1))
		if (strcmp(l->stop[i], word) == 0)
			return 1;
	return 0;
}

const char *
lang_stem(const struct lang *l, const char *word, size_t len,
    size_t *stem_len)
{
	const sb_symbol *s;

	*stem_len = len;
	if (l->stemmer == NULL)
		return word;
	s = sb_stemmer_stem(l->stemmer, (const sb_symbol *)word, (int)len);
	if (s == NULL)
		return word;
	*stem_len = (size_t)sb_stemmer_length(l->stemmer);
	return (const char *)s;
}

/* How many words are looked at to guess; enough for a clear majority. */
#define GUESS_WORDS 400

/*
 * One table of every stopword of every list, each with the set of
 * languages that list it, so a guess costs one look-up a word.
 */
static int
build_owners(struct langs *ls)
{
	size_t i, j, k, total = 0;

	for (i = 0; i < NCODES; i++)
		if (stopwords_list(codes[i].iso1) != NULL)
			open_lang(ls, i);
	for (i = 0; i < NCODES; i++)
		total += ls->all[i].nslots;
	for (ls->nowners = 64; ls->nowners < total; ls->nowners *= 2)
		;
	ls->owners = calloc(ls->nowners, sizeof(*ls->owners));
	if (ls->owners == NULL)
		return LECTOR_ENOMEM;
	for (i = 0; i < NCODES; i++)
		for (j = 0; j < ls->all[i].nslots; j++) {
			const char *w = ls->all[i].stop[j];
			if (w == NULL)
				continue;
			for (k = hash(w) & (ls->nowners - 1); ls->owners[k].word != NULL &&
			    strcmp(ls->owners[k].word, w) != 0;
			    k = (k + 1) & (ls->nowners - 1))
				;
			ls->owners[k].word = w;
			ls->owners[k].langs |= UINT32_C(1) << i;
		}
	return LECTOR_OK;
}

static uint32_t
owners_of(const struct langs *ls, const char *w)
{
	size_t k;

	for (k = hash(w) & (ls->nowners - 1); ls->owners[k].word != NULL;
	    k = (k + 1) & (ls->nowners - 1))
		if (strcmp(ls->owners[k].word, w) == 0)
			return ls->owners[k].langs;
	return 0;
}

const struct lang *
langs_guess(struct langs *ls, const char *text, const lector_token *tok,
    size_t ntok)
{
	size_t hits[NCODES] = { 0 };
	size_t i, j, words = 0, best = NCODES;
	uint32_t m;
	char low[64];

	if (ls->owners == NULL && build_owners(ls) != LECTOR_OK)
		return &ls->none;
	for (i = 0; i < ntok && words < GUESS_WORDS; i++) {
		if (tok[i].kind != LECTOR_TOKEN_WORD)
			continue;
		words++;
		if (fold_lower(text + tok[i].byte_start,
		    tok[i].byte_end - tok[i].byte_start, low, sizeof(low)) == 0)
			continue;
		for (m = owners_of(ls, low), j = 0; m != 0; m >>= 1, j++)
			hits[j] += m & 1;
	}
	for (j = 0; j < NCODES; j++)
		if (hits[j] > 0 && (best == NCODES || hits[j] > hits[best]))
			best = j;
	/* Function words are a fifth to a half of running text. */
	if (best == NCODES || hits[best] < 3 || hits[best] * 8 < words)
		return &ls->none;
	return &ls->all[best];
}

const struct lang *
langs_for_doc(struct langs *ls, const lector_host *host, lector_doc *doc)
{
	const json_t *res = host->result(doc, "language");
	const struct lang *l = NULL;
	const lector_token *tok;
	size_t ntok, bytes;
	const char *text;

	if (res != NULL)
		l = langs_get(ls, json_string_value(json_object_get(res, "code")));
	if (l != NULL)
		return l;
	text = host->text(doc, &bytes);
	tok = host->tokens(doc, &ntok);
	return langs_guess(ls, text, tok, ntok);
}
