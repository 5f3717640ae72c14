/* Tokens as a reader of news would cut them, in several scripts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tokenize.h"

static const char kinds[] = "?WNPSUEI";

/* "text/K text/K ..." with K the kind's letter, for one-line assertions. */
static void
render(const char *text, char *out, size_t cap)
{
	struct token_list list = { 0 };
	size_t n = 0;

	assert_int_equal(tokenize(text, strlen(text), &list), 0);
	out[0] = '\0';
	for (size_t i = 0; i < list.n; i++) {
		const lector_token *t = &list.v[i];
		n += (size_t)snprintf(out + n, cap - n, "%s%.*s/%c", i ? " " : "",
		    (int)(t->byte_end - t->byte_start), text + t->byte_start,
		    kinds[t->kind]);
	}
	token_list_free(&list);
}

struct tcase {
	const char *text, *tokens;
};

static const struct tcase cases[] = {
	{ "Kim Jong-un met O'Neil; don't.",
	  "Kim/W Jong-un/W met/W O'Neil/W ;/P don't/W ./P" },
	{ "It cost $1.13bn, up 3.5%.", "It/W cost/W $/S 1.13bn/N ,/P up/W 3.5/N %/S ./P" },
	{ "Mail a.b@example.com.", "Mail/W a.b@example.com/E ./P" },
	{ "See https://example.org/x_(y).", "See/W https://example.org/x_(y)/U ./P" },
	{ "(www.example.org/a)", "(/P www.example.org/a/U )/P" },
	{ "The U.S. and Mr. J. Smith", "The/W U.S./W and/W Mr./W J./W Smith/W" },
	{ "e.g. this", "e.g./W this/W" },
	{ "AT&T and S&P fell", "AT&T/W and/W S&P/W fell/W" },
	{ "a 3-year-old at 10:30 on 2019-03-01", "a/W 3-year-old/W at/W 10:30/N on/W 2019-03-01/N" },
	{ "the 1980s, 1,000 people", "the/W 1980s/N ,/P 1,000/N people/W" },
	{ "Wait... what?!", "Wait/W .../P what/W ?!/P" },
	{ "東京都に住んでいます。", "東京都に住んでいます/I 。/P" },
	{ "서울은 크다.", "서울은/W 크다/W ./P" },
	{ "Привет, мир!", "Привет/W ,/P мир/W !/P" },
	{ "مرحبا بالعالم؟", "مرحبا/W بالعالم/W ؟/P" },
	{ "नमस्ते दुनिया।", "नमस्ते/W दुनिया/W ।/P" },
	{ "«Ça va», dit-il — bien.", "«/P Ça/W va/W »/P ,/P dit-il/W —/P bien/W ./P" },
	{ "a -- b", "a/W --/P b/W" },
};

static void
test_token_table(void **unused)
{
	char got[512];

	(void)unused;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render(cases[i].text, got, sizeof(got));
		if (strcmp(got, cases[i].tokens) != 0)
			fail_msg("\"%s\"\n  got:  %s\n  want: %s", cases[i].text, got,
			    cases[i].tokens);
	}
}

static void
test_offsets_are_code_points(void **unused)
{
	const char *text = "café au lait";
	struct token_list list = { 0 };

	(void)unused;
	assert_int_equal(tokenize(text, strlen(text), &list), 0);
	assert_int_equal(list.n, 3);
	assert_int_equal(list.v[0].start, 0);
	assert_int_equal(list.v[0].end, 4);
	assert_int_equal(list.v[0].byte_end, 5);
	assert_int_equal(list.v[1].start, 5);
	assert_int_equal(list.v[1].byte_start, 6);
	assert_int_equal(list.v[2].end, 12);
	token_list_free(&list);
}

static void
test_empty_and_space_give_no_tokens(void **unused)
{
	struct token_list list = { 0 };

	(void)unused;
	assert_int_equal(tokenize("", 0, &list), 0);
	assert_int_equal(tokenize(" \n\t\u3000", strlen(" \n\t\u3000"), &list), 0);
	assert_int_equal(list.n, 0);
	token_list_free(&list);
}

/* The tokens stay for the whole article: no room is kept beyond them. */
static void
test_tokens_keep_no_spare_room(void **unused)
{
	struct token_list list = { 0 };
	char text[3000];
	size_t n = 0;

	(void)unused;
	for (int i = 0; i < 1000; i++)		/* 1000 tokens, past the first array */
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%c ", 'a' + i % 26);
	assert_int_equal(tokenize(text, n, &list), 0);
	assert_int_equal(list.n, 1000);
	assert_int_equal(list.cap, list.n);
	assert_int_equal(list.v[999].byte_start, 1998);
	token_list_free(&list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_table),
		cmocka_unit_test(test_offsets_are_code_points),
		cmocka_unit_test(test_empty_and_space_give_no_tokens),
		cmocka_unit_test(test_tokens_keep_no_spare_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
