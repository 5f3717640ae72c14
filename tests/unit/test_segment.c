/* Sentences and paragraphs on the cases that trip naive splitters. */
#include <malloc.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "segment.h"
#include "tokenize.h"
#include "utf8.h"

/* Sentences joined by " | ", paragraphs by " || ". */
static void
render(const char *text, char *out, size_t cap)
{
	struct token_list list = { 0 };
	struct segmentation seg;
	size_t n = 0;

	assert_int_equal(tokenize(text, strlen(text), &list), 0);
	assert_int_equal(segment(text, strlen(text), list.v, list.n, &seg), 0);
	out[0] = '\0';
	for (size_t p = 0; p < seg.n_paragraphs; p++) {
		const lector_span *para = &seg.paragraphs[p];
		for (size_t s = para->first; s < para->first + para->count; s++) {
			const lector_span *sent = &seg.sentences[s];
			n += (size_t)snprintf(out + n, cap - n, "%s%.*s",
			    n == 0 ? "" : s == para->first ? " || " : " | ",
			    (int)(sent->byte_end - sent->byte_start),
			    text + sent->byte_start);
		}
	}
	segmentation_free(&seg);
	token_list_free(&list);
}

struct scase {
	const char *text, *want;
};

static const struct scase cases[] = {
	{ "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.",
	  "Mr. Smith went to Washington. | He arrived at 5 p.m. on Monday." },
	{ "The U.S. Senate voted. Then it adjourned.",
	  "The U.S. Senate voted. | Then it adjourned." },
	{ "He moved to the U.S. The company followed.",
	  "He moved to the U.S. | The company followed." },
	{ "Shares rose 3.5% to $1.13bn. Profits fell.",
	  "Shares rose 3.5% to $1.13bn. | Profits fell." },
	{ "J. K. Rowling wrote it. George W. Bush read it.",
	  "J. K. Rowling wrote it. | George W. Bush read it." },
	{ "Wait... what happened? Nobody knows!",
	  "Wait... what happened? | Nobody knows!" },
	{ "He said \"Stop.\" Then he left.",
	  "He said \"Stop.\" | Then he left." },
	{ "\"Why?\" he asked. She smiled.",
	  "\"Why?\" he asked. | She smiled." },
	{ "(See the report.) It is long.", "(See the report.) | It is long." },
	{ "Acme Inc. said on Feb. 28 that it would grow. Dr. Cha agreed.",
	  "Acme Inc. said on Feb. 28 that it would grow. | Dr. Cha agreed." },
	{ "No. 5 was chosen. It won.", "No. 5 was chosen. | It won." },
	{ "Kim arrived a day before\n\nthe summit, by train.\n\nTalks began.",
	  "Kim arrived a day before\n\nthe summit, by train. || Talks began." },
	{ "Intro text here.\n\nBackground\nThe talks began in 2018.",
	  "Intro text here. || Background | The talks began in 2018." },
	{ "Visit https://example.org/a.b?c=1. Or mail a.b@example.com. Done.",
	  "Visit https://example.org/a.b?c=1. | Or mail a.b@example.com. | Done." },
	{ "今天天气很好。我们去公园吧！", "今天天气很好。 | 我们去公园吧！" },
	{ "यह एक वाक्य है। यह दूसरा है।", "यह एक वाक्य है। | यह दूसरा है।" },
	{ "Он пришёл домой. Она спала.", "Он пришёл домой. | Она спала." },
	{ "Elle a dit : « Ça va. » Puis elle est partie.",
	  "Elle a dit : « Ça va. » | Puis elle est partie." },
	/* A quotation mark glued to the next word opens the next sentence. */
	{ "They met at Yongbyon. \"Sometimes you have to walk,\" he said.",
	  "They met at Yongbyon. | \"Sometimes you have to walk,\" he said." },
	{ "It ended. \u201cWe walked,\u201d he said. He said \u201cno.\u201d Then he left.",
	  "It ended. | \u201cWe walked,\u201d he said. | He said \u201cno.\u201d | Then he left." },
	{ "It ended. 'We walked,' he said. It ended. \u2018We walked,\u2019 he said.",
	  "It ended. | 'We walked,' he said. | It ended. | \u2018We walked,\u2019 he said." },
	{ "He said 'no.' Then he left.", "He said 'no.' | Then he left." },
	{ "Il est parti. \u00ab Parfois il faut partir \u00bb, a-t-il dit.",
	  "Il est parti. | \u00ab Parfois il faut partir \u00bb, a-t-il dit." },
	{ "Er ging. \u201eManchmal muss man gehen\u201c, sagte er. Er sagte: \u201eNein.\u201c Dann ging er.",
	  "Er ging. | \u201eManchmal muss man gehen\u201c, sagte er. | Er sagte: \u201eNein.\u201c | Dann ging er." },
	{ "Er ging. \u00bbManchmal\u00ab, sagte er. Er sagte \u00bbNein.\u00ab Dann ging er.",
	  "Er ging. | \u00bbManchmal\u00ab, sagte er. | Er sagte \u00bbNein.\u00ab | Dann ging er." },
	{ "Er sagte \u201aNein.\u2018 Dann ging er.",
	  "Er sagte \u201aNein.\u2018 | Dann ging er." },
	{ "Se fue. \u00abA veces hay que irse\u00bb, dijo. Dijo \u00abno.\u00bb Luego se fue.",
	  "Se fue. | \u00abA veces hay que irse\u00bb, dijo. | Dijo \u00abno.\u00bb | Luego se fue." },
	{ "Ele saiu. \"\u00c0s vezes \u00e9 preciso sair\", disse.",
	  "Ele saiu. | \"\u00c0s vezes \u00e9 preciso sair\", disse." },
	{ "\u041e\u043d \u0443\u0448\u0451\u043b. \u00ab\u0418\u043d\u043e\u0433\u0434\u0430 \u043d\u0430\u0434\u043e\u00bb, \u2014 \u0441\u043a\u0430\u0437\u0430\u043b \u043e\u043d.",
	  "\u041e\u043d \u0443\u0448\u0451\u043b. | \u00ab\u0418\u043d\u043e\u0433\u0434\u0430 \u043d\u0430\u0434\u043e\u00bb, \u2014 \u0441\u043a\u0430\u0437\u0430\u043b \u043e\u043d." },
	{ "One line\nAnother line\nThird", "One line || Another line || Third" },
	{ "A hard-wrapped line that goes on and\non until it ends.",
	  "A hard-wrapped line that goes on and\non until it ends." },
	{ "No stop at the end", "No stop at the end" },
};

