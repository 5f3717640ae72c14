/* Start-up recovery: a crash costs at most a redo, never a second output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "sha256.h"
#include "spool_fixture.h"

struct redo {
	int count;
	char names[8][64];
};

static int
collect(const char *name, void *arg)
{
	struct redo *r = arg;

	snprintf(r->names[r->count++], sizeof(r->names[0]), "%s", name);
	return 0;
}

static void
open_spool(struct fixture *f)
{
	char err[256];

	assert_int_equal(spool_open(&f->spool, &f->cfg, err, sizeof(err)), 0);
}

static void
output_for(struct fixture *f, const char *out, const char *file,
    const char *content)
{
	char hex[65], json[256];

	sha256_hex(content, strlen(content), hex);
	snprintf(json, sizeof(json), "{\"source\": {\"file\": \"%s\", "
	    "\"sha256\": \"%s\"}}", file, hex);
	put_file(f, SPOOL_OUTBOX, out, json);
}

static void
test_interrupted_articles_are_redone(void **unused)
{
	struct fixture f;
	struct redo r = { 0 };
	char err[256];

	(void)unused;
	fixture_config(&f, 1);
	open_spool(&f);
	put_file(&f, SPOOL_WORK, "a.txt", "A");
	put_file(&f, SPOOL_OUTBOX, ".lector-12.tmp", "{");
	put_file(&f, SPOOL_OUTBOX, ".consumer-file", "theirs");
	assert_int_equal(spool_recover(&f.spool, collect, &r, err, sizeof(err)), 1);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.names[0], "a.txt");
	assert_true(has_file(&f, SPOOL_WORK, "a.txt"));	/* stays claimed */
	assert_false(has_file(&f, SPOOL_OUTBOX, ".lector-12.tmp"));
	assert_true(has_file(&f, SPOOL_OUTBOX, ".consumer-file"));
	spool_close(&f.spool);
	fixture_remove(&f);
}

static void
test_published_output_is_recognised_by_name_and_content(void **unused)
{
	struct fixture f;
	struct redo r = { 0 };
	char err[256];

	(void)unused;
	fixture_config(&f, 1);
	open_spool(&f);
	/* Published before the crash, under a numbered name. */
	put_file(&f, SPOOL_WORK, "story.txt", "second version");
	output_for(&f, "story.json", "story.txt", "first version");
	output_for(&f, "story.1.json", "story.txt", "second version");
	/* Same name, other content: not this article's output. */
	put_file(&f, SPOOL_WORK, "other.txt", "new words");
	output_for(&f, "other.json", "other.txt", "old words");
	/* Same content, other name: not this article's output either. */
	put_file(&f, SPOOL_WORK, "copy.txt", "same");
	output_for(&f, "copy.json", "original.txt", "same");
	assert_int_equal(spool_recover(&f.spool, collect, &r, err, sizeof(err)), 2);
	assert_false(has_file(&f, SPOOL_WORK, "story.txt"));
	assert_true(has_file(&f, SPOOL_DONE, "story.txt"));
	assert_true(has_file(&f, SPOOL_WORK, "other.txt"));
	assert_true(has_file(&f, SPOOL_WORK, "copy.txt"));
	assert_int_equal(count_files(&f, SPOOL_OUTBOX), 4);
	spool_close(&f.spool);
	fixture_remove(&f);
}

static void
test_report_without_its_article_gets_it(void **unused)
{
	struct fixture f;
	struct redo r = { 0 };
	char err[256], hex[65], json[256];

	(void)unused;
	fixture_config(&f, 1);
	open_spool(&f);
	put_file(&f, SPOOL_WORK, "bad.txt", "bad bytes");
	sha256_hex("bad bytes", 9, hex);
	snprintf(json, sizeof(json), "{\"file\": \"bad.txt\", \"sha256\": \"%s\", "
	    "\"reason\": \"r\", \"plugin\": \"p\", \"attempts\": 2}", hex);
	put_file(&f, SPOOL_FAILED, "bad.txt", "an older failure");
	put_file(&f, SPOOL_FAILED, "bad.txt.error.json", "{}");
	put_file(&f, SPOOL_FAILED, "bad.1.txt.error.json", json);
	assert_int_equal(spool_recover(&f.spool, collect, &r, err, sizeof(err)), 0);
	assert_true(has_file(&f, SPOOL_FAILED, "bad.1.txt"));
	assert_false(has_file(&f, SPOOL_WORK, "bad.txt"));
	spool_close(&f.spool);
	fixture_remove(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interrupted_articles_are_redone),
		cmocka_unit_test(test_published_output_is_recognised_by_name_and_content),
		cmocka_unit_test(test_report_without_its_article_gets_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
