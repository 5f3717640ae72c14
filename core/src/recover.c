/*
 * Start-up recovery of the spool. Whatever is in work/ was interrupted. A
 * crash may have come after the output reached outbox/ (or the report
 * reached failed/) but before the article left work/: such an article is
 * recognised by its name and the SHA-256 of its content, recorded in the
 * output ("source") and in the report, and its move is completed, so a
 * crash costs at most a redo, never a second output.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "log.h"
#include "spool.h"

#define TMP_PREFIX ".lector-"
#define REPORT_SUFFIX ".error.json"

static DIR *
open_listing(const struct spool *s, enum spool_dir d)
{
	int fd = openat(s->fd[d], ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (dir == NULL)
		close(fd);
	return dir;
}

static void
remove_temporaries(struct spool *s, enum spool_dir d)
{
	DIR *dir = open_listing(s, d);
	struct dirent *e;

	if (dir == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0 ||
		    n < 4 || strcmp(e->d_name + n - 4, ".tmp") != 0)
			continue;
		if (unlinkat(s->fd[d], e->d_name, 0) == 0)
			log_info("recovery: removed %s/%s", s->path[d],
			    e->d_name);
	}
	closedir(dir);
}

/* Whether candidate is STEM SUFFIX or STEM.<digits> SUFFIX. */
static int
is_numbered(const char *candidate, const char *stem, const char *suffix)
{
	size_t ls = strlen(stem), lx = strlen(suffix), lc = strlen(candidate);

	if (lc < ls + lx || strncmp(candidate, stem, ls) != 0 ||
	    strcmp(candidate + lc - lx, suffix) != 0)
		return 0;
	const char *mid = candidate + ls, *end = candidate + lc - lx;
	if (mid == end)
		return 1;
	if (*mid++ != '.' || mid == end)
		return 0;
	for (; mid < end; mid++)
		if (!isdigit((unsigned char)*mid))
			return 0;
	return 1;
}

static json_t *
load_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	json_t *j;

	if (fd < 0)
		return NULL;
	j = json_loadfd(fd, 0, NULL);
	close(fd);
	return j;
}

static int
same_article(const json_t *file, const json_t *sha, const char *name,
    const char *hex)
{
	return json_is_string(file) && json_is_string(sha) &&
	    strcmp(json_string_value(file), name) == 0 &&
	    strcmp(json_string_value(sha), hex) == 0;
}

/* An output in outbox/ made from this article. */
static int
output_exists(struct spool *s, const char *name, const char *stem,
    const char *hex)
{
	DIR *dir = open_listing(s, SPOOL_OUTBOX);
	struct dirent *e;
	int found = 0;

	if (dir == NULL)
		return 0;
	while (!found && (e = readdir(dir)) != NULL) {
		if (!is_numbered(e->d_name, stem, ".json"))
			continue;
		json_t *out = load_at(s->fd[SPOOL_OUTBOX], e->d_name);
		json_t *src = json_object_get(out, "source");
		found = same_article(json_object_get(src, "file"),
		    json_object_get(src, "sha256"), name, hex);
		if (found)
			log_notice("recovery: work/%s already has its output "
			    "outbox/%s", name, e->d_name);
		json_decref(out);
	}
	closedir(dir);
	return found;
}

/*
 * A report in failed/ about this article whose article never followed:
 * moves the article beside it. Returns 1 when done.
 */
static int
complete_failure(struct spool *s, const char *name, const char *stem,
    const char *ext, const char *hex)
{
	char suffix[NAME_MAX + 1], slot[NAME_MAX + 1];
	DIR *dir = open_listing(s, SPOOL_FAILED);
	struct dirent *e;
	int done = 0;

	if (dir == NULL)
		return 0;
	snprintf(suffix, sizeof(suffix), "%s" REPORT_SUFFIX, ext);
	while (!done && (e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name), m = strlen(REPORT_SUFFIX);
		struct stat st;
		if (!is_numbered(e->d_name, stem, suffix) || n - m >= sizeof(slot))
			continue;
		snprintf(slot, sizeof(slot), "%.*s", (int)(n - m), e->d_name);
		if (fstatat(s->fd[SPOOL_FAILED], slot, &st,
		    AT_SYMLINK_NOFOLLOW) == 0)
			continue;
		json_t *r = load_at(s->fd[SPOOL_FAILED], e->d_name);
		if (same_article(json_object_get(r, "file"),
		    json_object_get(r, "sha256"), name, hex) &&
		    renameat(s->fd[SPOOL_WORK], name, s->fd[SPOOL_FAILED],
		    slot) == 0) {
			fsync(s->fd[SPOOL_FAILED]);
			fsync(s->fd[SPOOL_WORK]);
			log_notice("recovery: work/%s joined its report as "
			    "failed/%s", name, slot);
			done = 1;
		}
		json_decref(r);
	}
	closedir(dir);
	return done;
}

static int
recover_one(struct spool *s, const char *name,
    int (*redo)(const char *name, void *arg), void *arg)
{
	char hex[65], stem[NAME_MAX + 1];
	const char *dot = strrchr(name, '.');

	if (dot == NULL || dot == name)
		dot = name + strlen(name);
	snprintf(stem, sizeof(stem), "%.*s", (int)(dot - name), name);
	if (spool_hash(s, SPOOL_WORK, name, hex) == 0) {
		if (output_exists(s, name, stem, hex)) {
			int rc = spool_finish(s, name);
			if (rc < 0)
				log_err("recovery: work/%s: %s", name,
				    strerror(-rc));
			return 0;
		}
		if (complete_failure(s, name, stem, dot, hex))
			return 0;
	}
	log_info("recovery: work/%s was interrupted; processing it again", name);
	return redo(name, arg) < 0 ? -1 : 1;
}

int
spool_recover(struct spool *s, int (*redo)(const char *name, void *arg),
    void *arg, char *err, size_t errlen)
{
	DIR *dir;
	struct dirent *e;
	int count = 0;

	remove_temporaries(s, SPOOL_OUTBOX);
	remove_temporaries(s, SPOOL_FAILED);
	dir = open_listing(s, SPOOL_WORK);
	if (dir == NULL) {
		snprintf(err, errlen, "recovery: %s: %s", s->path[SPOOL_WORK],
		    strerror(errno));
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int rc = recover_one(s, e->d_name, redo, arg);
		if (rc < 0) {
			snprintf(err, errlen, "recovery: work/%s: out of memory",
			    e->d_name);
			count = -1;
			break;
		}
		count += rc;
	}
	closedir(dir);
	return count;
}
