#include <string.h>

#include "scheme.h"
#include "tagger.h"

int
tagger_docs_init(struct tagger_docs *d)
{
	if (ner_doc_init(&d->online) != 0)
		return -1;
	if (ner_doc_init(&d->agg) != 0) {
		ner_doc_free(&d->online);
		return -1;
	}
	return 0;
}

void
tagger_docs_free(struct tagger_docs *d)
{
	ner_doc_free(&d->online);
	ner_doc_free(&d->agg);
}

static void
add_features(const struct model *m, const uint64_t *f, size_t n,
    int32_t *score)
{
	for (size_t j = 0; j < n; j++) {
		const int16_t *w = model_weights(m, f[j]);
		if (w == NULL)
			continue;
		for (int l = 0; l < m->nlabels; l++)
			score[l] += w[l];
	}
}

static int
best_label(const struct model *m, const int32_t *score, int prev, int last)
{
	int best = LABEL_O;

	for (int l = 1; l < m->nlabels; l++) {
		if (!scheme_allowed(m->scheme, prev, l))
			continue;
		if (last && !scheme_may_end(m->scheme, l))
			continue;
		if (score[l] > score[best])
			best = l;
	}
	return best;
}

/* agg NULL: first stage, whose labels are also kept in info[].s1. */
static int
tag_sentence(const struct model *m, struct ner_doc *online,
    const struct ner_doc *agg, const struct ner_sent *s, uint8_t *labels)
{
	uint64_t f[NER_FEATURES_MAX];
	int32_t score[LABELS_MAX];
	int prev = LABEL_O, prev2 = LABEL_O;

	for (size_t i = 0; i < s->n; i++) {
		size_t n = ner_features_static(s, i, online, f);
		n += ner_features_dynamic(s, i, online, prev, prev2, f + n);
		if (agg != NULL)
			n = ner_features_stage2(s, i, agg, f, n);
		memset(score, 0, sizeof(score));
		add_features(m, f, n, score);
		int y = best_label(m, score, prev, i + 1 == s->n);
		labels[i] = (uint8_t)y;
		if (agg == NULL)
			s->info[i].s1 = (uint8_t)y;
		if (ner_doc_label(online, s, i, scheme_type(m->scheme, y),
		    scheme_in_longer(m->scheme, y)) != 0)
			return -1;
		prev2 = prev;
		prev = y;
	}
	return 0;
}

static int
tag_pass(const struct model *m, struct ner_doc *online,
    const struct ner_doc *agg, const struct ner_sent *sents, size_t nsents,
    uint8_t *const *labels)
{
	ner_doc_reset(online);
	for (size_t k = 0; k < nsents; k++)
		if (ner_doc_observe(online, &sents[k]) != 0)
			return -1;
	for (size_t k = 0; k < nsents; k++)
		if (tag_sentence(m, online, agg, &sents[k], labels[k]) != 0)
			return -1;
	return 0;
}

int
tagger_tag(const struct model *m, struct tagger_docs *d,
    const struct ner_sent *sents, size_t nsents, uint8_t *const *labels)
{
	if (tag_pass(m, &d->online, NULL, sents, nsents, labels) != 0)
		return -1;
	if (m->stages < 2)
		return 0;
	if (ner_doc_aggregate(&d->agg, sents, nsents, m->scheme) != 0)
		return -1;
	return tag_pass(m, &d->online, &d->agg, sents, nsents, labels);
}
