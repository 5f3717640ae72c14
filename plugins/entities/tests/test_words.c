/*
 * The tagger's words made from the host's tokens: a colon and a case
 * ending after an abbreviation ("EU:n", Finnish and Swedish) stay one
 * word, as the training data has them; other colons still cut.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../model.h"
#include "../words.h"
#include "tinymodel.h"

#define TOKENS_MAX 16

/*
 * Tokens of text cut where the host cuts: at spaces, and around every ':'
 * (ASCII text only, so code points are bytes).
 */
static size_t
tokenize(const char *text, lector_token *tok)
{
	size_t n = 0, len = strlen(text);

	for (size_t i = 0; i < len;) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i + 1;
		if (text[i] != ':')
			while (j < len && text[j] != ' ' && text[j] != ':')
				j++;
		assert_true(n < TOKENS_MAX);
		memset(&tok[n], 0, sizeof(tok[n]));
		tok[n].start = tok[n].byte_start = (uint32_t)i;
		tok[n].end = tok[n].byte_end = (uint32_t)j;
		tok[n].kind = text[i] == ':' ? LECTOR_TOKEN_PUNCT : LECTOR_TOKEN_WORD;
		n++;
		i = j;
	}
	return n;
}

/* The words of text as one sentence, joined by '|'. */
static void
words_of(const char *text, char *out, size_t max)
{
	lector_token tok[TOKENS_MAX];
	unsigned char *buf;
	size_t size, used = 0;
	struct model m;
	struct words ws;
	char err[256];

	size_t n = tokenize(text, tok);
	lector_span sent = { 0, 0, 0, 0, 0, (uint32_t)n };
	assert_int_equal(tiny_model_build(NULL, 0, "fi", &buf, &size), 0);
	assert_int_equal(model_parse(&m, buf, size, err, sizeof(err)), 0);
	assert_int_equal(words_build(&ws, text, tok, n, &sent, 1, &m), 0);
	out[0] = 0;
	for (size_t i = 0; i < ws.n; i++) {
		size_t len = ws.nw[i].len;
		assert_true(used + len + 2 < max);
		if (i > 0)
			out[used++] = '|';
		memcpy(out + used, ws.nw[i].s, len);
		used += len;
		out[used] = 0;
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_abbreviation_keeps_its_case_ending),
		cmocka_unit_test(other_colons_still_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
