/*
 * langid-train: builds the langid model, and runs it for evaluation.
 *
 *   langid-train train --udhr FILE [--skip-udhr TAGS] [--extra FILE]...
 *                      [--clean-extra FILE]...
 *                      [--names FILE] [--speakers FILE]
 *                      [--heldout-every N] [--postings K] [--prior P]
 *                      [--cap C] [--word-cap C] [--unseen L]
 *                      [--min-pairs N] [--lone-min W]
 *                      [--lexicon-bits B] [--lexicons FILE]...
 *                      [--epochs E] [--rate R] [--margin M] [--limit L]
 *                      [--min-delta D] [--tune-pieces N]
 *                      -o MODEL
 *   langid-train classify MODEL [--languages a,b] < lines
 *   langid-train bench MODEL LONG SENTENCES
 *   langid-train list MODEL
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

#define MAX_EXTRA 16

static int
usage(void)
{
	fprintf(stderr,
	    "usage: langid-train train --udhr FILE [--skip-udhr TAGS] "
	    "[--extra FILE]...\n"
	    "                          [--clean-extra FILE]...\n"
	    "                          [--names FILE] [--speakers FILE]\n"
	    "                          [--heldout-every N] [--postings K] [--prior P]\n"
	    "                          [--cap C] [--word-cap C] [--unseen L]\n"
	    "                          [--min-pairs N] [--lone-min W]\n"
	    "                          [--lexicon-bits B] [--lexicons FILE]...\n"
	    "                          [--epochs E] [--rate R] [--margin M] "
	    "[--limit L]\n"
	    "                          [--min-delta D] [--tune-pieces N] -o MODEL\n"
	    "       langid-train classify MODEL [--languages a,b] < lines\n"
	    "       langid-train bench MODEL LONG SENTENCES\n"
	    "       langid-train list MODEL\n");
	return 2;
}

/* Writes a temporary file and renames it: no half-written model. */
static int
write_file(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL) {
		perror(tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		perror(path);
		remove(tmp);
		return -1;
	}
	return 0;
}

/* Parses the options of train; returns 0, or -1 for a usage error. */
static int
train_options(int argc, char **argv, const char **udhr, const char **skip,
    const char **names, const char **speakers, const char **lexicons,
    double *lexicon_bits, int *n_lexicons,
    const char **out, const char **extra, int *clean, int *n_extra,
    int *every,
    struct build_params *bp, struct refine_params *rp)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[++i] : NULL;

		if (val == NULL)
			return -1;
		if (strcmp(opt, "--udhr") == 0)
			*udhr = val;
		else if (strcmp(opt, "--skip-udhr") == 0)
			*skip = val;
		else if (strcmp(opt, "--extra") == 0 && *n_extra < MAX_EXTRA)
			extra[(*n_extra)++] = val;
		else if (strcmp(opt, "--clean-extra") == 0 &&
		    *n_extra < MAX_EXTRA) {
			clean[*n_extra] = 1;
			extra[(*n_extra)++] = val;
		}
		else if (strcmp(opt, "--names") == 0)
			*names = val;
		else if (strcmp(opt, "--speakers") == 0)
			*speakers = val;
		else if (strcmp(opt, "--lexicons") == 0 &&
		    *n_lexicons < FEATURES_MAX_LEXICON_GROUPS) {
			/* The bits of the last --lexicon-bits before it. */
			lexicons[*n_lexicons] = val;
			lexicon_bits[*n_lexicons + 1] =
			    lexicon_bits[*n_lexicons];
			(*n_lexicons)++;
		} else if (strcmp(opt, "--lexicon-bits") == 0)
			lexicon_bits[*n_lexicons] = atof(val);
		else if (strcmp(opt, "--heldout-every") == 0)
			*every = atoi(val);
		else if (strcmp(opt, "--postings") == 0)
			bp->max_postings = atoi(val);
		else if (strcmp(opt, "--prior") == 0)
			bp->prior = (float)atof(val);
		else if (strcmp(opt, "--cap") == 0)
			bp->cap = atof(val);
		else if (strcmp(opt, "--word-cap") == 0)
			bp->word_cap = atof(val);
		else if (strcmp(opt, "--unseen") == 0)
			bp->unseen = atof(val);
		else if (strcmp(opt, "--min-pairs") == 0)
			bp->min_pairs = atof(val);
		else if (strcmp(opt, "--lone-min") == 0)
			bp->lone_min = atof(val);
		else if (strcmp(opt, "--epochs") == 0)
			rp->epochs = atoi(val);
		else if (strcmp(opt, "--rate") == 0)
			rp->rate = (float)atof(val);
		else if (strcmp(opt, "--margin") == 0)
			rp->margin = (float)atof(val);
		else if (strcmp(opt, "--limit") == 0)
			rp->limit = (float)atof(val);
		else if (strcmp(opt, "--tune-pieces") == 0)
			rp->per_lang = (uint32_t)atoi(val);
		else if (strcmp(opt, "--min-delta") == 0)
			rp->min_delta = (float)atof(val);
		else if (strcmp(opt, "-o") == 0)
			*out = val;
		else
			return -1;
	}
	if (*udhr == NULL || *out == NULL || bp->max_postings < 1 ||
	    bp->max_postings > 1000 || !(bp->cap > 0) || !(bp->word_cap > 0) ||
	    rp->epochs < 0 || !(rp->rate > 0) || !(rp->margin >= 0) ||
	    !(rp->min_delta >= 0))
		return -1;
	for (i = 0; i < *n_lexicons; i++)
		if (!(lexicon_bits[i] >= 1))
			return -1;
	return 0;
}

