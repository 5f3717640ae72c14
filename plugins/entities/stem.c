#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include <fold.h>	/* textkit's fold_lower, not this plugin's fold.h */
#include "hash.h"
#include "stem.h"

/*
 * The languages whose models were measured better with stems (see
 * model/LANGUAGES.md). A language leaves this list only with its model
 * retrained: its weights expect the features.
 */
static const struct {
	const char *language, *algorithm;
} stem_languages[] = {
	{ "de", "german" },
	{ "es", "spanish" },
	{ "fi", "finnish" },
	{ "ru", "russian" },
	{ "sv", "swedish" },
};

const char *
ner_stem_algorithm(const char *language)
{
	for (size_t i = 0; i < sizeof(stem_languages) /
	    sizeof(stem_languages[0]); i++)
		if (strcmp(language, stem_languages[i].language) == 0)
			return stem_languages[i].algorithm;
	return NULL;
}

/*
 * Stemming costs more than the rest of a word's features, and a text
 * repeats its words: the stems of recent words are kept, by the hash of
 * the lower-case word (words with one such hash fold to one string).
 */
#define STEM_CACHE 4096

struct stem_entry {
	uint64_t lower, stem, ending;
};

struct ner_stemmer {
	struct sb_stemmer *sb;
	struct stem_entry cache[STEM_CACHE];
};

int
ner_stemmer_open(struct ner_stemmer **out, const char *language)
{
	const char *algorithm = ner_stem_algorithm(language);

	*out = NULL;
	if (algorithm == NULL)
		return 0;
	struct ner_stemmer *st = calloc(1, sizeof(*st));
	if (st == NULL)
		return -1;
	st->sb = sb_stemmer_new(algorithm, "UTF_8");
	if (st->sb == NULL) {
		free(st);
		return -1;
	}
	*out = st;
	return 0;
}

void
ner_stemmer_close(struct ner_stemmer *st)
{
	if (st == NULL)
		return;
	sb_stemmer_delete(st->sb);
	free(st);
}

/* Longer words are rare enough to go without. */
#define STEM_WORD_MAX 64

static void
stem_word(struct sb_stemmer *sb, const struct ner_word *w,
    struct ner_winfo *wi)
{
	char low[STEM_WORD_MAX + 1];
	size_t n = fold_lower(w->s, w->len, low, sizeof(low));

	if (n == 0)
		return;
	const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)low, (int)n);
	if (s == NULL)
		return;
	size_t k = (size_t)sb_stemmer_length(sb);
	/*
	 * The ending is what follows the stem's common prefix with the word
	 * ("issä" of "helsingissä"); a stemmer that also changes the stem
	 * (Finnish undoubling) leaves a little more of it.
	 */
	size_t p = 0;
	while (p < k && p < n && s[p] == (sb_symbol)low[p])
		p++;
	wi->stem = hash_final(hash_bytes(HASH_SEED + 2, (const char *)s, k));
	wi->ending = hash_final(hash_bytes(HASH_SEED + 3, low + p, n - p));
}

void
ner_stem(struct ner_sent *s, struct ner_stemmer *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct ner_winfo *wi = &s->info[i];
		/* Only words with letters: numbers and signs have no endings. */
		if (!(wi->title || wi->upper || wi->lower_case))
			continue;
		struct stem_entry *e = &st->cache[wi->lower & (STEM_CACHE - 1)];
		if (e->lower != wi->lower) {
			stem_word(st->sb, &s->w[i], wi);
			e->lower = wi->lower;
			e->stem = wi->stem;
			e->ending = wi->ending;
		}
		wi->stem = e->stem;
		wi->ending = e->ending;
	}
}
