#include "scheme.h"

static const char *const type_names[NER_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

int
scheme_nlabels(int scheme)
{
	return 1 + NER_NTYPES * (scheme == SCHEME_BILOU ? 4 : 2);
}

int
scheme_label(int scheme, int type, int pos)
{
	if (scheme == SCHEME_BILOU)
		return 1 + type * 4 + pos;
	/* BIO has no L or U: they are B and I. */
	if (pos == POS_U)
		pos = POS_B;
	else if (pos == POS_L)
		pos = POS_I;
	return 1 + type * 2 + pos;
}

int
scheme_type(int scheme, int label)
{
	if (label == LABEL_O)
		return -1;
	return (label - 1) / (scheme == SCHEME_BILOU ? 4 : 2);
}

int
scheme_pos(int scheme, int label)
{
	if (label == LABEL_O)
		return -1;
	return (label - 1) % (scheme == SCHEME_BILOU ? 4 : 2);
}

const char *
scheme_type_name(int type)
{
	return type >= 0 && type < NER_NTYPES ? type_names[type] : "?";
}

/* Inside a span: the next label must continue it. */
static int
is_open(int scheme, int label)
{
	int pos = scheme_pos(scheme, label);

	return scheme == SCHEME_BILOU && (pos == POS_B || pos == POS_I);
}

int
scheme_allowed(int scheme, int from, int to)
{
	int tpos = scheme_pos(scheme, to);

	if (scheme == SCHEME_BIO) {
		if (tpos != POS_I)
			return 1;
		return from != LABEL_O &&
		    scheme_type(scheme, from) == scheme_type(scheme, to);
	}
	if (is_open(scheme, from))
		return (tpos == POS_I || tpos == POS_L) &&
		    scheme_type(scheme, from) == scheme_type(scheme, to);
	return tpos != POS_I && tpos != POS_L;
}

int
scheme_may_end(int scheme, int label)
{
	return !is_open(scheme, label);
}

void
scheme_encode(int scheme, const struct span *spans, size_t nspans,
    uint8_t *labels, size_t n)
{
	for (size_t i = 0; i < n; i++)
		labels[i] = LABEL_O;
	for (size_t k = 0; k < nspans; k++) {
		const struct span *s = &spans[k];
		if (s->last >= n || s->first > s->last)
			continue;
		for (uint32_t i = s->first; i <= s->last; i++) {
			int pos = POS_I;
			if (s->first == s->last)
				pos = POS_U;
			else if (i == s->first)
				pos = POS_B;
			else if (i == s->last)
				pos = POS_L;
			labels[i] = (uint8_t)scheme_label(scheme, s->type, pos);
		}
	}
}

size_t
scheme_decode(int scheme, const uint8_t *labels, size_t n,
    struct span *spans, size_t max)
{
	size_t ns = 0;
	int open = 0;

	for (size_t i = 0; i < n; i++) {
		int type = scheme_type(scheme, labels[i]);
		int pos = scheme_pos(scheme, labels[i]);
		int cont = open && type == spans[ns - 1].type &&
		    (pos == POS_I || pos == POS_L);

		if (type < 0) {
			open = 0;
			continue;
		}
		if (cont) {
			spans[ns - 1].last = (uint32_t)i;
		} else {
			if (ns == max)
				return ns;
			spans[ns].first = spans[ns].last = (uint32_t)i;
			spans[ns].type = type;
			ns++;
		}
		open = !(pos == POS_L || pos == POS_U);
	}
	return ns;
}

int
scheme_in_longer(int scheme, int label)
{
	int pos = scheme_pos(scheme, label);

	/* BIO cannot tell at B whether an I follows. */
	return pos >= 0 && pos != POS_U &&
	    (scheme == SCHEME_BILOU || pos == POS_I);
}
