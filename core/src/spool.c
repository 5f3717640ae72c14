/*
 * Moves between spool folders. Each move is a rename(2) that never replaces
 * (RENAME_NOREPLACE, or a check first where the filesystem lacks it: only
 * the master renames inside the spool, so the check cannot race with us),
 * followed by fsync of the folder that gained the name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "make_dirs.h"
#include "metrics.h"
#include "sha256.h"
#include "output.h"
#include "spool.h"
#include "sync_round.h"

#define TMP_PREFIX ".lector-"
#define REPORT_SUFFIX ".error.json"
#define MAX_NUMBER 100000

static const char *const dir_names[SPOOL_NDIRS] = {
	"inbox", "work", "outbox", "failed", "done"
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
spool_ignored(const char *name)
{
	static const char *const partial[] = {
		".tmp", ".part", ".crdownload", ".swp", "~", NULL
	};

	if (name[0] == '.' || name[0] == '\0')
		return 1;
	for (int i = 0; partial[i] != NULL; i++)
		if (ends_with(name, partial[i]))
			return 1;
	return 0;
}

static int
open_dir(struct spool *s, enum spool_dir d, const char *path, char *err,
    size_t errlen)
{
	char real[PATH_MAX];
	if (make_dirs(path) < 0) {
		snprintf(err, errlen, "spool: %s folder %s: cannot create: %s",
		    dir_names[d], path, strerror(errno));
		return -1;
	}
	if (realpath(path, real) == NULL ||
	    (s->path[d] = strdup(real)) == NULL) {
		snprintf(err, errlen, "spool: %s folder %s: %s", dir_names[d],
		    path, strerror(errno));
		return -1;
	}
	s->fd[d] = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->fd[d] < 0) {
		snprintf(err, errlen, "spool: %s folder %s: %s", dir_names[d],
		    real, strerror(errno));
		return -1;
	}
	if (faccessat(s->fd[d], ".", W_OK | X_OK, AT_EACCESS) < 0) {
		snprintf(err, errlen, "spool: %s folder %s is not writable: %s",
		    dir_names[d], real, strerror(errno));
		return -1;
	}
	return 0;
}

/* One filesystem (moves are renames) and five distinct folders. */
static int
check_layout(struct spool *s, char *err, size_t errlen)
{
	struct stat st[SPOOL_NDIRS];

	for (int d = 0; d < SPOOL_NDIRS; d++)
		if (fstat(s->fd[d], &st[d]) < 0) {
			snprintf(err, errlen, "spool: %s: %s", s->path[d],
			    strerror(errno));
			return -1;
		}
	for (int d = 1; d < SPOOL_NDIRS; d++) {
		if (st[d].st_dev != st[0].st_dev) {
			snprintf(err, errlen, "spool: %s and %s are on different "
			    "filesystems; the spool moves files by rename, so "
			    "all its folders must be on one", s->path[0],
			    s->path[d]);
			return -1;
		}
		for (int e = 0; e < d; e++)
			if (st[d].st_ino == st[e].st_ino) {
				snprintf(err, errlen, "spool: the %s and %s "
				    "folders are the same folder, %s",
				    dir_names[e], dir_names[d], s->path[d]);
				return -1;
			}
	}
	return 0;
}

