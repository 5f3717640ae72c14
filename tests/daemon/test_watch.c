/* Noticing files: events, scans, settling, skipped names, poll mode. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <uv.h>

#include "watch.h"

static uint64_t
realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct t {
	uv_loop_t loop;
	char inbox[64];
	struct watch *w;
	int offered;
	char names[16][64];
	uint64_t first_offer_ms;	/* wall clock of the first offer */
	int refuse;		/* refuse this many offers, as a full master */
	uv_timer_t timer;
	void (*at)(struct t *);	/* run once by the timer */
};

static int
ready(const char *name, void *arg)
{
	struct t *t = arg;

	if (t->refuse > 0) {
		t->refuse--;
		return -1;
	}
	for (int i = 0; i < t->offered && i < 16; i++)
		if (strcmp(t->names[i], name) == 0)
			return 0;	/* already taken, as the master answers */
	if (t->offered == 0)
		t->first_offer_ms = realtime_ms();
	snprintf(t->names[t->offered++ % 16], sizeof(t->names[0]), "%s", name);
	return 0;
}

/* The wall-clock time a file was last written, as the watcher reads it. */
static uint64_t
mtime_ms(struct t *t, const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", t->inbox, name);
	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_mtim.tv_sec * 1000 +
	    (uint64_t)st.st_mtim.tv_nsec / 1000000;
}

static void
make_file(struct t *t, const char *name, const char *content, int age)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->inbox, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	if (age > 0) {
		struct timespec ts[2];
		clock_gettime(CLOCK_REALTIME, &ts[0]);
		ts[0].tv_sec -= age;
		ts[1] = ts[0];
		assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	}
}

static void
start(struct t *t, int poll, double settle, double rescan)
{
	struct watch_options o = { t->inbox, poll, settle, rescan };
	char err[256];

	assert_int_equal(watch_start(&t->w, &t->loop, &o, ready, t, err,
	    sizeof(err)), 0);
}

static void
on_timer(uv_timer_t *h)
{
	struct t *t = h->data;

	if (t->at != NULL)
		t->at(t);
	t->at = NULL;
}

/* Runs the loop for ms milliseconds of wall time. */
static void
run_for(struct t *t, uint64_t ms)
{
	uint64_t end = uv_now(&t->loop) + ms;

	while (uv_now(&t->loop) < end) {
		uv_run(&t->loop, UV_RUN_NOWAIT);
		usleep(5000);
		uv_update_time(&t->loop);
	}
}

/*
 * Runs the loop until n names were offered, failing after timeout_ms: the
 * time a busy machine takes is no reason to fail, only a name never offered.
 */
static void
run_until_offered(struct t *t, int n, uint64_t timeout_ms)
{
	uint64_t end = uv_now(&t->loop) + timeout_ms;

	while (t->offered < n && uv_now(&t->loop) < end) {
		uv_run(&t->loop, UV_RUN_NOWAIT);
		usleep(5000);
		uv_update_time(&t->loop);
	}
	assert_int_equal(t->offered, n);
}

static int
setup(void **state)
{
	struct t *t = calloc(1, sizeof(*t));

	snprintf(t->inbox, sizeof(t->inbox), "/tmp/lector-watch-XXXXXX");
	if (mkdtemp(t->inbox) == NULL)
		return -1;
	uv_loop_init(&t->loop);
	uv_timer_init(&t->loop, &t->timer);
	t->timer.data = t;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct t *t = *state;
	char cmd[128];

	watch_close(t->w);
	uv_close((uv_handle_t *)&t->timer, NULL);
	uv_run(&t->loop, UV_RUN_DEFAULT);
	assert_int_equal(uv_loop_close(&t->loop), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", t->inbox);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static void
write_new(struct t *t)
{
	make_file(t, "new.txt", "fresh", 0);
}

static void
test_closed_after_writing_is_offered_at_once(void **state)
{
	struct t *t = *state;

	start(t, 0, 30, 3600);	/* only an event can offer it in time */
	t->at = write_new;
	uv_timer_start(&t->timer, on_timer, 20, 0);
	run_until_offered(t, 1, 10000);	/* well within the settle time */
	assert_string_equal(t->names[0], "new.txt");
}

static void
test_files_waiting_at_start_are_offered_by_the_first_scan(void **state)
{
	struct t *t = *state;

	make_file(t, "old.txt", "rested", 60);
	start(t, 0, 1, 3600);
	assert_int_equal(t->offered, 1);	/* before the loop even runs */
	assert_string_equal(t->names[0], "old.txt");
}

static void
test_skipped_names_and_folders_are_never_offered(void **state)
{
	struct t *t = *state;
	char dir[128];

	make_file(t, ".hidden", "x", 60);
	make_file(t, "x.tmp", "x", 60);
	make_file(t, "x.part", "x", 60);
	make_file(t, "x~", "x", 60);
	snprintf(dir, sizeof(dir), "%s/folder", t->inbox);
	assert_int_equal(mkdir(dir, 0755), 0);
	start(t, 0, 0.05, 0.05);
	run_for(t, 300);
	assert_int_equal(t->offered, 0);
}

static void
test_scanned_file_waits_until_it_settles(void **state)
{
	struct t *t = *state;

	make_file(t, "recent.txt", "just written", 0);
	start(t, 0, 0.5, 3600);
	run_until_offered(t, 1, 10000);
	assert_string_equal(t->names[0], "recent.txt");
	/* Not before it rested half a second (a clock tick of slack). */
	assert_true(t->first_offer_ms + 10 >= mtime_ms(t, "recent.txt") + 500);
}

static void
test_poll_mode_finds_new_files(void **state)
{
	struct t *t = *state;

	start(t, 1, 0.2, 0.1);
	t->at = write_new;
	uv_timer_start(&t->timer, on_timer, 20, 0);
	run_until_offered(t, 1, 10000);
	assert_string_equal(t->names[0], "new.txt");
	/* Not before it settled (a clock tick of slack). */
	assert_true(t->first_offer_ms + 10 >= mtime_ms(t, "new.txt") + 200);
}

static void
test_file_open_for_writing_waits_for_its_close(void **state)
{
	struct t *t = *state;
	char path[128];
	int fd;

	start(t, 0, 0.05, 0.05);
	snprintf(path, sizeof(path), "%s/slow.txt", t->inbox);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "first", 5), 5);
	run_for(t, 300);	/* six settle times, many rescans */
	assert_int_equal(t->offered, 0);
	assert_int_equal(write(fd, " second", 7), 7);
	close(fd);
	run_until_offered(t, 1, 10000);
	assert_string_equal(t->names[0], "slow.txt");
}

static void
test_a_full_taker_gets_the_name_again_on_more(void **state)
{
	struct t *t = *state;

	make_file(t, "a.txt", "x", 60);
	t->refuse = 1;
	start(t, 0, 1, 3600);
	assert_int_equal(t->offered, 0);
	watch_more(t->w);
	assert_int_equal(t->offered, 1);
	assert_string_equal(t->names[0], "a.txt");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_closed_after_writing_is_offered_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_files_waiting_at_start_are_offered_by_the_first_scan,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_skipped_names_and_folders_are_never_offered, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_scanned_file_waits_until_it_settles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_poll_mode_finds_new_files,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file_open_for_writing_waits_for_its_close, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_full_taker_gets_the_name_again_on_more, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
