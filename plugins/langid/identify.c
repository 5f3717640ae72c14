#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "identify.h"

int
identifier_init(identifier *id, const model *m)
{
	memset(id, 0, sizeof(*id));
	id->m = m;
	id->allowed = calloc(m->hdr->n_langs, 1);
	if (id->allowed == NULL || detect_evidence_init(&id->doc, m) < 0 ||
	    detect_evidence_init(&id->para, m) < 0) {
		identifier_free(id);
		return -ENOMEM;
	}
	return 0;
}

void
identifier_free(identifier *id)
{
	free(id->allowed);
	detect_evidence_free(&id->doc);
	detect_evidence_free(&id->para);
	memset(id, 0, sizeof(*id));
}

size_t
identifier_restrict(identifier *id, const char *const *codes, size_t n)
{
	size_t matched = 0, k;
	uint32_t i;

	id->restricted = n > 0;
	for (i = 0; i < id->m->hdr->n_langs; i++) {
		id->allowed[i] = 0;
		for (k = 0; k < n; k++)
			if (strcmp(codes[k], model_lang_code(id->m, i)) == 0 ||
			    strcmp(codes[k], model_lang_iso3(id->m, i)) == 0)
				id->allowed[i] = 1;
		matched += id->allowed[i];
	}
	return matched;
}

/* Whether a paragraph's own answer is sure enough to stand apart. */
static int
clear(const detect_result *r)
{
	return r->n > 0 && r->letters >= IDENTIFY_SPAN_LETTERS &&
	    r->prob[0] >= IDENTIFY_SPAN_CONFIDENCE;
}

static int
make_spans(const identify_para *paras, size_t n_paras,
    const detect_result *doc, const detect_result *pr, identify_span **out,
    size_t *n_out)
{
	identify_span *s;
	size_t i, n = 0;

	s = malloc(n_paras * sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	for (i = 0; i < n_paras; i++) {
		uint32_t lang = clear(&pr[i]) ? pr[i].lang[0] : doc->lang[0];
		enum script sc = clear(&pr[i]) ? pr[i].script : doc->script;
		float conf = clear(&pr[i]) ? pr[i].prob[0] : doc->prob[0];

		if (n > 0 && s[n - 1].lang == lang) {
			s[n - 1].end = paras[i].end;
			if (conf < s[n - 1].confidence)
				s[n - 1].confidence = conf;
			continue;
		}
		s[n].start = paras[i].start;
		s[n].end = paras[i].end;
		s[n].lang = lang;
		s[n].script = sc;
		s[n].confidence = conf;
		n++;
	}
	*out = s;
	*n_out = n;
	return 0;
}

/*
 * Scores one paragraph into id->para and, when decide, its own answer into
 * *out. With so_far (the article's language once settled) only a sample is
 * read; the whole paragraph is read again if the sample is fairly sure of
 * another language. A sample that agrees gets no answer of its own (n = 0):
 * it goes with the article.
 */
static void
read_paragraph(identifier *id, const identify_para *p, const uint8_t *allowed,
    const detect_result *so_far, int decide, detect_result *out)
{
	int partial;

	memset(out, 0, sizeof(*out));
	detect_evidence_reset(&id->para, id->m);
	partial = detect_scan(id->m, p->text, p->len, so_far != NULL ?
	    IDENTIFY_SAMPLE_LETTERS : IDENTIFY_PARA_LETTERS, &id->para);
	if (so_far == NULL) {
		if (decide)
			detect_decide(id->m, &id->para, allowed, 1, out);
		return;
	}
	if (so_far->n > 0 &&
	    detect_best(id->m, &id->para, allowed) == so_far->lang[0])
		return;
	detect_decide(id->m, &id->para, allowed, 1, out);
	if (partial && out->n > 0 && out->prob[0] >= IDENTIFY_SAMPLE_DOUBT &&
	    (so_far->n == 0 || out->lang[0] != so_far->lang[0])) {
		detect_evidence_reset(&id->para, id->m);
		detect_scan(id->m, p->text, p->len, IDENTIFY_PARA_LETTERS,
		    &id->para);
		detect_decide(id->m, &id->para, allowed, 1, out);
	}
}

int
identify(identifier *id, const identify_para *paras, size_t n_paras,
    uint32_t min_letters, detect_result *doc, identify_span **spans,
    size_t *n_spans)
{
	const uint8_t *allowed = id->restricted ? id->allowed : NULL;
	detect_result *pr, so_far;
	size_t i, other = 0;
	int settled = 0;
	int rc = 0;

	*spans = NULL;
	*n_spans = 0;
	detect_evidence_reset(&id->doc, id->m);
	pr = calloc(n_paras ? n_paras : 1, sizeof(*pr));
	if (pr == NULL)
		return -ENOMEM;
	for (i = 0; i < n_paras; i++) {
		int sampling = id->doc.letters >= IDENTIFY_DOC_LETTERS;

		if (sampling && !settled) {
			detect_decide(id->m, &id->doc, allowed, 1, &so_far);
			settled = 1;
		}
		read_paragraph(id, &paras[i], allowed, sampling ? &so_far : NULL,
		    n_paras > 1, &pr[i]);
		detect_evidence_add(&id->doc, &id->para, id->m);
	}
	detect_decide(id->m, &id->doc, allowed, min_letters, doc);
	if (doc->n > 0)
		for (i = 0; i < n_paras; i++)
			other += clear(&pr[i]) && pr[i].lang[0] != doc->lang[0];
	if (other > 0)
		rc = make_spans(paras, n_paras, doc, pr, spans, n_spans);
	free(pr);
	return rc;
}