static int
take_lock(struct spool *s, char *err, size_t errlen)
{
	s->lock_fd = openat(s->fd[SPOOL_WORK], ".lectord.lock",
	    O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (s->lock_fd < 0) {
		snprintf(err, errlen, "spool: %s/.lectord.lock: %s",
		    s->path[SPOOL_WORK], strerror(errno));
		return -1;
	}
	if (flock(s->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		snprintf(err, errlen, "spool: %s is in use by another lectord",
		    s->path[SPOOL_WORK]);
		return -1;
	}
	return 0;
}

int
spool_open(struct spool *s, const struct config *cfg, char *err,
    size_t errlen)
{
	const char *paths[SPOOL_NDIRS] = {
		cfg->inbox, cfg->work, cfg->outbox, cfg->failed, cfg->done
	};

	memset(s, 0, sizeof(*s));
	s->lock_fd = -1;
	for (int d = 0; d < SPOOL_NDIRS; d++)
		s->fd[d] = -1;
	s->keep_done = cfg->keep_done;
	for (int d = 0; d < SPOOL_NDIRS; d++) {
		if (paths[d] == NULL || paths[d][0] == '\0') {
			snprintf(err, errlen, "spool: no %s folder: give --spool "
			    "DIR or set it in the configuration", dir_names[d]);
			goto fail;
		}
		if (open_dir(s, d, paths[d], err, errlen) < 0)
			goto fail;
	}
	if (check_layout(s, err, errlen) < 0 || take_lock(s, err, errlen) < 0)
		goto fail;
	return 0;
fail:
	spool_close(s);
	return -1;
}

void
spool_close(struct spool *s)
{
	for (int d = 0; d < SPOOL_NDIRS; d++) {
		if (s->fd[d] >= 0)
			close(s->fd[d]);
		s->fd[d] = -1;
		free(s->path[d]);
		s->path[d] = NULL;
	}
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	s->lock_fd = -1;
}

int
spool_path(const struct spool *s, enum spool_dir d, const char *name,
    char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s", s->path[d], name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* fsync, timed for the metrics: the disk's latency is what operators watch. */
static int
timed_fsync(int fd)
{
	struct timespec t0, t1;
	int rc, saved;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = fsync(fd);
	saved = errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	metrics_fsync((double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	errno = saved;	/* the callers read fsync's */
	return rc;
}

static int
sync_dir(struct spool *s, enum spool_dir d)
{
	s->dirty[d] = 0;
	return timed_fsync(s->fd[d]) < 0 ? -errno : 0;
}

void
spool_sync(struct spool *s)
{
	for (int d = 0; d < SPOOL_NDIRS; d++)
		if (s->dirty[d] && s->fd[d] >= 0)
			sync_dir(s, d);
}

static int
rename_noreplace(int fromfd, const char *from, int tofd, const char *to)
{
	struct stat st;

	if (renameat2(fromfd, from, tofd, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	/* The filesystem cannot refuse to replace: check, then rename. */
	if (fstatat(tofd, to, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return -EEXIST;
	return renameat(fromfd, from, tofd, to) < 0 ? -errno : 0;
}

/* STEM and the extension (with its dot, or "") of a name. */
static void
split_name(const char *name, char *stem, size_t stemlen, const char **ext)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL || dot == name)
		dot = name + strlen(name);
	*ext = dot;
	snprintf(stem, stemlen, "%.*s", (int)(dot - name), name);
}

/* n == 0: STEM EXT; otherwise STEM.n EXT. */
static int
numbered(const char *stem, const char *ext, unsigned n, char *buf,
    size_t len)
{
	int w = n == 0 ? snprintf(buf, len, "%s%s", stem, ext) :
	    snprintf(buf, len, "%s.%u%s", stem, n, ext);

	return w < 0 || (size_t)w >= len ? -ENAMETOOLONG : 0;
}

/*
 * Renames fromfd/from into tofd under the first free numbered name made of
 * stem and ext. got: the name used.
 */
static int
place(int fromfd, const char *from, int tofd, const char *stem,
    const char *ext, char *got, size_t gotlen)
{
	for (unsigned n = 0; n < MAX_NUMBER; n++) {
		int rc = numbered(stem, ext, n, got, gotlen);
		if (rc < 0)
			return rc;
		rc = rename_noreplace(fromfd, from, tofd, got);
		if (rc != -EEXIST)
			return rc;
	}
	return -EEXIST;
}

int
spool_claim(struct spool *s, const char *name)
{
	int rc = rename_noreplace(s->fd[SPOOL_INBOX], name, s->fd[SPOOL_WORK],
	    name);

	if (rc == 0)
		s->dirty[SPOOL_WORK] = s->dirty[SPOOL_INBOX] = 1;
	return rc;
}

int
spool_unclaim(struct spool *s, const char *name)
{
	int rc = rename_noreplace(s->fd[SPOOL_WORK], name, s->fd[SPOOL_INBOX],
	    name);

	if (rc == 0)
		s->dirty[SPOOL_WORK] = s->dirty[SPOOL_INBOX] = 1;
	return rc;
}

void
spool_tmp_name(uint64_t id, char *buf, size_t len)
{
	snprintf(buf, len, TMP_PREFIX "%llu.tmp", (unsigned long long)id);
}

/*
 * The data of every output and work/'s claims, in one round: recovery
 * looks for interrupted articles in work/, and no output may become
 * visible without its content. Without memory for the round, one by one.
 */
static int
flush_batch(const struct spool *s, struct spool_publication *p, size_t n)
{
	struct sync_item *items = calloc(n + 1, sizeof(*items));
	int rc;

	if (items == NULL) {
		for (size_t i = 0; i < n; i++) {
			struct sync_item one = { s->fd[SPOOL_OUTBOX], p[i].tmp, 0 };
			sync_round(&one, 1, 1);
			p[i].rc = one.rc;
		}
		return timed_fsync(s->fd[SPOOL_WORK]) < 0 ? -errno : 0;
	}
	for (size_t i = 0; i < n; i++) {
		items[i].dirfd = s->fd[SPOOL_OUTBOX];
		items[i].name = p[i].tmp;
	}
	items[n].dirfd = s->fd[SPOOL_WORK];
	sync_round(items, n + 1, SYNC_ROUND_THREADS);
	for (size_t i = 0; i < n; i++)
		p[i].rc = items[i].rc;
	rc = items[n].rc;
	free(items);
	return rc;
}

int
spool_sync_batch(const struct spool *s, struct spool_publication *p,
    size_t n)
{
	int rc = flush_batch(s, p, n);

	for (size_t i = 0; i < n; i++)
		if (p[i].rc == 0)
			p[i].rc = rc;
	return rc;
}

int
spool_place_batch(const struct spool *s, struct spool_publication *p,
    size_t n)
{
	int out = s->fd[SPOOL_OUTBOX];

	for (size_t i = 0; i < n; i++) {
		char stem[NAME_MAX + 1];
		const char *ext;
		if (p[i].rc < 0)
			continue;
		split_name(p[i].name, stem, sizeof(stem), &ext);
		p[i].rc = place(out, p[i].tmp, out, stem, ".json", p[i].out,
		    sizeof(p[i].out));
	}
	/* In place either way: an output is never taken back. */
	return timed_fsync(out) < 0 ? -errno : 0;
}

int
spool_publish_batch(const struct spool *s, struct spool_publication *p,
    size_t n)
{
	spool_sync_batch(s, p, n);
	return spool_place_batch(s, p, n);
}

int
spool_publish(struct spool *s, const char *tmp, const char *name,
    char *out, size_t outlen)
{
	struct spool_publication p = { .tmp = tmp, .name = name };

	int rc = spool_publish_batch(s, &p, 1);

	s->dirty[SPOOL_WORK] = s->dirty[SPOOL_OUTBOX] = 0;
	snprintf(out, outlen, "%s", p.out);
	return p.rc < 0 ? p.rc : rc;
}

int
spool_finish(struct spool *s, const char *name)
{
	char stem[NAME_MAX + 1], got[NAME_MAX + 1];
	const char *ext;
	int rc;

	/* Not flushed at once: a lost move is redone by recovery. */
	s->dirty[SPOOL_WORK] = 1;
	if (!s->keep_done)
		return unlinkat(s->fd[SPOOL_WORK], name, 0) < 0 ? -errno : 0;
	split_name(name, stem, sizeof(stem), &ext);
	rc = place(s->fd[SPOOL_WORK], name, s->fd[SPOOL_DONE], stem, ext, got,
	    sizeof(got));
	if (rc == 0)
		s->dirty[SPOOL_DONE] = 1;
	return rc;
}

int
spool_hash(const struct spool *s, enum spool_dir d, const char *name,
    char hex[65])
{
	unsigned char buf[65536], digest[32];
	struct sha256 h;
	ssize_t n;
	int fd = openat(s->fd[d], name,
	    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	sha256_init(&h);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&h, buf, (size_t)n);
	int rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc < 0)
		return rc;
	sha256_final(&h, digest);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

/* A name that is not UTF-8 is shown with '?' for each byte beyond ASCII. */
static json_t *
name_string(const char *name)
{
	char shown[NAME_MAX + 1];
	json_t *s = json_string(name);
	size_t i;

	if (s != NULL)
		return s;
	for (i = 0; name[i] != '\0' && i < NAME_MAX; i++)
		shown[i] = (unsigned char)name[i] < 0x80 ? name[i] : '?';
	shown[i] = '\0';
	return json_string(shown);
}

static json_t *
report(const char *name, const struct spool_failure *f, const char *sha)
{
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:o, s:s, s:s, s:i, s:s, s:s?}",
	    "file", name_string(name), "reason", f->reason, "plugin", f->plugin,
	    "attempts", f->attempts, "time", stamp, "sha256", sha);
}

/* Writes the report to failed/TMP and flushes it to disk. */
static int
write_report(struct spool *s, const char *tmp, const json_t *r)
{
	int fd = openat(s->fd[SPOOL_FAILED], tmp,
	    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (output_write_fd(fd, r, OUTPUT_FILE_FLAGS) < 0)
		rc = -EIO;
	if (rc == 0 && timed_fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

static int
exists(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Puts the report, then the article, under the first free name pair. */
static int
place_failure(struct spool *s, enum spool_dir from, const char *name,
    const char *tmp)
{
	char stem[NAME_MAX + 1], got[NAME_MAX + 1], rep[NAME_MAX + 1];
	const char *ext;
	int fd = s->fd[SPOOL_FAILED];

	split_name(name, stem, sizeof(stem), &ext);
	for (unsigned n = 0; n < MAX_NUMBER; n++) {
		if (numbered(stem, ext, n, got, sizeof(got)) < 0 ||
		    snprintf(rep, sizeof(rep), "%s" REPORT_SUFFIX, got) >=
		    (int)sizeof(rep))
			return -ENAMETOOLONG;
		if (exists(fd, got))
			continue;
		int rc = rename_noreplace(fd, tmp, fd, rep);
		if (rc == -EEXIST)
			continue;
		if (rc < 0)
			return rc;
		rc = rename_noreplace(s->fd[from], name, fd, got);
		if (rc == 0)
			return 0;
		/* Undo so the report never stands without its article. */
		renameat(fd, rep, fd, tmp);
		if (rc != -EEXIST)
			return rc;
	}
	return -EEXIST;
}

int
spool_fail(struct spool *s, enum spool_dir from, const char *name,
    const struct spool_failure *f, char *err, size_t errlen)
{
	char sha[65], tmp[64];
	static uint64_t seq;
	json_t *r;
	int rc;

	snprintf(tmp, sizeof(tmp), TMP_PREFIX "report-%d-%llu.tmp",
	    (int)getpid(), (unsigned long long)++seq);
	r = report(name, f, spool_hash(s, from, name, sha) == 0 ? sha : NULL);
	if (r == NULL) {
		snprintf(err, errlen, "failed/%s: cannot build the report", name);
		return -1;
	}
	rc = write_report(s, tmp, r);
	json_decref(r);
	if (rc == 0)
		rc = place_failure(s, from, name, tmp);
	if (rc == 0)
		rc = sync_dir(s, SPOOL_FAILED);
	s->dirty[from] = 1;
	if (rc < 0) {
		unlinkat(s->fd[SPOOL_FAILED], tmp, 0);
		snprintf(err, errlen, "failed/%s: %s", name, strerror(-rc));
		return -1;
	}
	return 0;
}
