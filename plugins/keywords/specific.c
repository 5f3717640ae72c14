/*
 * Look-up of the specificity of stems (specific.h). A stem is found by
 * its 32-bit hash, not its text: the table stays a third of the size, and
 * at some 16,000 stems a language a collision is about as likely as one
 * in 270,000 look-ups, which at worst gives a word its neighbour's weight.
 */
#include <string.h>

#include "hash.h"
#include "specific.h"

const struct specific_table *
specific_for(const char *algorithm)
{
	size_t i;

	if (algorithm == NULL)
		return NULL;
	for (i = 0; i < specific_table_count; i++)
		if (strcmp(specific_tables[i].algorithm, algorithm) == 0)
			return &specific_tables[i];
	return NULL;
}

double
specific_of(const struct specific_table *t, const char *stem, size_t len)
{
	uint32_t h;
	size_t lo = 0, hi, mid;

	if (t == NULL)
		return 1;
	h = textkit_hash(stem, len);
	hi = t->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->hash[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && t->hash[lo] == h)
		return t->q[lo] / 255.0;
	return 1;
}
