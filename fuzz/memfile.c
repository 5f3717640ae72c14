/* The fuzz input as a file: a memfd named through /proc/self/fd. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memfile.h"

int
memfile_open(struct memfile *f, const uint8_t *data, size_t size)
{
	size_t off = 0;

	if ((f->fd = memfd_create("fuzz-input", MFD_CLOEXEC)) < 0)
		return -1;
	while (off < size) {
		ssize_t w = write(f->fd, data + off, size - off);
		if (w <= 0) {
			close(f->fd);
			return -1;
		}
		off += (size_t)w;
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
	return 0;
}

void
memfile_close(struct memfile *f)
{
	close(f->fd);
	f->fd = -1;
}
