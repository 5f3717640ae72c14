#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "features.h"
#include "kin.h"

int
detect_evidence_init(detect_evidence *ev, const model *m)
{
	memset(ev, 0, sizeof(*ev));
	ev->score = calloc(m->hdr->n_langs, sizeof(float));
	return ev->score == NULL ? -ENOMEM : 0;
}

void
detect_evidence_reset(detect_evidence *ev, const model *m)
{
	memset(ev->score, 0, m->hdr->n_langs * sizeof(float));
	memset(&ev->scripts, 0, sizeof(ev->scripts));
	ev->letters = 0;
	ev->ngrams = 0;
	memset(ev->seen, 0, sizeof(ev->seen));
	memset(ev->letter_kinds, 0, sizeof(ev->letter_kinds));
	ev->one_word = 0;
	ev->other_words = 0;
	ev->words = 0;
	ev->word_letters = 0;
}

void
detect_evidence_free(detect_evidence *ev)
{
	free(ev->score);
	ev->score = NULL;
}

void
detect_evidence_add(detect_evidence *sum, const detect_evidence *ev,
    const model *m)
{
	uint32_t i;

	for (i = 0; i < m->hdr->n_langs; i++)
		sum->score[i] += ev->score[i];
	for (i = 0; i < SCRIPT_COUNT; i++)
		sum->scripts.n[i] += ev->scripts.n[i];
	sum->scripts.latin_names += ev->scripts.latin_names;
	sum->letters += ev->letters;
	sum->ngrams += ev->ngrams;
	for (i = 0; i < DETECT_SEEN_BITS / 64; i++)
		sum->seen[i] |= ev->seen[i];
	for (i = 0; i < 2; i++)
		sum->letter_kinds[i] |= ev->letter_kinds[i];
	if (sum->one_word == 0)
		sum->one_word = ev->one_word;
	else if (ev->one_word != 0 && ev->one_word != sum->one_word)
		sum->other_words = 1;
	sum->other_words |= ev->other_words;
	sum->words += ev->words;
	sum->word_letters += ev->word_letters;
}

static uint32_t
bits_set(const uint64_t *bits, size_t n)
{
	uint32_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += (uint32_t)__builtin_popcountll(bits[i]);
	return k;
}

/* Whether the text only repeats one or two letters, or one word. */
static int
repetition_only(const detect_evidence *ev)
{
	uint32_t letters = bits_set(ev->letter_kinds, 2);

	if (letters < DETECT_LETTER_KINDS_MIN && ev->letters > letters)
		return 1;
	/*
	 * Words are compared whole, not by a bit of their hash: two words
	 * sharing a bit ("restaurant for") were taken for one said twice.
	 * Only words of three letters or more are compared: letters outside
	 * them are other words. A Chinese line naming one command twice
	 * among characters written apart ("描述 usermod 命 令 會 ... usermod
	 * 可 選 用") is not one word said over and over.
	 */
	return ev->one_word != 0 && !ev->other_words && ev->words > 1 &&
	    ev->letters <= ev->word_letters;
}

float
detect_weight(const detect_evidence *ev)
{
	uint32_t set = bits_set(ev->seen, DETECT_SEEN_BITS / 64);
	float distinct, share;

	if (ev->ngrams == 0 || set == DETECT_SEEN_BITS)
		return 1.0f;	/* nothing seen, or too much to tell */
	/* Linear counting: the distinct hashes that leave this many bits set. */
	distinct = -(float)DETECT_SEEN_BITS *
	    logf(1.0f - (float)set / DETECT_SEEN_BITS);
	if (distinct >= DETECT_DISTINCT_ENOUGH)
		return 1.0f;
	share = distinct / (float)ev->ngrams;
	return share >= DETECT_DISTINCT_MIN ? 1.0f : share / DETECT_DISTINCT_MIN;
}

/* Features looked up together; enough to keep many loads in flight. */
#define BATCH 128
/*
 * Features summed in int32 before the sums move to the float scores: each
 * adds at most 32767 either way, so 16384 of them cannot overflow.
 */
