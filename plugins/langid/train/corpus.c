#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

static char *
slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		snprintf(err, errlen, "%s: cannot read", path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int
keep_buffer(struct corpus *c, char *buf)
{
	char **b = realloc(c->buffers, (c->n_buffers + 1) * sizeof(*b));

	if (b == NULL)
		return -ENOMEM;
	c->buffers = b;
	c->buffers[c->n_buffers++] = buf;
	return 0;
}

/*
 * The language (iso3, script), created on first sight unless only_known:
 * extra text may only add to a language the UDHR has in that script (help
 * pages left partly in English must not make "Hindi in Latin script").
 */
static int
lang_index(struct corpus *c, const char *iso3, enum script s, int only_known,
    uint32_t *out)
{
	uint32_t i, last = c->last_lang;

	/* Rows come grouped by language: try the previous one first. */
	if (last < c->n_langs && c->langs[last].script == s &&
	    strcmp(c->langs[last].iso3, iso3) == 0) {
		*out = last;
		return 0;
	}
	for (i = 0; i < c->n_langs; i++)
		if (c->langs[i].script == s && strcmp(c->langs[i].iso3, iso3) == 0)
			break;
	if (i == c->n_langs && only_known)
		return 1;
	if (i == c->n_langs) {
		if (c->n_langs == c->cap_langs) {
			uint32_t cap = c->cap_langs ? c->cap_langs * 2 : 256;
			struct lang *l = realloc(c->langs, cap * sizeof(*l));

			if (l == NULL)
				return -ENOMEM;
			c->langs = l;
			c->cap_langs = cap;
		}
		memset(&c->langs[i], 0, sizeof(c->langs[i]));
		snprintf(c->langs[i].iso3, sizeof(c->langs[i].iso3), "%s", iso3);
		snprintf(c->langs[i].code, sizeof(c->langs[i].code), "%s", iso3);
		snprintf(c->langs[i].name, sizeof(c->langs[i].name), "%s", iso3);
		c->langs[i].script = s;
		c->n_langs++;
	}
	c->last_lang = i;
	*out = i;
	return 0;
}

static int
add_doc(struct corpus *c, const char *iso3, const char *text, size_t len,
    int role, uint32_t *lang)
{
	script_counts sc;
	enum script s;
	int rc;

	*lang = UINT32_MAX;
	script_count_text(&sc, text, len);
	s = script_dominant(&sc);
	if (s == SCRIPT_NONE)
		return 0;
	rc = lang_index(c, iso3, s, c->n_sources > 1, lang);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	if (c->n_docs == c->cap_docs) {
		size_t cap = c->cap_docs ? c->cap_docs * 2 : 4096;
		struct doc *d = realloc(c->docs, cap * sizeof(*d));

		if (d == NULL)
			return -ENOMEM;
		c->docs = d;
		c->cap_docs = cap;
	}
	c->docs[c->n_docs].lang = *lang;
	c->docs[c->n_docs].role = (uint8_t)role;
	c->docs[c->n_docs].source = (uint8_t)(c->n_buffers - 1);
	c->docs[c->n_docs].text = text;
	c->docs[c->n_docs].len = len;
	c->n_docs++;
	if (role != ROLE_HELDOUT)
		c->langs[*lang].chars += len;
	if (c->langs[*lang].sources == 0 ||
	    c->langs[*lang].last_source != (int)c->n_buffers - 1) {
		c->langs[*lang].sources++;
		c->langs[*lang].last_source = (int)c->n_buffers - 1;
		c->langs[*lang].source_mask |= 1u << (c->n_buffers - 1);
	}
	return 0;
}

/* Splits buf into lines and each line into at most max tab fields. */
static int
fields(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

/* Whether tag is one of the comma-separated tags of list. */
static int
listed(const char *list, const char *tag)
{
	size_t n = strlen(tag);

	while (list != NULL && *list != '\0') {
		if (strncmp(list, tag, n) == 0 && (list[n] == ',' || list[n] == '\0'))
			return 1;
		list = strchr(list, ',');
		if (list != NULL)
			list++;
	}
	return 0;
}

const char *
piece_end(const char *s, const char *end, int *step)
{
	static const int words[] = { 2, 3, 5, 8, 13, 0 };
	int k = words[*step] ? words[*step] : 1 << 30;

	while (s < end && k > 0)
		if (*s++ == ' ')
			k--;
	*step = words[*step + 1] ? *step + 1 : 0;
	return s;
}

int
corpus_load_udhr(struct corpus *c, const char *path, int heldout_every,
    const char *skip, char *err, size_t errlen)
{
	char *buf, *line, *next, *f[5], variant[64] = "";
	size_t len;
	uint32_t number = 0, lang;
	int rc;

	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -EIO;
	if ((rc = keep_buffer(c, buf)) < 0) {
		free(buf);
		return rc;
	}
	c->clean_sources |= 1u << c->n_sources;	/* translations, nothing else */
	c->n_sources++;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		int role = ROLE_TRAIN;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line == buf || fields(line, f, 5) != 5)
			continue;	/* the header, or a malformed row */
		if (atoi(f[3]) < 4 || strcmp(f[1], "und") == 0 ||
		    listed(skip, f[2]))
			continue;
		if (strcmp(variant, f[0]) != 0) {
			snprintf(variant, sizeof(variant), "%s", f[0]);
			number = 0;
		}
		if (heldout_every > 0) {
			if (number % (uint32_t)heldout_every == 0)
				role = ROLE_HELDOUT;
			else if (number % (uint32_t)heldout_every ==
			    (uint32_t)heldout_every / 2)
				role = ROLE_CALIB;
			else if (heldout_every >= 4 &&
			    number % (uint32_t)heldout_every ==
			    (uint32_t)heldout_every / 2 - 2)
				role = ROLE_TUNE;
		}
		number++;
		if ((rc = add_doc(c, f[1], f[4], strlen(f[4]), role, &lang)) < 0)
			return rc;
		/* The BCP 47 tag gives ISO 639-1 for the individual codes too. */
		if (lang != UINT32_MAX && (strlen(f[2]) == 2 ||
		    (strlen(f[2]) > 2 && f[2][2] == '-')))
			snprintf(c->langs[lang].code, 3, "%s", f[2]);
	}
	return 0;
}

