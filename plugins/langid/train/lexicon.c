/*
 * Word lists for the model: "iso3 <TAB> word" lines (Debian's
 * /usr/share/dict lists, gathered by scripts/prepare-langid-data.sh), one
 * Bloom filter a language, keyed by the same whole-word hash the features
 * use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../features.h"
#include "../utf8.h"
#include "train.h"

#define MAX_WORD 64

/*
 * The hash features.c gives the word, or 0 when the iterator would not see
 * it as one word (a hyphen, a digit, an apostrophe inside).
 */
static uint64_t
word_hash(const char *w, size_t len)
{
	uint32_t cps[MAX_WORD];
	size_t pos = 0;
	int n = 0;
	compose_state marks = { { 0 }, 0, 0 };

	while (pos < len) {
		uint32_t cp = compose_next(w, len, &pos, &marks);
		enum script s = script_of(cp);

		if (n == MAX_WORD || s == SCRIPT_NONE ||
		    (s == SCRIPT_INHERITED && n == 0))
			return 0;
		cps[n++] = features_lower(cp);
	}
	return n > 0 ? features_word_hash(cps, n) : 0;
}

/* The Latin-script language of the corpus with this ISO 639-3 code. */
static int
find_lang(const struct corpus *c, const char *iso3, uint32_t *out)
{
	uint32_t i;

	for (i = 0; i < c->n_langs; i++)
		if (c->langs[i].script == SCRIPT_LATN &&
		    strcmp(c->langs[i].iso3, iso3) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

/*
 * Which list of the group that starts at list first a line goes to, adding
 * the list on first sight; -1 if none.
 */
static int
list_of(struct train_lexicons *lx, int first, uint32_t group,
    const struct corpus *c, const char *iso3, char *err, size_t errlen)
{
	uint32_t lang;
	int i;

	if (find_lang(c, iso3, &lang) < 0) {
		snprintf(err, errlen, "word list for %s: no such Latin-script "
		    "language in the training text", iso3);
		return -1;
	}
	for (i = first; i < lx->view.n; i++)
		if (lx->lang[i] == lang)
			return i;
	if (lx->view.n == FEATURES_MAX_LEXICONS) {
		snprintf(err, errlen, "more than %d word lists",
		    FEATURES_MAX_LEXICONS);
		return -1;
	}
	lx->lang[lx->view.n] = lang;
	lx->view.list[lx->view.n].group = group;
	return lx->view.n++;
}

/*
 * Runs over the lines: counts the words of each list when bits are not
 * there yet, adds them to the filters when they are.
 */
static int
each_word(struct train_lexicons *lx, int first, uint32_t group,
    const struct corpus *c, char *buf, size_t len, char *err, size_t errlen)
{
	char *line = buf, *end = buf + len;

	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *tab = memchr(line, '\t', (size_t)((nl ? nl : end) - line));
		char *stop = nl ? nl : end;
		uint64_t h;
		int i;

		if (tab != NULL && tab - line < 8) {
			char iso3[8];

			memcpy(iso3, line, (size_t)(tab - line));
			iso3[tab - line] = '\0';
			if ((i = list_of(lx, first, group, c, iso3, err,
			    errlen)) < 0)
				return -EINVAL;
			h = word_hash(tab + 1, (size_t)(stop - tab - 1));
			if (h != 0 && lx->bits[i] == NULL)
				lx->words[i]++;
			else if (h != 0)
				features_lexicon_add(lx->bits[i],
				    lx->view.list[i].n_bits, h);
		}
		line = stop + 1;
	}
	return 0;
}

int
lexicons_load(struct train_lexicons *lx, const struct corpus *c,
    const char *path, double bits_per_word, char *err, size_t errlen)
{
	memset(lx, 0, sizeof(*lx));
	return lexicons_add(lx, c, path, bits_per_word, err, errlen);
}

int
lexicons_add(struct train_lexicons *lx, const struct corpus *c,
    const char *path, double bits_per_word, char *err, size_t errlen)
{
	FILE *f;
	char *buf = NULL;
	long size;
	int i, rc = -EIO, first = lx->view.n;
	uint32_t group = (uint32_t)lx->n_groups;

	if (lx->n_groups == FEATURES_MAX_LEXICON_GROUPS) {
		snprintf(err, errlen, "%s: more than %d groups of word lists",
		    path, FEATURES_MAX_LEXICON_GROUPS);
		lexicons_free(lx);
		return -EINVAL;
	}
	lx->n_groups++;
	if ((f = fopen(path, "rb")) == NULL) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		lexicons_free(lx);
		return rc;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)size + 1)) == NULL ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, errlen, "%s: cannot read", path);
		goto done;
	}
	if ((rc = each_word(lx, first, group, c, buf, (size_t)size, err,
	    errlen)) < 0)
		goto done;
	for (i = first; i < lx->view.n; i++) {
		uint64_t n_bits = ((uint64_t)(lx->words[i] * bits_per_word) +
		    63) / 64 * 64;

		if (n_bits > UINT32_MAX) {
			rc = -EINVAL;
			snprintf(err, errlen, "word list %s: too many words",
			    c->langs[lx->lang[i]].iso3);
			goto done;
		}
		lx->view.list[i].n_bits = n_bits ? n_bits : 64;
		lx->bits[i] = calloc(lx->view.list[i].n_bits / 64, 8);
		if (lx->bits[i] == NULL) {
			rc = -ENOMEM;
			snprintf(err, errlen, "out of memory");
			goto done;
		}
		lx->view.list[i].bits = lx->bits[i];
	}
	rc = each_word(lx, first, group, c, buf, (size_t)size, err, errlen);
	for (i = first; rc == 0 && i < lx->view.n; i++)
		fprintf(stderr, "langid-train: word list %s (group %u): %llu "
		    "words, %llu bits\n", c->langs[lx->lang[i]].iso3, group,
		    (unsigned long long)lx->words[i],
		    (unsigned long long)lx->view.list[i].n_bits);
done:
	free(buf);
	fclose(f);
	if (rc < 0)
		lexicons_free(lx);
	return rc;
}

void
lexicons_free(struct train_lexicons *lx)
{
	int i;

	for (i = 0; i < FEATURES_MAX_LEXICONS; i++)
		free(lx->bits[i]);
	memset(lx, 0, sizeof(*lx));
}
