#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../train/train.h"
#include "tiny_model.h"

/* code iso6393 bcp47 stage text, as in the UDHR table. */
static const char corpus_tsv[] =
    "code\tiso6393\tbcp47\tstage\ttext\n"
    "eng\teng\ten\t4\tAll human beings are born free and equal in dignity and rights.\n"
    "eng\teng\ten\t4\tThey are endowed with reason and conscience and should act towards one another.\n"
    "eng\teng\ten\t4\tEveryone has the right to life, liberty and security of person.\n"
    "fra\tfra\tfr\t4\tTous les êtres humains naissent libres et égaux en dignité et en droits.\n"
    "fra\tfra\tfr\t4\tIls sont doués de raison et de conscience et doivent agir les uns envers les autres.\n"
    "fra\tfra\tfr\t4\tTout individu a droit à la vie, à la liberté et à la sûreté de sa personne.\n"
    "deu\tdeu\tde\t4\tAlle Menschen sind frei und gleich an Würde und Rechten geboren.\n"
    "deu\tdeu\tde\t4\tSie sind mit Vernunft und Gewissen begabt und sollen einander begegnen.\n"
    "deu\tdeu\tde\t4\tJeder hat das Recht auf Leben, Freiheit und Sicherheit der Person.\n"
    "rus\trus\tru\t4\tВсе люди рождаются свободными и равными в своем достоинстве и правах.\n"
    "rus\trus\tru\t4\tКаждый человек имеет право на жизнь, на свободу и на личную неприкосновенность.\n"
    "ukr\tukr\tuk\t4\tВсі люди народжуються вільними і рівними у своїй гідності та правах.\n"
    "ukr\tukr\tuk\t4\tКожна людина має право на життя, на свободу і на особисту недоторканність.\n"
    "jpn\tjpn\tja\t4\tすべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。\n"
    "jpn\tjpn\tja\t4\tすべて人は、生命、自由及び身体の安全に対する権利を有する。\n"
    "skip\tund\tund\t4\tThis row is undetermined and is dropped.\n"
    "low\txxx\txxx\t2\tThis row is below stage 4 and is dropped.\n";

/* Word lists: "iso3 <TAB> word", as scripts/prepare-langid-data.sh writes. */
static const char lexicons_tsv[] =
    "deu\tMenschen\ndeu\tfrei\ndeu\tWürde\n"
    "fra\thumains\nfra\tlibres\nfra\tdignité\n"
    "fra\tl'eau\n";	/* not one word for the features: left out */

/* Writes text to a temporary file; its path into path (a mkstemp pattern). */
static int
temp_file(char *path, const char *text)
{
	FILE *f;
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		unlink(path);
		return -1;
	}
	fputs(text, f);
	fclose(f);
	return 0;
}

int
tiny_corpus(struct corpus *c)
{
	char path[] = "/tmp/langid-tiny-XXXXXX", err[256];
	int rc;

	memset(c, 0, sizeof(*c));
	if (temp_file(path, corpus_tsv) < 0)
		return -1;
	rc = corpus_load_udhr(c, path, 0, NULL, err, sizeof(err));
	unlink(path);
	if (rc < 0)
		corpus_free(c);
	return rc;
}

int
tiny_lexicons(struct train_lexicons *lx, const struct corpus *c)
{
	char path[] = "/tmp/langid-tiny-XXXXXX", err[256];
	int rc;

	if (temp_file(path, lexicons_tsv) < 0)
		return -1;
	rc = lexicons_load(lx, c, path, 10.0, err, sizeof(err));
	unlink(path);
	return rc;
}

struct build_params
tiny_params(void)
{
	struct build_params bp = { .max_postings = 8, .unseen = -14.0,
	    .cap = 3.0, .word_cap = 3.0, .min_pairs = 1.0, .lone_min = 0.0,
	    .temperature = 1.0f };

	return bp;
}

void *
tiny_model(size_t *len)
{
	struct build_params bp = tiny_params();
	struct train_lexicons lx;
	struct corpus c;
	void *image = NULL;
	char err[256];

	if (tiny_corpus(&c) < 0)
		return NULL;
	if (tiny_lexicons(&lx, &c) == 0) {
		bp.lexicons = &lx;
		build_model(&c, 1u << ROLE_TRAIN, &bp, &image, len, err,
		    sizeof(err));
		lexicons_free(&lx);
	}
	corpus_free(&c);
	return image;
}
