/* A spool in a fresh temporary folder, for the daemon's unit tests. */
#ifndef LECTOR_TEST_SPOOL_FIXTURE_H
#define LECTOR_TEST_SPOOL_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "spool.h"

struct fixture {
	char root[64];
	char dirs[SPOOL_NDIRS][128];
	struct config cfg;
	struct spool spool;
};

static void
fixture_config(struct fixture *f, int keep_done)
{
	static const char *const names[SPOOL_NDIRS] = {
		"inbox", "work", "outbox", "failed", "done"
	};

	snprintf(f->root, sizeof(f->root), "/tmp/lector-spool-XXXXXX");
	if (mkdtemp(f->root) == NULL)
		abort();
	for (int d = 0; d < SPOOL_NDIRS; d++)
		snprintf(f->dirs[d], sizeof(f->dirs[d]), "%s/%s", f->root,
		    names[d]);
	memset(&f->cfg, 0, sizeof(f->cfg));
	f->cfg.inbox = f->dirs[SPOOL_INBOX];
	f->cfg.work = f->dirs[SPOOL_WORK];
	f->cfg.outbox = f->dirs[SPOOL_OUTBOX];
	f->cfg.failed = f->dirs[SPOOL_FAILED];
	f->cfg.done = f->dirs[SPOOL_DONE];
	f->cfg.keep_done = keep_done;
}

static void
put_file(struct fixture *f, enum spool_dir d, const char *name,
    const char *content)
{
	char path[256];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", f->dirs[d], name);
	out = fopen(path, "w");
	if (out == NULL)
		abort();
	fputs(content, out);
	fclose(out);
}

static int
has_file(struct fixture *f, enum spool_dir d, const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", f->dirs[d], name);
	return lstat(path, &st) == 0;
}

/* Count of visible (not dot-) files in a folder. */
static int
count_files(struct fixture *f, enum spool_dir d)
{
	char cmd[256];
	int n = 0;

	snprintf(cmd, sizeof(cmd), "ls %s | wc -l", f->dirs[d]);
	FILE *p = popen(cmd, "r");
	if (p == NULL || fscanf(p, "%d", &n) != 1)
		abort();
	pclose(p);
	return n;
}

static void
fixture_remove(struct fixture *f)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->root);
	if (system(cmd) != 0)
		abort();
}

#endif
