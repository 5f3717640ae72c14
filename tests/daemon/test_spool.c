/* The spool: folders, the names things get, and the moves between them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "spool_fixture.h"

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	fixture_config(f, 1);
	if (spool_open(&f->spool, &f->cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	spool_close(&f->spool);
	fixture_remove(f);
	free(f);
	return 0;
}

static void
test_partial_and_hidden_names_are_ignored(void **unused)
{
	(void)unused;
	assert_true(spool_ignored(".story.txt"));
	assert_true(spool_ignored("story.txt.tmp"));
	assert_true(spool_ignored("story.txt.part"));
	assert_true(spool_ignored("story.txt.crdownload"));
	assert_true(spool_ignored("story.txt.swp"));
	assert_true(spool_ignored("story.txt~"));
	assert_true(spool_ignored(""));
	assert_false(spool_ignored("story.txt"));
	assert_false(spool_ignored("story"));
	assert_false(spool_ignored("tmp.txt"));
}

static void
test_open_creates_folders_and_locks_the_spool(void **state)
{
	struct fixture *f = *state;
	struct spool second;
	char err[256];

	for (int d = 0; d < SPOOL_NDIRS; d++)
		assert_true(f->spool.path[d][0] == '/');
	assert_int_equal(spool_open(&second, &f->cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "in use by another lectord"));
}

static void
test_open_refuses_one_folder_twice(void **unused)
{
	struct fixture f;
	struct spool s;
	char err[256];

	(void)unused;
	fixture_config(&f, 1);
	f.cfg.done = f.cfg.outbox;
	assert_int_equal(spool_open(&s, &f.cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "are the same folder"));
	fixture_remove(&f);
}

static void
test_open_refuses_two_filesystems(void **unused)
{
	struct fixture f;
	struct spool s;
	char err[256];
	struct stat a, b;

	(void)unused;
	if (stat("/dev/shm", &a) < 0 || stat("/tmp", &b) < 0 ||
	    a.st_dev == b.st_dev || access("/dev/shm", W_OK) < 0)
		skip();	/* this machine has no second filesystem to try */
	fixture_config(&f, 1);
	f.cfg.done = "/dev/shm/lector-spool-test-done";
	assert_int_equal(spool_open(&s, &f.cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "different filesystems"));
	rmdir(f.cfg.done);
	fixture_remove(&f);
}

static void
test_open_refuses_a_read_only_folder(void **unused)
{
	struct fixture f;
	struct spool s;
	char err[256];

	(void)unused;
	fixture_config(&f, 1);
	f.cfg.failed = "/proc/lector-failed";
	assert_int_equal(spool_open(&s, &f.cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "failed folder /proc/lector-failed"));
	fixture_remove(&f);
}

/* Writes an output as a worker would: a temporary file in outbox/. */
static void
fake_output(struct fixture *f, uint64_t id, char *tmp, size_t len)
{
	spool_tmp_name(id, tmp, len);
	put_file(f, SPOOL_OUTBOX, tmp, "{}\n");
}

static void
test_claim_publish_finish(void **state)
{
	struct fixture *f = *state;
	char tmp[64], out[256];

	put_file(f, SPOOL_INBOX, "story.txt", "A story.");
	assert_int_equal(spool_claim(&f->spool, "story.txt"), 0);
	assert_false(has_file(f, SPOOL_INBOX, "story.txt"));
	assert_true(has_file(f, SPOOL_WORK, "story.txt"));
	assert_int_equal(spool_claim(&f->spool, "story.txt"), -ENOENT);

	fake_output(f, 1, tmp, sizeof(tmp));
	assert_int_equal(spool_publish(&f->spool, tmp, "story.txt", out,
	    sizeof(out)), 0);
	assert_string_equal(out, "story.json");
	assert_int_equal(spool_finish(&f->spool, "story.txt"), 0);
	assert_true(has_file(f, SPOOL_DONE, "story.txt"));
	assert_false(has_file(f, SPOOL_WORK, "story.txt"));
}

static void
test_names_taken_get_numbers_never_overwrites(void **state)
{
	struct fixture *f = *state;
	char tmp[64], out[256];
	const char *expect[] = { "story.json", "story.1.json", "story.2.json" };
	const char *done[] = { "story.txt", "story.1.txt", "story.2.txt" };

	for (int i = 0; i < 3; i++) {
		put_file(f, SPOOL_INBOX, "story.txt", "Again.");
		assert_int_equal(spool_claim(&f->spool, "story.txt"), 0);
		fake_output(f, (uint64_t)i + 10, tmp, sizeof(tmp));
		assert_int_equal(spool_publish(&f->spool, tmp, "story.txt", out,
		    sizeof(out)), 0);
		assert_string_equal(out, expect[i]);
		assert_int_equal(spool_finish(&f->spool, "story.txt"), 0);
		assert_true(has_file(f, SPOOL_DONE, done[i]));
	}
	/* Another extension, same stem: outputs never collide either. */
	put_file(f, SPOOL_INBOX, "story.md", "Markdown.");
	assert_int_equal(spool_claim(&f->spool, "story.md"), 0);
	fake_output(f, 20, tmp, sizeof(tmp));
	assert_int_equal(spool_publish(&f->spool, tmp, "story.md", out,
	    sizeof(out)), 0);
	assert_string_equal(out, "story.3.json");
	/* A name without extension. */
	put_file(f, SPOOL_INBOX, "README", "Plain.");
	assert_int_equal(spool_claim(&f->spool, "README"), 0);
	fake_output(f, 21, tmp, sizeof(tmp));
	assert_int_equal(spool_publish(&f->spool, tmp, "README", out,
	    sizeof(out)), 0);
	assert_string_equal(out, "README.json");
}

