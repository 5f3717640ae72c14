/*
 * The tagger's words made from the host's tokens: a colon and a case
 * ending after an abbreviation ("EU:n", Finnish and Swedish) stay one
 * word, as the training data has them; other colons still cut. And a
 * sentence the host ends at a known short abbreviation ("1. FC
 * Kaiserslautern") goes on into the next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../hash.h"
#include "../model.h"
#include "../scheme.h"
#include "../words.h"

#define TOKENS_MAX 16

/*
 * Tokens of text cut where the host cuts: at spaces, around every ':',
 * before a final '.' and after a word's first '-' (ASCII text only, so
 * code points are bytes).
 */
static size_t
tokenize(const char *text, lector_token *tok)
{
	size_t n = 0, len = strlen(text);

	for (size_t i = 0; i < len;) {
		if (text[i] == ' ' || text[i] == '\n') {
			i++;
			continue;
		}
		size_t j = i + 1;
		if (text[i] != ':' && text[i] != '.' && text[i] != '-')
			while (j < len && text[j] != ' ' && text[j] != ':' &&
			    text[j] != '\n' && !(text[j] == '.' &&
			    (j + 1 == len || text[j + 1] == ' ')))
				j++;
		assert_true(n < TOKENS_MAX);
		memset(&tok[n], 0, sizeof(tok[n]));
		tok[n].start = tok[n].byte_start = (uint32_t)i;
		tok[n].end = tok[n].byte_end = (uint32_t)j;
		tok[n].kind = text[i] == ':' || text[i] == '.' || text[i] == '-' ?
		    LECTOR_TOKEN_PUNCT : LECTOR_TOKEN_WORD;
		n++;
		i = j;
	}
	return n;
}

/* A model without weights whose lexicon knows "FC.", "1." and "U.S.". */
static void
lexicon_model(unsigned char **buf, size_t *size)
{
	static const char *const known[] = { "FC.", "1.", "U.S." };
	uint64_t lex[16], key = 1;
	int16_t w[LABELS_MAX] = { 0 };
	char err[256];

	memset(lex, 0, sizeof(lex));
	for (size_t i = 0; i < 3; i++) {
		uint64_t h = hash_final(hash_bytes(HASH_SEED, known[i],
		    strlen(known[i])));
		uint32_t j = (uint32_t)h & 15;
		while (lex[j] != 0)
			j = (j + 1) & 15;
		lex[j] = h;
	}
	struct model_spec sp = {
		.language = "fi", .name = "test-lexicon", .scheme = SCHEME_BIO,
		.nlabels = scheme_nlabels(SCHEME_BIO), .stages = 1,
		.scale = 0.01f, .nrows = 1, .keys = &key, .weights = w,
		.lex = lex, .lex_slots = 16
	};
	assert_int_equal(model_build(&sp, buf, size, err, sizeof(err)), 0);
}

/*
 * The words of text, joined by '|', the tagger's sentences by " / ".
 * The host's sentences end at each '\n' and after each "." token.
 */
static void
words_of(const char *text, char *out, size_t max)
{
	lector_token tok[TOKENS_MAX];
	lector_span sent[TOKENS_MAX];
	unsigned char *buf;
	size_t size, used = 0, nsent = 0, k = 0;
	struct model m;
	struct words ws;
	char err[256];

	size_t n = tokenize(text, tok);
	for (size_t i = 0; i < n; i++) {
		int last = i + 1 == n || text[tok[i].byte_start] == '.' ||
		    memchr(text + tok[i].byte_end, '\n',
		    tok[i + 1].byte_start - tok[i].byte_end) != NULL;
		if (!last)
			continue;
		memset(&sent[nsent], 0, sizeof(sent[nsent]));
		sent[nsent].first = (uint32_t)k;
		sent[nsent].count = (uint32_t)(i + 1 - k);
		nsent++;
		k = i + 1;
	}
	lexicon_model(&buf, &size);
	assert_int_equal(model_parse(&m, buf, size, err, sizeof(err)), 0);
	assert_int_equal(words_build(&ws, text, tok, n, sent, nsent, &m), 0);
	out[0] = 0;
	for (size_t s = 0; s < ws.nsents; s++) {
		for (size_t i = 0; i < ws.sents[s].n; i++) {
			const struct ner_word *w = &ws.sents[s].w[i];
			assert_true(used + w->len + 4 < max);
			if (i > 0)
				out[used++] = '|';
			else if (s > 0)
				used += (size_t)snprintf(out + used, 4, " / ");
			memcpy(out + used, w->s, w->len);
			used += w->len;
			out[used] = 0;
		}
	}
	words_free(&ws);
	free(buf);
}

static void
an_abbreviation_keeps_its_case_ending(void **unused)
{
	char w[256];
	(void)unused;

	words_of("EU:n komissio ja NBC:lle 1990:n", w, sizeof(w));
	assert_string_equal(w, "EU:n|komissio|ja|NBC:lle|1990:n");
}

static void
other_colons_still_cut(void **unused)
{
	char w[256];
	(void)unused;

	/* A lower-case word, a capital after the colon, a longer chain. */
	words_of("huom:n Sanoi:Sen A:b:c", w, sizeof(w));
	assert_string_equal(w, "huom|:|n|Sanoi|:|Sen|A|:|b|:|c");
}

static void
a_name_goes_on_after_a_known_abbreviation(void **unused)
{
	char w[256];
	(void)unused;

	words_of("Der 1. FC Kaiserslautern gewann .", w, sizeof(w));
	assert_string_equal(w, "Der|1.|FC|Kaiserslautern|gewann|.");
	words_of("Sieger FC. BARCELONA .", w, sizeof(w));
	assert_string_equal(w, "Sieger|FC.|BARCELONA|.");
}

static void
other_sentence_ends_stay(void **unused)
{
	char w[256];
	(void)unused;

	/* Inner dots, an unknown word, a new line, a lower-case word. */
	words_of("in the U.S. The end .", w, sizeof(w));
	assert_string_equal(w, "in|the|U.S. / The|end|.");
	words_of("Sieger BM. GRANOLLERS .", w, sizeof(w));
	assert_string_equal(w, "Sieger|BM|. / GRANOLLERS|.");
	words_of("Der 1.\nFC Kaiserslautern .", w, sizeof(w));
	assert_string_equal(w, "Der|1. / FC|Kaiserslautern|.");
	words_of("Platz 1. dann .", w, sizeof(w));
	assert_string_equal(w, "Platz|1. / dann|.");
}

static void
a_hyphen_after_a_space_stays_with_its_noun(void **unused)
{
	char w[256];
	(void)unused;

	words_of("Billboard Hot 100 -listalla ja H&M Home -tuotteita", w,
	    sizeof(w));
	assert_string_equal(w,
	    "Billboard|Hot|100|-listalla|ja|H&M|Home|-tuotteita");
}

static void
other_hyphens_still_cut(void **unused)
{
	char w[256];
	(void)unused;

	/* A dash between words, a capital after it, a leading hyphen. */
	words_of("- sanoi - ja -Nokia -x:n", w, sizeof(w));
	assert_string_equal(w, "-|sanoi|-|ja|-|Nokia|-|x|:|n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_abbreviation_keeps_its_case_ending),
		cmocka_unit_test(other_colons_still_cut),
		cmocka_unit_test(a_name_goes_on_after_a_known_abbreviation),
		cmocka_unit_test(other_sentence_ends_stay),
		cmocka_unit_test(a_hyphen_after_a_space_stays_with_its_noun),
		cmocka_unit_test(other_hyphens_still_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