static void
test_sentence_table(void **unused)
{
	char got[1024];

	(void)unused;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render(cases[i].text, got, sizeof(got));
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\"\n  got:  %s\n  want: %s", cases[i].text, got,
			    cases[i].want);
	}
}

static void
test_tokens_know_their_sentence(void **unused)
{
	const char *text = "One two. Three four.";
	struct token_list list = { 0 };
	struct segmentation seg;

	(void)unused;
	assert_int_equal(tokenize(text, strlen(text), &list), 0);
	assert_int_equal(segment(text, strlen(text), list.v, list.n, &seg), 0);
	assert_int_equal(seg.n_sentences, 2);
	assert_int_equal(seg.sentences[1].first, 3);
	assert_int_equal(seg.sentences[1].count, 3);
	assert_int_equal(list.v[2].sentence, 0);
	assert_int_equal(list.v[3].sentence, 1);
	assert_int_equal(seg.sentences[1].start, 9);
	assert_int_equal(seg.sentences[1].end, 20);
	segmentation_free(&seg);
	token_list_free(&list);
}

static void
test_no_tokens_no_sentences(void **unused)
{
	struct segmentation seg;

	(void)unused;
	assert_int_equal(segment("  ", 2, NULL, 0, &seg), 0);
	assert_int_equal(seg.n_sentences, 0);
	assert_int_equal(seg.n_paragraphs, 0);
	segmentation_free(&seg);
}

