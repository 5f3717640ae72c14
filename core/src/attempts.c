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

static int
make_dirs(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

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

int
attempts_begin(struct attempts *a, const char *key)
{
	char name[96], buf[32] = "";
	int fd, lost = 0;
	ssize_t n;

	snprintf(name, sizeof(name), ".attempt-%s", key);
	fd = openat(a->fd, name, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return 0;	/* uncounted: the source's own limit still holds */
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n > 0) {
		buf[n] = '\0';
		lost = atoi(buf);
	}
	n = snprintf(buf, sizeof(buf), "%d\n", lost + 1);
	if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		lost = 0;
	close(fd);
	return lost;
}

void
attempts_end(struct attempts *a, const char *key)
{
	char name[96];

	snprintf(name, sizeof(name), ".attempt-%s", key);
	unlinkat(a->fd, name, 0);
}
