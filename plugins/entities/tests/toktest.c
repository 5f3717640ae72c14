/* The core's own tokenizer and segmenter, into fixed arrays for the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "segment.h"
#include "tokenize.h"
#include "toktest.h"

void
toktest_run(struct toktest *t, const char *text)
{
	struct token_list list = { 0 };
	struct segmentation seg;

	memset(t, 0, sizeof(*t));
	if (tokenize(text, strlen(text), &list) < 0 ||
	    segment(text, strlen(text), list.v, list.n, &seg) < 0)
		fail_msg("out of memory");
	if (list.n > sizeof(t->tok) / sizeof(t->tok[0]) ||
	    seg.n_sentences > sizeof(t->sent) / sizeof(t->sent[0]))
		fail_msg("test text too long for struct toktest");
	memcpy(t->tok, list.v, list.n * sizeof(*list.v));
	memcpy(t->sent, seg.sentences, seg.n_sentences * sizeof(*seg.sentences));
	t->ntok = list.n;
	t->nsent = seg.n_sentences;
	segmentation_free(&seg);
	token_list_free(&list);
}
