/*
 * The master's side of its workers: spawning them (this same binary,
 * re-executed with --worker), talking to them over a socket pair, timing
 * and killing them, and saying why one went away. Scheduling is the
 * master's; the pool only reports.
 */
#ifndef LECTOR_POOL_H
#define LECTOR_POOL_H

#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>
#include <uv.h>

#include "proto.h"

/*
 * Jobs a worker holds at once: the one it runs and the next, waiting in
 * its socket. A worker that has replied starts its next article at once
 * instead of sleeping until the master (itself waiting for a CPU on a
 * busy machine) reads the reply and sends another.
 */
#define POOL_DEPTH 2

enum pool_state {
	POOL_STARTING,	/* spawned, no hello yet */
	POOL_IDLE,
	POOL_BUSY,	/* jobs sent (pending of them), not all answered */
	POOL_RETIRING	/* socket closed; it exits when done */
};

struct pool;

struct pool_worker {
	struct pool *pool;
	struct pool_worker *next;
	enum pool_state state;
	pid_t pid;
	int generation;		/* the configuration it loaded */
	int jobs_done;
	int pending;		/* jobs sent and not answered, oldest first */
	void *job;		/* the master's: what it works on, or NULL */
	int exited;		/* its exit is being reported: send it nothing */

	/* Private to the pool. */
	uv_process_t proc;
	uv_pipe_t pipe;
	uv_timer_t timer;
	int handles;
	int pipe_closed;
	int timed_out;
	int draining;		/* retired while busy: no new job; retires when done */
	uint64_t kill_after_ms;	/* of the jobs it holds */
	char blame_op[16];	/* "crash" or "timeout", from its last words */
	char blame_plugin[64];
	int blame_signal;
	char refused[1024];
	struct proto_reader reader;
};

/* Why a worker went away. */
struct pool_death {
	int exit_status;
	int term_signal;
	int timed_out;		/* the master killed it: its article ran out of time */
	const char *op;		/* "crash", "timeout", or NULL when it said nothing */
	const char *plugin;	/* the plugin on its stack, when op is set */
	const char *refused;	/* its pipeline refused to load: why; or NULL */
};

struct pool_callbacks {
	void (*hello)(struct pool_worker *w, void *arg);
	/* A reply to its oldest job: w->job is still set; msg is borrowed. */
	void (*done)(struct pool_worker *w, const json_t *msg, void *arg);
	/* The worker is gone; w is freed after this returns. */
	void (*gone)(struct pool_worker *w, const struct pool_death *d,
	    void *arg);
	/*
	 * Optional: a worker that pulls from a source counts its own
	 * outcomes and sends them ("op": "tally"); msg is borrowed.
	 */
	void (*tally)(struct pool_worker *w, const json_t *msg, void *arg);
};

/* Returns NULL on no memory. */
struct pool *pool_new(uv_loop_t *loop, const struct pool_callbacks *cb,
    void *arg);

/* Frees the pool once every worker is gone (pool_count() == 0). */
void pool_free(struct pool *p);

int pool_count(const struct pool *p);
struct pool_worker *pool_first(struct pool *p);

/*
 * Starts a worker: argv is its whole command line, e.g. {"lectord", "run",
 * "--worker", "-c", "/proc/self/fd/4", NULL}; config_fd, when not -1, becomes its
 * fd 4. Returns 0 or a libuv error.
 */
int pool_spawn(struct pool *p, int generation, char *const *argv,
    int config_fd, struct pool_worker **out);

/* Whether pool_send may give w one more job (it holds fewer than POOL_DEPTH). */
int pool_can_take(const struct pool_worker *w);

/*
 * Sends a job; the worker runs its jobs in the order sent, and is killed
 * when one has run kill_after_ms without a reply (the clock of a job
 * starts with the reply to the one before). Returns 0 or a libuv error.
 */
int pool_send(struct pool_worker *w, const json_t *job, uint64_t kill_after_ms);

/*
 * Closes the worker's socket: it exits once its jobs are done. A busy
 * worker takes no new job and is retired when its last one is answered.
 */
void pool_retire(struct pool_worker *w);

void pool_kill(struct pool_worker *w);

#endif
