/*
 * What a worker says when a plugin kills it. Before the first article the
 * worker notes where each plugin's code is mapped; a fatal signal (or the
 * per-article alarm) then walks the stack, names the first plugin found on
 * it, writes one protocol message ("crash" or "timeout") to the master and
 * lets the signal take its course. Everything the handler does after the
 * stack walk is async-signal-safe.
 */
#ifndef LECTOR_CRASH_H
#define LECTOR_CRASH_H

#include <stdint.h>

/*
 * fd: the socket to the master. plugin_dirs: NULL-terminated; a mapped
 * file NAME.so inside one of them is plugin NAME. Returns 0 or -errno.
 */
int crash_init(int fd, char *const *plugin_dirs);

/* An article starts: arms the alarm for timeout seconds (0: none). */
void crash_job_start(uint64_t id, double timeout);

/* The article is done: disarms the alarm. */
void crash_job_end(void);

#endif
