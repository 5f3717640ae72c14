/*
 * Reading CoNLL files: "token ... tag" per line, a blank line between
 * sentences, -DOCSTART- between documents. IOB1 and IOB2 read the same way:
 * B- always opens a span, I- continues one of its type or opens one.
 * WNUT-17's types are read as CoNLL's: person PER, location LOC,
 * corporation and group ORG, product and creative-work MISC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../stem.h"

#include "../scheme.h"
#include "corpus.h"

struct pending {
	struct ner_word w[512];
	struct span spans[512];
	size_t n, nspans;
	int open_type;
};

static int
type_of(const char *tag)
{
	const char *t = tag + 2;

	if (strlen(tag) < 3 || tag[1] != '-')
		return -1;
	if (strcmp(t, "PER") == 0)
		return NER_PER;
	if (strcmp(t, "ORG") == 0)
		return NER_ORG;
	if (strcmp(t, "LOC") == 0)
		return NER_LOC;
	if (strcmp(t, "MISC") == 0)
		return NER_MISC;
	if (strcmp(t, "person") == 0)
		return NER_PER;
	if (strcmp(t, "location") == 0)
		return NER_LOC;
	if (strcmp(t, "corporation") == 0 || strcmp(t, "group") == 0)
		return NER_ORG;
	if (strcmp(t, "product") == 0 || strcmp(t, "creative-work") == 0)
		return NER_MISC;
	return -1;
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap * 2 : 1024;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * size);
	if (q == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	*cap = n;
	return q;
}

static void
flush_sentence(struct corpus *c, struct pending *p, int scheme)
{
	if (p->n == 0)
		return;
	c->sents = grow(c->sents, &c->capsents, c->nsents + 1, sizeof(*c->sents));
	struct csent *s = &c->sents[c->nsents++];
	s->n = p->n;
	s->w = malloc(p->n * sizeof(*s->w));
	s->info = calloc(p->n, sizeof(*s->info));
	s->gold = malloc(p->n);
	if (s->w == NULL || s->info == NULL || s->gold == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	memcpy(s->w, p->w, p->n * sizeof(*s->w));
	scheme_encode(scheme, p->spans, p->nspans, s->gold, p->n);
	c->ntokens += p->n;
	c->docs[c->ndocs - 1].count++;
	p->n = p->nspans = 0;
	p->open_type = -1;
}

static void
new_doc(struct corpus *c)
{
	if (c->ndocs > 0 && c->docs[c->ndocs - 1].count == 0)
		return;
	c->docs = grow(c->docs, &c->capdocs, c->ndocs + 1, sizeof(*c->docs));
	c->docs[c->ndocs].first = c->nsents;
	c->docs[c->ndocs].count = 0;
	c->ndocs++;
}

static void
add_token(struct pending *p, char *word, const char *tag)
{
	int type = type_of(tag);

	if (p->n == 512)
		return;		/* no CoNLL sentence is this long */
	p->w[p->n].s = word;
	p->w[p->n].len = (uint32_t)strlen(word);
	if (type < 0) {
		p->open_type = -1;
	} else if (tag[0] == 'I' && p->open_type == type) {
		p->spans[p->nspans - 1].last = (uint32_t)p->n;
	} else {
		p->spans[p->nspans].first = p->spans[p->nspans].last =
		    (uint32_t)p->n;
		p->spans[p->nspans].type = type;
		p->nspans++;
		p->open_type = type;
	}
	p->n++;
}

int
corpus_read(struct corpus *c, const char *path, int scheme)
{
	return corpus_read_part(c, path, scheme, 1, 0);
}

int
corpus_read_part(struct corpus *c, const char *path, int scheme,
    unsigned every, unsigned offset)
{
	static struct pending p;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)size + 1);
	if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: cannot read\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	buf[size] = 0;
	c->strings = realloc(c->strings, (c->nstrings + 1) * sizeof(char *));
	c->strings[c->nstrings++] = buf;

	p.n = p.nspans = 0;
	p.open_type = -1;
	new_doc(c);
	/*
	 * A file without document marks is cut into documents of
	 * CORPUS_DOC_SENTENCES sentences, as the evaluation cuts it: the
	 * document features should see an article's worth, not a whole set.
	 */
	int marked = strstr(buf, "-DOCSTART-") != NULL;
	/*
	 * Documents numbered as eval-entities.py numbers them: text before
	 * the first mark is a document of its own.
	 */
	unsigned doc_index = 0;
	int started = 0;
	int keep = offset == 0;
	for (char *line = buf, *next; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = 0;
		char *sp = strpbrk(line, " \t");
		/* A line of white space alone ends a sentence too (WNUT-17). */
		if (sp == line)
			sp = NULL;
		if (sp == NULL) {
			flush_sentence(c, &p, scheme);
			if (!marked &&
			    c->docs[c->ndocs - 1].count == CORPUS_DOC_SENTENCES)
				new_doc(c);
			continue;
		}
		*sp = 0;
		char *tag = strrchr(sp + 1, ' ');
		char *tab = strrchr(sp + 1, '\t');
		tag = tab > tag ? tab : tag;
		tag = tag ? tag + 1 : sp + 1;
		tag[strcspn(tag, "\r")] = 0;
		if (strcmp(line, "-DOCSTART-") == 0) {
			flush_sentence(c, &p, scheme);
			new_doc(c);
			doc_index += started;
			started = 1;
			keep = doc_index % every == offset;
			continue;
		}
		started = 1;
		if (keep)
			add_token(&p, line, tag);
	}
	flush_sentence(c, &p, scheme);
	/*
	 * The last document may have had nothing kept (an odd one left out,
	 * a file ending in marks): no document is empty.
	 */
	if (c->docs[c->ndocs - 1].count == 0)
		c->ndocs--;
	return 0;
}

void
corpus_prepare(struct corpus *c, const struct gaz *g, struct ner_stemmer *st)
{
	corpus_prepare_sents(c, 0, c->nsents, g, st);
}

void
corpus_prepare_sents(struct corpus *c, size_t first, size_t count,
    const struct gaz *g, struct ner_stemmer *st)
{
	for (size_t i = first; i < first + count && i < c->nsents; i++) {
		struct csent *s = &c->sents[i];
		struct ner_sent ns = { s->w, s->n, s->info, 0 };
		ner_prepare(&ns, g);
		ner_stem(&ns, st);
		s->headline = ns.headline;
	}
}

void
corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->nsents; i++) {
		free(c->sents[i].w);
		free(c->sents[i].info);
		free(c->sents[i].gold);
	}
	for (size_t i = 0; i < c->nstrings; i++)
		free(c->strings[i]);
	free(c->sents);
	free(c->docs);
	free(c->strings);
	memset(c, 0, sizeof(*c));
}
