#include <math.h>
#include <string.h>

#include "kin.h"

#define KIN_MEMBERS 4

/*
 * The groups and their margins. Each was chosen on two sets, so that
 * answers at confidence 0.9 or more are right far more often on text of
 * another kind (scripts/eval-langid-shift.py: translated program
 * messages, where most of these mistakes were made) while the everyday
 * development sentences (scripts/eval-langid-dev.py) keep as many sure
 * answers as can be: a wider margin catches more of the mistakes and
 * leaves fewer right answers sure. Malay against Indonesian needs the
 * widest: the model reads Malay messages as Indonesian with leads of
 * several log-odds. Urdu, Persian, Punjabi and Saraiki were never surely
 * wrong there; their margin only asks a two-word snippet for a clear lead.
 */
static const struct kin_group {
	const char *codes[KIN_MEMBERS];
	float margin;
} groups[] = {
	{ { "nb", "da", "nn", "sv" }, 4.0f },
	{ { "ms", "id" }, 8.0f },
	{ { "bs", "hr", "sr", "cnr" }, 6.0f },
	{ { "zu", "xh", "nr", "ss" }, 6.0f },
	{ { "ur", "fa", "pnb", "skr" }, 3.0f },
	{ { "kk", "ky", "ru" }, 5.0f },
	{ { "af", "nl" }, 4.0f },
};

#define N_GROUPS (int)(sizeof(groups) / sizeof(groups[0]))

int
kin_group(const char *code)
{
	int g, k;

	for (g = 0; g < N_GROUPS; g++)
		for (k = 0; k < KIN_MEMBERS && groups[g].codes[k] != NULL; k++)
			if (strcmp(code, groups[g].codes[k]) == 0)
				return g + 1;
	return 0;
}

float
kin_margin(int g)
{
	return g >= 1 && g <= N_GROUPS ? groups[g - 1].margin : 0.0f;
}

float
kin_confidence(int g, float p, float q)
{
	float need = kin_margin(g), lead, odds, thin;

	if (need <= 0.0f || q <= 0.0f || p <= 0.0f)
		return p;	/* no group, or a lead too wide to count */
	lead = logf(p / q);
	if (lead >= need)
		return p;
	/*
	 * 1 / (1 + exp(-lead * ln 9 / need)): the lead counts need / ln 9
	 * times thinner, so the confidence is 0.9 at the margin and 0.5 for
	 * a tie.
	 */
	odds = expf(-lead * logf(KIN_SURE / (1.0f - KIN_SURE)) / need);
	thin = 1.0f / (1.0f + odds);
	return thin < p ? thin : p;
}

int
kin_doubt(detect_result *r, const char *const *codes)
{
	int g, k, j;
	float p;

	if (r->n < 2 || (g = kin_group(codes[0])) == 0)
		return 0;
	for (k = 1; k < r->n; k++)
		if (kin_group(codes[k]) == g)
			break;
	if (k == r->n)
		return 0;
	p = kin_confidence(g, r->prob[0], r->prob[k]);
	if (!(p < r->prob[0]))
		return 0;
	r->prob[k] += r->prob[0] - p;
	r->prob[0] = p;
	/* The relative may now pass alternatives ranked above it. */
	for (j = k; j > 1 && r->prob[j] > r->prob[j - 1]; j--) {
		uint32_t lang = r->lang[j];
		float prob = r->prob[j];

		r->lang[j] = r->lang[j - 1];
		r->prob[j] = r->prob[j - 1];
		r->lang[j - 1] = lang;
		r->prob[j - 1] = prob;
	}
	return 1;
}