/*
 * Random texts made of the pieces that matter: whatever they are, tokens
 * tile the text in order, sentences tile the tokens, paragraphs tile the
 * sentences, and offsets agree with the bytes.
 */
/*
 * The spans are held for the whole article: their arrays are cut to size,
 * not left at the doubling's capacity (128 for 100 sentences).
 */
static void
test_spans_are_cut_to_size(void **unused)
{
	char text[4000];
	struct token_list list = { 0 };
	struct segmentation seg;
	size_t n = 0;

	(void)unused;
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "Line %d ran.%s",
		    i, i % 10 == 9 ? "\n\n" : " ");
	assert_int_equal(tokenize(text, n, &list), 0);
	assert_int_equal(segment(text, n, list.v, list.n, &seg), 0);
	assert_int_equal(seg.n_sentences, 100);
	assert_int_equal(seg.n_paragraphs, 10);
	assert_true(malloc_usable_size(seg.sentences) <
	    100 * sizeof(lector_span) + 32);
	assert_true(malloc_usable_size(seg.paragraphs) <
	    10 * sizeof(lector_span) + 32);
	segmentation_free(&seg);
	token_list_free(&list);
}

static void
test_invariants_on_random_text(void **unused)
{
	static const char *const pieces[] = {
		"Mr.", "U.S.", " ", " ", " ", "\n", "\n\n", "word", "Name", ".",
		"!", "?", "\"", ")", "(", "\xc3\xa9t\xc3\xa9", "\xe6\x9d\xb1",
		"\xe3\x80\x82", "1.5", "$", "...", "http://x.y/z", "a@b.cc", "-",
		"'", "Jong-un", "\xc2\xab", "\xc2\xbb", "\t", "3.", "e.g.", "J."
	};
	char text[512];
	unsigned seed = 12345;

	(void)unused;
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		struct token_list list = { 0 };
		struct segmentation seg;
		int n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 40;

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			const char *p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			if (len + strlen(p) >= sizeof(text))
				break;
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		text[len] = '\0';
		assert_int_equal(tokenize(text, len, &list), 0);
		assert_int_equal(segment(text, len, list.v, list.n, &seg), 0);
		for (size_t i = 0; i < list.n; i++) {
			const lector_token *t = &list.v[i];
			assert_true(t->byte_start < t->byte_end && t->byte_end <= len);
			assert_true(t->start < t->end);
			assert_true(i == 0 || list.v[i - 1].byte_end <= t->byte_start);
			assert_int_equal(t->end - t->start,
			    utf8_length(text + t->byte_start, t->byte_end - t->byte_start));
			assert_int_equal(t->start, utf8_length(text, t->byte_start));
		}
		size_t next_token = 0, next_sentence = 0;
		for (size_t p = 0; p < seg.n_paragraphs; p++) {
			assert_int_equal(seg.paragraphs[p].first, next_sentence);
			assert_true(seg.paragraphs[p].count > 0);
			next_sentence += seg.paragraphs[p].count;
		}
		assert_int_equal(next_sentence, seg.n_sentences);
		for (size_t s = 0; s < seg.n_sentences; s++) {
			assert_int_equal(seg.sentences[s].first, next_token);
			assert_true(seg.sentences[s].count > 0);
			for (size_t k = 0; k < seg.sentences[s].count; k++)
				assert_int_equal(list.v[next_token + k].sentence, s);
			next_token += seg.sentences[s].count;
		}
		assert_int_equal(next_token, list.n);
		segmentation_free(&seg);
		token_list_free(&list);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentence_table),
		cmocka_unit_test(test_tokens_know_their_sentence),
		cmocka_unit_test(test_no_tokens_no_sentences),
		cmocka_unit_test(test_spans_are_cut_to_size),
		cmocka_unit_test(test_invariants_on_random_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