#define FLUSH_EVERY 16384

static void
flush(float *score, int32_t *acc, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		score[i] += (float)acc[i] / MODEL_WEIGHT_SCALE;
		acc[i] = 0;
	}
}

int
detect_scan(const model *m, const char *text, size_t len,
    uint32_t max_letters, detect_evidence *ev)
{
	int stopped = 0;
	uint32_t unflushed = 0;
	uint64_t hashes[BATCH];
	const struct model_posting *found[BATCH];
	size_t counts[BATCH];
	features_iter it;
	size_t n, i, j;
	int32_t *acc;
	uint32_t nl = m->hdr->n_langs;
	int32_t stack_acc[1024];

	/* Integer sums are exact and quicker than float ones. */
	acc = nl <= 1024 ? stack_acc : calloc(nl, sizeof(int32_t));
	if (acc == NULL)
		return 0;	/* no memory: no evidence, an undetermined answer */
	memset(acc, 0, nl * sizeof(int32_t));
	features_begin(&it, text, len);
	features_use_lexicons(&it, &m->lexicons);
	while ((n = features_next(&it, hashes, BATCH)) > 0) {
		/*
		 * The table is larger than the caches: ask for every slot of
		 * the batch, then every posting list, before using any, so the
		 * memory loads overlap instead of queueing.
		 */
		for (i = 0; i < n; i++)
			__builtin_prefetch(&m->slots[model_home(hashes[i],
			    m->hdr->n_slots)]);
		for (i = 0; i < n; i++) {
			found[i] = model_lookup(m, hashes[i], &counts[i]);
			if (counts[i] > 0)
				__builtin_prefetch(found[i]);
		}
		for (i = 0; i < n; i++) {
			const struct model_posting *p = found[i];
			uint32_t bit = (uint32_t)(hashes[i] >> 40) %
			    DETECT_SEEN_BITS;

			ev->seen[bit / 64] |= (uint64_t)1 << (bit % 64);
			if (FEATURES_IS_WORD(hashes[i]) &&
			    !FEATURES_IS_PAIR(hashes[i])) {
				if (ev->one_word == 0)
					ev->one_word = hashes[i];
				else if (hashes[i] != ev->one_word)
					ev->other_words = 1;
				ev->words++;
			}

			for (j = 0; j < counts[i]; j++)
				acc[p[j].lang] += p[j].weight;
		}
		ev->ngrams += (uint32_t)n;
		unflushed += (uint32_t)n;
		if (unflushed > FLUSH_EVERY - BATCH) {
			flush(ev->score, acc, nl);
			unflushed = 0;
		}
		if (max_letters > 0 && it.letters >= max_letters) {
			stopped = it.pos < it.len;
			break;
		}
	}
	flush(ev->score, acc, nl);
	for (i = 0; i < SCRIPT_COUNT; i++)
		ev->scripts.n[i] += it.scripts.n[i];
	ev->scripts.latin_names += it.scripts.latin_names;
	ev->letters += it.letters;
	/* A word cut short by max_letters is of a length not known. */
	ev->word_letters += it.word_letters +
	    (it.nwin > 0 ? it.word_letters_now : 0);
	ev->letter_kinds[0] |= it.letter_kinds[0];
	ev->letter_kinds[1] |= it.letter_kinds[1];
	if (acc != stack_acc)
		free(acc);
	return stopped;
}

/*
 * The second script whose languages are candidates too, SCRIPT_NONE if
 * none: Japanese for Han without Kana. A Japanese headline or a name with
 * a title ("統振株式有限会社理事長") can be all Han; without Japanese among
 * the candidates, Chinese had it with nothing to doubt it.
 */
static enum script
also_script(enum script d)
{
	return d == SCRIPT_HANI ? SCRIPT_JPAN : SCRIPT_NONE;
}

/* The best candidates, kept in order in a short array. */
struct top {
	int n;
	uint32_t lang[DETECT_SOFTMAX];
	float v[DETECT_SOFTMAX];
};

