/*
 * Each file is complete on disk (fsync) before its rename makes it
 * visible, and the folder is flushed before the source hears "done": a
 * power loss leaves either no file or the whole one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "make_dirs.h"
#include "output.h"
#include "outbox_sink.h"

struct outbox_sink {
	char *dir;
	int fd;
};

struct outbox_sink *
outbox_sink_open(const char *dir, char *err, size_t errlen)
{
	struct outbox_sink *o = calloc(1, sizeof(*o));

	if (o == NULL || (o->dir = strdup(dir)) == NULL) {
		free(o);
		snprintf(err, errlen, "outbox: out of memory");
		return NULL;
	}
	if (make_dirs(dir) < 0)
		goto fail;
	if ((o->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		goto fail;
	return o;
fail:
	snprintf(err, errlen, "outbox: %s: %s", dir, strerror(errno));
	free(o->dir);
	free(o);
	return NULL;
}

/* An id as a file name: characters a shell and a web server take as is. */
static void
file_name_of(const char *id, char *buf, size_t len)
{
	size_t i = 0;

	for (; id[i] != '\0' && i + 6 < len; i++) {
		char c = id[i];
		int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && i > 0);
		buf[i] = plain ? c : '_';
	}
	snprintf(buf + i, len - i, ".json");
}

int
outbox_sink_write(struct outbox_sink *o, const json_t *doc, char *err,
    size_t errlen)
{
	const char *id = json_string_value(json_object_get(doc, "id"));
	char name[160], tmp[176];
	int fd, rc = 0;

	if (id == NULL || *id == '\0') {
		snprintf(err, errlen, "outbox: the document has no id");
		return -1;
	}
	file_name_of(id, name, sizeof(name));
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	fd = openat(o->fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "outbox: %s/%s: %s", o->dir, tmp,
		    strerror(errno));
		return -1;
	}
	if (output_write_fd(fd, doc, OUTPUT_FILE_FLAGS) < 0 || fsync(fd) < 0)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && renameat(o->fd, tmp, o->fd, name) < 0)
		rc = -1;
	if (rc < 0) {
		snprintf(err, errlen, "outbox: writing %s/%s: %s", o->dir, name,
		    strerror(errno));
		unlinkat(o->fd, tmp, 0);
	}
	return rc;
}

int
outbox_sink_flush(struct outbox_sink *o, char *err, size_t errlen)
{
	if (fsync(o->fd) < 0) {
		snprintf(err, errlen, "outbox: fsync %s: %s", o->dir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

void
outbox_sink_close(struct outbox_sink *o)
{
	if (o == NULL)
		return;
	close(o->fd);
	free(o->dir);
	free(o);
}