static int
cmd_train(int argc, char **argv)
{
	const char *udhr = NULL, *skip = NULL, *names = NULL, *out = NULL;
	const char *lexicons[FEATURES_MAX_LEXICON_GROUPS], *speakers = NULL;
	double lexicon_bits[FEATURES_MAX_LEXICON_GROUPS + 1] = { 10.0 };
	int n_lexicons = 0;
	struct train_lexicons lx = { 0 };
	const char *extra[MAX_EXTRA];
	int clean[MAX_EXTRA] = { 0 };
	struct build_params bp = { .max_postings = 24, .unseen = -14.0,
	    .cap = 3.0, .word_cap = 3.0, .min_pairs = 3.0, .lone_min = 1.0,
	    .temperature = 1.0f };
	struct refine_params rp = { 0, 0.1f, 1.0f, 10.0f, 0.01f, 4000 };
	struct delta *deltas = NULL;
	float *lang_t = NULL;
	int n_extra = 0, every = 10, i, rc;
	struct corpus c = { 0 };
	void *image = NULL;
	size_t len;
	char err[512];

	if (train_options(argc, argv, &udhr, &skip, &names, &speakers, lexicons,
	    lexicon_bits, &n_lexicons, &out, extra, clean, &n_extra, &every,
	    &bp, &rp) < 0)
		return usage();
	rc = corpus_load_udhr(&c, udhr, every, skip, err, sizeof(err));
	for (i = 0; rc == 0 && i < n_extra; i++)
		rc = corpus_load_extra(&c, extra[i], clean[i], err,
		    sizeof(err));
	if (rc == 0 && names != NULL)
		rc = corpus_load_names(&c, names, err, sizeof(err));
	if (rc == 0 && speakers != NULL)
		rc = corpus_load_speakers(&c, speakers, err, sizeof(err));
	/* Each file one group of close languages, in the order given. */
	for (i = 0; rc == 0 && i < n_lexicons; i++) {
		rc = lexicons_add(&lx, &c, lexicons[i], lexicon_bits[i], err,
		    sizeof(err));
		bp.lexicons = &lx;
	}
	if (rc == 0)
		fprintf(stderr, "langid-train: %zu paragraphs, %u languages\n",
		    c.n_docs, c.n_langs);

	if (rc == 0 && (lang_t = calloc(c.n_langs, sizeof(*lang_t))) == NULL) {
		rc = -ENOMEM;
		snprintf(err, sizeof(err), "out of memory");
	}

	/*
	 * Learn the corrections, then calibrate, each on text the model it
	 * measures has not seen...
	 */
	if (rc == 0)
		rc = build_model(&c, 1u << ROLE_TRAIN, &bp, &image, &len, err,
		    sizeof(err));
	if (rc == 0 && rp.epochs > 0) {
		rc = refine(&c, image, len, &rp, &deltas, &bp.n_deltas);
		bp.deltas = deltas;
		free(image);
		image = NULL;
		if (rc < 0)
			snprintf(err, sizeof(err), "refine: %s", strerror(-rc));
		else
			rc = build_model(&c, 1u << ROLE_TRAIN, &bp, &image, &len,
			    err, sizeof(err));
	}
	if (rc == 0) {
		bp.temperature = calibrate(&c, image, len, lang_t);
		bp.lang_temperature = lang_t;
		free(image);
		/* ...then train on it too. Held-out text is never trained on. */
		rc = build_model(&c, ROLES_ALL, &bp, &image, &len, err,
		    sizeof(err));
	}
	free(deltas);
	free(lang_t);

	if (rc < 0) {
		fprintf(stderr, "langid-train: %s\n", err);
		lexicons_free(&lx);
		corpus_free(&c);
		return 1;
	}
	rc = write_file(out, image, len);
	free(image);
	lexicons_free(&lx);
	corpus_free(&c);
	return rc < 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "train") == 0)
		return cmd_train(argc - 1, argv + 1);
	if (strcmp(argv[1], "classify") == 0)
		return cmd_classify(argc - 1, argv + 1);
	if (strcmp(argv[1], "bench") == 0)
		return cmd_bench(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cmd_list(argc - 1, argv + 1);
	return usage();
}
