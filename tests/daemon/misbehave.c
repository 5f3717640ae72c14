/*
 * A test annotator that misbehaves on purpose, built three times under
 * different names (crashy, sleepy, greedy) so that a failure report can be
 * checked to name the right one. Each looks for its trigger word in the
 * text: crashy stores to a forbidden page on "SEGFAULT", sleepy never returns on
 * "HANG", greedy allocates without bound on "HOG". On other articles it
 * records its process id (tests count workers with it) after sleeping
 * delay_ms, so that tests can keep articles in flight. When the environment
 * names a file in MISBEHAVE_STARTED, each article appends a line to it as it
 * begins, so that a test can wait until one is in a plugin's hands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <lector/plugin.h>

#ifndef MISBEHAVE_NAME
#error "define MISBEHAVE_NAME"
#endif

struct state {
	const lector_host *host;
};

static const lector_option options[] = {
	{ "delay_ms", LECTOR_OPT_INT, "0", "sleep this long on each article",
	    0, 60000 },
	{ "init_delay_ms", LECTOR_OPT_INT, "0",
	    "sleep this long when starting, to slow a reload down", 0, 60000 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

/*
 * A store to a page that allows no access: a real SIGSEGV, and not a null
 * dereference that UBSan would report before the kernel does.
 */
static void
segfault(void)
{
	volatile int *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);

	if (p != MAP_FAILED)
		*p = 1;
	abort();
}

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int
misbehave_init(const lector_host *host, const json_t *opts,
    const char *data_dir, void **state, lector_error *err)
{
	struct state *s = calloc(1, sizeof(*s));
	long delay = (long)json_integer_value(json_object_get(opts,
	    "init_delay_ms"));

	(void)data_dir;
	(void)err;
	if (s == NULL)
		return LECTOR_ENOMEM;
	s->host = host;
	*state = s;
	if (delay > 0)
		nap_ms(delay);
	return LECTOR_OK;
}

/* Grabs memory until refused, then gives it all back and says so. */
static int
hog(lector_error *err)
{
	void **chain = NULL;
	size_t mb = 0;

	for (;;) {
		void **block = malloc(1 << 20);
		if (block == NULL)
			break;
		memset(block, 0xab, 1 << 20);
		block[0] = chain;
		chain = block;
		if (++mb == 1024)
			break;	/* a bound so that a broken limit cannot sink the machine */
	}
	while (chain != NULL) {
		void **next = chain[0];
		free(chain);
		chain = next;
	}
	if (mb == 1024)
		return LECTOR_EFAIL;
	snprintf(err->message, sizeof(err->message),
	    "out of memory after %zu MB", mb);
	return LECTOR_ENOMEM;
}

static void
note_started(void)
{
	const char *path = getenv("MISBEHAVE_STARTED");
	FILE *f;

	if (path == NULL || (f = fopen(path, "a")) == NULL)
		return;
	fprintf(f, "%s %d\n", MISBEHAVE_NAME, (int)getpid());
	fclose(f);
}

static int
misbehave_annotate(void *state, lector_doc *doc, const json_t *opts,
    lector_error *err)
{
	struct state *s = state;
	size_t len;
	const char *text = s->host->text(doc, &len);
	long delay = (long)json_integer_value(json_object_get(opts, "delay_ms"));

	note_started();
	if (strcmp(MISBEHAVE_NAME, "crashy") == 0 &&
	    memmem(text, len, "SEGFAULT", 8) != NULL)
		segfault();
	if (strcmp(MISBEHAVE_NAME, "sleepy") == 0 &&
	    memmem(text, len, "HANG", 4) != NULL)
		for (;;)
			nap_ms(1000);
	if (strcmp(MISBEHAVE_NAME, "greedy") == 0 &&
	    memmem(text, len, "HOG", 3) != NULL)
		return hog(err);
	if (delay > 0)
		nap_ms(delay);
	return s->host->set_result(doc, json_pack("{s:i}", "pid", (int)getpid()));
}

static void
misbehave_fini(void *state)
{
	free(state);
}

LECTOR_PLUGIN_DEFINE = {
	.abi_major = LECTOR_ABI_MAJOR,
	.abi_minor = LECTOR_ABI_MINOR,
	.size = sizeof(lector_plugin),
	.name = MISBEHAVE_NAME,
	.version = "1.0.0",
	.summary = "misbehaves on purpose, for tests",
	.kind = LECTOR_ANNOTATOR,
	.key = MISBEHAVE_NAME,
	.options = options,
	.init = misbehave_init,
	.annotate = misbehave_annotate,
	.fini = misbehave_fini,
};