static void
top_insert(struct top *t, uint32_t lang, float v)
{
	int k;

	if (t->n == DETECT_SOFTMAX) {
		if (v <= t->v[DETECT_SOFTMAX - 1])
			return;
		k = DETECT_SOFTMAX - 1;
	} else {
		k = t->n++;
	}
	while (k > 0 && t->v[k - 1] < v) {
		t->v[k] = t->v[k - 1];
		t->lang[k] = t->lang[k - 1];
		k--;
	}
	t->v[k] = v;
	t->lang[k] = lang;
}

void
detect_decide(const model *m, const detect_evidence *ev,
    const uint8_t *allowed, uint32_t min_letters, detect_result *out)
{
	enum script d = script_dominant(&ev->scripts);
	enum script sc[2] = { d, also_script(d) };
	float t = m->hdr->temperature, sum = 0.0f, w;
	const char *codes[DETECT_TOP];
	struct top top;
	uint32_t i, k, letters = 0;
	int j;

	memset(out, 0, sizeof(*out));
	out->script = d;
	for (i = 0; i < SCRIPT_COUNT; i++)
		if (script_belongs((enum script)i, d))
			letters += ev->scripts.n[i];
	out->letters = letters;
	if (d == SCRIPT_NONE || letters == 0 || letters < min_letters ||
	    repetition_only(ev))
		return;

	top.n = 0;
	w = detect_weight(ev);
	for (j = 0; j < 2 && sc[j] != SCRIPT_NONE; j++)
		for (k = m->script_first[sc[j]]; k < m->script_first[sc[j] + 1];
		    k++) {
			i = m->by_script[k];
			if (allowed == NULL || allowed[i])
				top_insert(&top, i,
				    w * ev->score[i] + m->prior[i]);
		}
	/*
	 * Softmax over the best DETECT_SOFTMAX: the others add next to
	 * nothing, and the temperature was fitted the same way. The
	 * temperature says how wide a margin the leader needs to be trusted;
	 * the margin is over the runner-up, so the pair's larger one counts.
	 * Croatian leads Bosnian text (Croatian's own temperature is low:
	 * little takes its text), and the margin between them is one that
	 * Bosnian's answers need much more of.
	 */
	if (top.n > 0)
		t = m->temperature[top.lang[0]];
	if (top.n > 1 && m->temperature[top.lang[1]] > t)
		t = m->temperature[top.lang[1]];
	for (k = 0; k < (uint32_t)top.n; k++)
		sum += expf((top.v[k] - top.v[0]) / t);
	out->n = top.n < DETECT_TOP ? top.n : DETECT_TOP;
	for (k = 0; k < (uint32_t)out->n; k++) {
		out->lang[k] = top.lang[k];
		out->prob[k] = expf((top.v[k] - top.v[0]) / t) / sum;
		codes[k] = model_lang_code(m, top.lang[k]);
	}
	/*
	 * Between close relatives the temperatures are not enough: on text
	 * unlike the training text the model still took Malay for
	 * Indonesian at 0.99. A thin lead over a relative is not sure.
	 */
	kin_doubt(out, codes);
}

uint32_t
detect_best(const model *m, const detect_evidence *ev, const uint8_t *allowed)
{
	enum script d = script_dominant(&ev->scripts);
	enum script sc[2] = { d, also_script(d) };
	uint32_t i, k, best = UINT32_MAX;
	float top = 0.0f, w = detect_weight(ev);
	int j;

	if (d == SCRIPT_NONE || repetition_only(ev))
		return best;
	for (j = 0; j < 2 && sc[j] != SCRIPT_NONE; j++)
		for (k = m->script_first[sc[j]]; k < m->script_first[sc[j] + 1];
		    k++) {
			float v;

			i = m->by_script[k];
			if (allowed != NULL && !allowed[i])
				continue;
			v = w * ev->score[i] + m->prior[i];
			if (best == UINT32_MAX || v > top) {
				best = i;
				top = v;
			}
		}
	return best;
}
