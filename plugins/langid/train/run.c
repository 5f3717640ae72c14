/* Running a model over text: for the evaluation and benchmark scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../identify.h"
#include "train.h"

/*
 * CPU time of this thread: the machine is shared, and time spent waiting
 * for a core is not time spent identifying languages.
 */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
open_model(model *m, identifier *id, const char *path)
{
	char err[512];

	if (model_open(m, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "langid-train: %s\n", err);
		return -1;
	}
	if (identifier_init(id, m) < 0) {
		fprintf(stderr, "langid-train: out of memory\n");
		model_close(m);
		return -1;
	}
	return 0;
}

/* Splits a comma-separated list in place. */
static size_t
split(char *s, const char **out, size_t max)
{
	size_t n = 0;
	char *tok;

	for (tok = strtok(s, ","); tok != NULL && n < max; tok = strtok(NULL, ","))
		out[n++] = tok;
	return n;
}

/* One line in, "code <TAB> iso3 <TAB> confidence" out ("und" if none). */
int
cmd_classify(int argc, char **argv)
{
	const char *codes[256];
	identifier id;
	model m;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (argc < 2)
		return 2;
	if (open_model(&m, &id, argv[1]) < 0)
		return 1;
	if (argc >= 4 && strcmp(argv[2], "--languages") == 0)
		identifier_restrict(&id, codes, split(argv[3], codes, 256));
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		identify_para p = { line, (size_t)len, 0, 0 };
		identify_span *spans;
		detect_result r;
		size_t n_spans;

		if (len > 0 && line[len - 1] == '\n')
			p.len--;
		identify(&id, &p, 1, 1, &r, &spans, &n_spans);
		free(spans);
		if (r.n == 0)
			printf("und\tund\t0\n");
		else
			printf("%s\t%s\t%.4f\n", model_lang_code(&m, r.lang[0]),
			    model_lang_iso3(&m, r.lang[0]), r.prob[0]);
	}
	free(line);
	identifier_free(&id);
	model_close(&m);
	return 0;
}

/* The model's languages: code, ISO 639-3, script, text trained on, name. */
int
cmd_list(int argc, char **argv)
{
	char err[512];
	model m;
	uint32_t i;

	if (argc < 2)
		return 2;
	if (model_open(&m, argv[1], err, sizeof(err)) < 0) {
		fprintf(stderr, "langid-train: %s\n", err);
		return 1;
	}
	for (i = 0; i < m.hdr->n_langs; i++)
		printf("%s\t%s\t%.4s\t%u\t%s\n", model_lang_code(&m, i),
		    model_lang_iso3(&m, i), m.langs[i].script,
		    m.langs[i].train_chars, model_lang_name(&m, i));
	model_close(&m);
	return 0;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* The non-empty lines of buf as paragraphs. */
static identify_para *
lines(const char *buf, size_t len, size_t *n)
{
	identify_para *p = NULL;
	size_t cap = 0, i = 0;

	*n = 0;
	while (i < len) {
		const char *e = memchr(buf + i, '\n', len - i);
		size_t end = e ? (size_t)(e - buf) : len;

		if (end > i) {
			if (*n == cap) {
				identify_para *np;

				cap = cap ? cap * 2 : 1024;
				if ((np = realloc(p, cap * sizeof(*p))) == NULL) {
					free(p);
					return NULL;
				}
				p = np;
			}
			p[*n].text = buf + i;
			p[*n].len = end - i;
			p[*n].start = p[*n].end = 0;
			(*n)++;
		}
		i = end + 1;
	}
	return p;
}

static int
by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#define RUNS 5

/*
 * bench MODEL LONG SENTENCES: the first file is one article (a paragraph a
 * line), the second one sentence a line, each identified on its own.
 * Prints medians of RUNS runs.
 */
int
cmd_bench(int argc, char **argv)
{
	double t[RUNS], load[21];
	identifier id;
	model m;
	char *lbuf, *sbuf, err[512];
	size_t llen, slen, nl, ns, i, r;
	identify_para *lp, *sp;
	identify_span *spans;
	size_t n_spans;
	detect_result res;

	if (argc < 4)
		return 2;
	for (r = 0; r < 21; r++) {
		double t0 = now();

		if (model_open(&m, argv[1], err, sizeof(err)) < 0) {
			fprintf(stderr, "langid-train: %s\n", err);
			return 1;
		}
		load[r] = now() - t0;
		model_close(&m);
	}
	qsort(load, 21, sizeof(double), by_double);
	if (open_model(&m, &id, argv[1]) < 0)
		return 1;
	lbuf = read_all(argv[2], &llen);
	sbuf = read_all(argv[3], &slen);
	if (lbuf == NULL || sbuf == NULL) {
		fprintf(stderr, "langid-train: cannot read the bench input\n");
		return 1;
	}
	lp = lines(lbuf, llen, &nl);
	sp = lines(sbuf, slen, &ns);
	for (r = 0; r < RUNS; r++) {
		double t0 = now();

		identify(&id, lp, nl, 1, &res, &spans, &n_spans);
		free(spans);
		t[r] = now() - t0;
	}
	qsort(t, RUNS, sizeof(double), by_double);
	printf("long_bytes=%zu\nlong_paragraphs=%zu\nlong_answer=%s\n"
	    "long_mb_s=%.1f\n", llen, nl,
	    res.n ? model_lang_code(&m, res.lang[0]) : "und",
	    (double)llen / t[RUNS / 2] / 1e6);
	/* Every letter scored, no sampling: the cost of the model itself. */
	for (r = 0; r < RUNS; r++) {
		double t0 = now();

		detect_evidence_reset(&id.doc, &m);
		detect_scan(&m, lbuf, llen, 0, &id.doc);
		t[r] = now() - t0;
	}
	qsort(t, RUNS, sizeof(double), by_double);
	printf("full_scan_mb_s=%.1f\n", (double)llen / t[RUNS / 2] / 1e6);
	for (r = 0; r < RUNS; r++) {
		double t0 = now();

		for (i = 0; i < ns; i++) {
			identify(&id, &sp[i], 1, 1, &res, &spans, &n_spans);
			free(spans);
		}
		t[r] = now() - t0;
	}
	qsort(t, RUNS, sizeof(double), by_double);
	printf("sentences=%zu\nsentences_s=%.0f\nsentence_mb_s=%.1f\n"
	    "load_ms=%.2f\nmodel_bytes=%zu\n", ns,
	    (double)ns / t[RUNS / 2], (double)slen / t[RUNS / 2] / 1e6,
	    load[10] * 1e3, m.map_size);
	free(lp);
	free(sp);
	free(lbuf);
	free(sbuf);
	identifier_free(&id);
	model_close(&m);
	return 0;
}
