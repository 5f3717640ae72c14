/*
 * The fuzz input as a file, for parsers that take a path: an anonymous
 * memory file, named through /proc/self/fd, so nothing touches the disk
 * and nothing is left behind when a run is killed.
 */
#ifndef LECTOR_FUZZ_MEMFILE_H
#define LECTOR_FUZZ_MEMFILE_H

#include <stddef.h>
#include <stdint.h>

struct memfile {
	int fd;
	char path[64];
};

/* Writes data into a new memory file; 0, or -1 (the harness aborts). */
int memfile_open(struct memfile *f, const uint8_t *data, size_t size);
void memfile_close(struct memfile *f);

#endif