/*
 * Two rounds in flight: the second synced while the first still waits for
 * its renames. Nothing is visible before its batch is placed, and an
 * output whose flush failed stays hidden.
 */
static void
test_synced_batches_appear_only_when_placed(void **state)
{
	struct fixture *f = *state;
	char tmp[3][64];
	struct spool_publication first[2] = {
		{ .tmp = tmp[0], .name = "a.txt" }, { .tmp = tmp[1], .name = "b.txt" }
	};
	struct spool_publication second = { .tmp = tmp[2], .name = "a.txt" };

	for (int i = 0; i < 3; i++)
		fake_output(f, (uint64_t)i + 30, tmp[i], sizeof(tmp[i]));
	assert_int_equal(spool_sync_batch(&f->spool, first, 2), 0);
	assert_int_equal(spool_sync_batch(&f->spool, &second, 1), 0);
	assert_int_equal(first[0].rc, 0);
	assert_int_equal(second.rc, 0);
	assert_false(has_file(f, SPOOL_OUTBOX, "a.json"));
	assert_false(has_file(f, SPOOL_OUTBOX, "b.json"));

	first[1].rc = -EIO;	/* as when its fsync failed */
	assert_int_equal(spool_place_batch(&f->spool, first, 2), 0);
	assert_string_equal(first[0].out, "a.json");
	assert_true(has_file(f, SPOOL_OUTBOX, "a.json"));
	assert_false(has_file(f, SPOOL_OUTBOX, "b.json"));
	assert_true(has_file(f, SPOOL_OUTBOX, tmp[1]));
	assert_false(has_file(f, SPOOL_OUTBOX, "a.1.json"));

	assert_int_equal(spool_place_batch(&f->spool, &second, 1), 0);
	assert_int_equal(second.rc, 0);
	assert_string_equal(second.out, "a.1.json");
	assert_false(has_file(f, SPOOL_OUTBOX, tmp[2]));
}

static void
test_claim_never_replaces_work(void **state)
{
	struct fixture *f = *state;

	put_file(f, SPOOL_WORK, "busy.txt", "in flight");
	put_file(f, SPOOL_INBOX, "busy.txt", "newer");
	assert_int_equal(spool_claim(&f->spool, "busy.txt"), -EEXIST);
	assert_true(has_file(f, SPOOL_INBOX, "busy.txt"));
}

static json_t *
load(struct fixture *f, enum spool_dir d, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", f->dirs[d], name);
	return json_load_file(path, 0, NULL);
}

static void
test_failure_moves_article_beside_its_report(void **state)
{
	struct fixture *f = *state;
	struct spool_failure why = { "crashy", "plugin crashy: killed by SIGSEGV", 2 };
	char err[256];

	for (int i = 0; i < 2; i++) {
		put_file(f, SPOOL_WORK, "bad.txt", "SEGFAULT");
		assert_int_equal(spool_fail(&f->spool, SPOOL_WORK, "bad.txt", &why,
		    err, sizeof(err)), 0);
	}
	assert_true(has_file(f, SPOOL_FAILED, "bad.txt"));
	assert_true(has_file(f, SPOOL_FAILED, "bad.1.txt"));
	assert_false(has_file(f, SPOOL_WORK, "bad.txt"));
	json_t *r = load(f, SPOOL_FAILED, "bad.1.txt.error.json");
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "file")), "bad.txt");
	assert_string_equal(json_string_value(json_object_get(r, "plugin")), "crashy");
	assert_string_equal(json_string_value(json_object_get(r, "reason")),
	    "plugin crashy: killed by SIGSEGV");
	assert_int_equal(json_integer_value(json_object_get(r, "attempts")), 2);
	assert_int_equal(strlen(json_string_value(json_object_get(r, "time"))), 20);
	assert_int_equal(strlen(json_string_value(json_object_get(r, "sha256"))), 64);
	json_decref(r);
	assert_int_equal(count_files(f, SPOOL_FAILED), 4);
}

static void
test_finish_without_done_deletes(void **unused)
{
	struct fixture f;
	char err[256];

	(void)unused;
	fixture_config(&f, 0);
	assert_int_equal(spool_open(&f.spool, &f.cfg, err, sizeof(err)), 0);
	put_file(&f, SPOOL_WORK, "gone.txt", "x");
	assert_int_equal(spool_finish(&f.spool, "gone.txt"), 0);
	assert_false(has_file(&f, SPOOL_WORK, "gone.txt"));
	assert_int_equal(count_files(&f, SPOOL_DONE), 0);
	spool_close(&f.spool);
	fixture_remove(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partial_and_hidden_names_are_ignored),
		cmocka_unit_test_setup_teardown(
		    test_open_creates_folders_and_locks_the_spool, setup, teardown),
		cmocka_unit_test(test_open_refuses_one_folder_twice),
		cmocka_unit_test(test_open_refuses_two_filesystems),
		cmocka_unit_test(test_open_refuses_a_read_only_folder),
		cmocka_unit_test_setup_teardown(test_claim_publish_finish, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_names_taken_get_numbers_never_overwrites, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_synced_batches_appear_only_when_placed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claim_never_replaces_work,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_failure_moves_article_beside_its_report, setup, teardown),
		cmocka_unit_test(test_finish_without_done_deletes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
