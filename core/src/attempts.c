/*
 * No fsync: a node that loses power loses its counts, and an article that
 * kills workers is then counted again from zero; nothing else depends on
 * them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attempts.h"
#include "make_dirs.h"

int
attempts_open(struct attempts *a, const char *dir, char *err, size_t errlen)
{
	if (make_dirs(dir) < 0 ||
	    (a->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		a->fd = -1;
		return -1;
	}
	return 0;
}

void
attempts_close(struct attempts *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
}

/* An empty file a lost attempt: creating and removing it touches no data block. */
static void
note_name(char *buf, size_t len, const char *key, int n)
{
	snprintf(buf, len, ".attempt-%s-%d", key, n);
}

int
attempts_begin(struct attempts *a, const char *key)
{
	char name[112];
	int lost = 0, fd;

	for (;;) {
		note_name(name, sizeof(name), key, lost + 1);
		if (faccessat(a->fd, name, F_OK, 0) < 0)
			break;
		lost++;
	}
	fd = openat(a->fd, name, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);	/* uncounted otherwise: the source's limit holds */
	return lost;
}

void
attempts_end(struct attempts *a, const char *key)
{
	char name[112];

	for (int n = 1; ; n++) {
		note_name(name, sizeof(name), key, n);
		if (unlinkat(a->fd, name, 0) < 0)
			break;
	}
}