int
corpus_load_extra(struct corpus *c, const char *path, int clean, char *err,
    size_t errlen)
{
	char *buf, *line, *next, *f[2];
	size_t len, number = 0;
	uint32_t lang;
	int rc;

	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -EIO;
	if ((rc = keep_buffer(c, buf)) < 0) {
		free(buf);
		return rc;
	}
	if (clean)
		c->clean_sources |= 1u << c->n_sources;
	c->n_sources++;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (fields(line, f, 2) != 2)
			continue;
		rc = add_doc(c, f[0], f[1], strlen(f[1]),
		    number % 20 == 10 ? ROLE_CALIB :
		    number % 10 == 3 ? ROLE_TUNE : ROLE_TRAIN, &lang);
		number++;
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Individual languages whose UDHR translation stands for the macrolanguage
 * everyone means: users and the other plugins ask for Malay as "ms" and
 * Albanian as "sq", not by the individual codes.
 */
static const struct {
	const char *iso3, *code, *name;
} standard[] = {
	{ "zlm", "ms", "Malay" },
	{ "als", "sq", "Albanian" },
};

static void
standard_code(struct lang *l)
{
	size_t i;

	for (i = 0; i < sizeof(standard) / sizeof(standard[0]); i++)
		if (strcmp(l->iso3, standard[i].iso3) == 0) {
			snprintf(l->code, sizeof(l->code), "%s", standard[i].code);
			snprintf(l->name, sizeof(l->name), "%s", standard[i].name);
		}
}

int
corpus_load_names(struct corpus *c, const char *path, char *err, size_t errlen)
{
	char *buf, *line, *next, *f[3];
	size_t len;
	uint32_t i;

	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -EIO;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (fields(line, f, 3) != 3)
			continue;
		for (i = 0; i < c->n_langs; i++) {
			struct lang *l = &c->langs[i];

			if (strcmp(l->iso3, f[0]) != 0)
				continue;
			snprintf(l->name, sizeof(l->name), "%s", f[2]);
			/* Keep a code the UDHR tag gave; else iso-codes'. */
			if (strcmp(l->code, l->iso3) == 0)
				snprintf(l->code, sizeof(l->code), "%s", f[1]);
			standard_code(l);
		}
	}
	free(buf);
	return 0;
}

int
corpus_load_speakers(struct corpus *c, const char *path, char *err,
    size_t errlen)
{
	char *buf, *line, *next, *f[2];
	size_t len;
	uint32_t i;

	if ((buf = slurp(path, &len, err, errlen)) == NULL)
		return -EIO;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (fields(line, f, 2) != 2)
			continue;
		for (i = 0; i < c->n_langs; i++)
			if (strcmp(c->langs[i].code, f[0]) == 0)
				c->langs[i].speakers = atof(f[1]);
	}
	free(buf);
	return 0;
}

void
corpus_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n_buffers; i++)
		free(c->buffers[i]);
	free(c->buffers);
	free(c->docs);
	free(c->langs);
	memset(c, 0, sizeof(*c));
}
