/*
 * The spool: five folders on one filesystem, and the renames that move an
 * article between them. Only the master moves files; every move is a
 * rename that never replaces, followed by an fsync of the folder.
 *
 *   inbox/NAME  --claim-->  work/NAME  --publish-->  outbox/STEM.json
 *                                      --finish--->  done/NAME (or unlinked)
 *                                      --fail----->  failed/NAME + NAME.error.json
 *
 * A name already taken in outbox/, done/ or failed/ gets a number before
 * its extension: story.json, story.1.json, story.2.json ...
 *
 * What must be on disk before the next step is flushed first: an output
 * and work/ before the output is published, outbox/ before the article
 * leaves work/, failed/ before the report is trusted. Moves whose loss a restart repairs
 * (work/ -> done/, recognised by the output's hash) are flushed in batches
 * by spool_sync().
 */
#ifndef LECTOR_SPOOL_H
#define LECTOR_SPOOL_H

#include <stddef.h>
#include <limits.h>
#include <stdint.h>

#include "config.h"

enum spool_dir {
	SPOOL_INBOX,
	SPOOL_WORK,
	SPOOL_OUTBOX,
	SPOOL_FAILED,
	SPOOL_DONE,
	SPOOL_NDIRS
};

struct spool {
	char *path[SPOOL_NDIRS];	/* absolute */
	int fd[SPOOL_NDIRS];		/* the folders, open */
	int lock_fd;			/* work/.lectord.lock, flock'ed */
	int dirty[SPOOL_NDIRS];		/* renamed into or out of, not yet fsync'ed */
	int keep_done;
};

/*
 * Creates missing folders, then refuses folders on different filesystems,
 * not writable, the same folder twice, or a spool another lectord holds.
 * Returns 0, or -1 with err filled.
 */
int spool_open(struct spool *s, const struct config *cfg, char *err,
    size_t errlen);
void spool_close(struct spool *s);

/* Whether a name in the inbox is never touched (dot-files, partials). */
int spool_ignored(const char *name);

/* "work/NAME" and the like, absolute, into buf. Returns 0 or -ENAMETOOLONG. */
int spool_path(const struct spool *s, enum spool_dir d, const char *name,
    char *buf, size_t len);

/* Flushes the folders changed since the last flush. */
void spool_sync(struct spool *s);

/* inbox/NAME -> work/NAME. -EEXIST when work/NAME is busy, -ENOENT gone. */
int spool_claim(struct spool *s, const char *name);

/* work/NAME -> inbox/NAME (an article handed back unstarted). */
int spool_unclaim(struct spool *s, const char *name);

/* The temporary output name for job id: ".lector-ID.tmp" in outbox/. */
void spool_tmp_name(uint64_t id, char *buf, size_t len);

/* One output to publish: outbox/TMP becomes outbox/STEM.json (or STEM.N.json). */
struct spool_publication {
	const char *tmp;
	const char *name;		/* the article's name, for STEM */
	char out[NAME_MAX + 1];		/* filled: the name given */
	int rc;				/* filled: 0 or -errno */
};

/*
 * The first half of publishing a batch: flushes each temporary output and
 * work/ to disk in one parallel round (sync_round.h). Each p[i].rc says
 * whether that output's data (and work/) is on disk; returns work/'s
 * flush, 0 or -errno. Rounds of different batches may run side by side.
 */
int spool_sync_batch(const struct spool *s, struct spool_publication *p,
    size_t n);

/*
 * The second half: renames each output whose rc is 0 into place, then
 * flushes outbox/ once. Only after spool_sync_batch on the same batch, and
 * one batch at a time, in the order they were synced: outputs appear in
 * the order they were written. Returns outbox/'s flush, 0 or -errno (the
 * outputs stay in place even then); each p[i].rc says whether that output
 * is in place.
 */
int spool_place_batch(const struct spool *s, struct spool_publication *p,
    size_t n);

/*
 * Publishes a batch: spool_sync_batch, then spool_place_batch. One round
 * for many outputs is what makes a busy spool fast. These three use only
 * the file system (no state of s changes), so they may run off the loop's
 * thread. Returns what spool_place_batch returns.
 */
int spool_publish_batch(const struct spool *s, struct spool_publication *p,
    size_t n);

/* A batch of one. Returns 0 or -errno. */
int spool_publish(struct spool *s, const char *tmp, const char *name,
    char *out, size_t outlen);

/* work/NAME -> done/NAME (numbered when taken), or unlinked. 0 or -errno. */
int spool_finish(struct spool *s, const char *name);

struct spool_failure {
	const char *plugin;	/* "lectord" when no plugin is to blame */
	const char *reason;
	int attempts;
};

/*
 * from/NAME -> failed/NAME (numbered when taken) with NAME.error.json
 * beside it: {file, reason, plugin, attempts, time, sha256}. The report
 * is in place before the article moves. Returns 0 or -1 with err filled.
 */
int spool_fail(struct spool *s, enum spool_dir from, const char *name,
    const struct spool_failure *f, char *err, size_t errlen);

/*
 * Start-up recovery. Removes our temporary files, then for each article
 * left in work/: when an output of this name and content already reached
 * outbox/ (or a report in failed/), completes that move; otherwise calls
 * redo(name) so that it is processed again. Returns the number of articles
 * handed to redo, or -1 with err filled.
 */
int spool_recover(struct spool *s, int (*redo)(const char *name, void *arg),
    void *arg, char *err, size_t errlen);

/* SHA-256 of dir/NAME as hex; returns 0 or -errno. Does not follow links. */
int spool_hash(const struct spool *s, enum spool_dir d, const char *name,
    char hex[65]);

#endif
