/* The text and json readers, each encoding, and each refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "pipeline.h"

static struct pipeline *pl;
static struct config cfg;

static int
setup(void **unused)
{
	static char *dirs[] = { PLUGIN_DIR, NULL };
	static const char *only[] = { "stats", NULL };
	char err[1024];

	(void)unused;
	if (config_load(&cfg, NULL, NULL, err, sizeof(err)) < 0)
		return -1;
	for (size_t i = 0; cfg.plugin_dirs[i]; i++)
		free(cfg.plugin_dirs[i]);
	free(cfg.plugin_dirs);
	cfg.plugin_dirs = calloc(2, sizeof(char *));
	cfg.plugin_dirs[0] = strdup(dirs[0]);
	if ((pl = pipeline_open(&cfg, only, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **unused)
{
	(void)unused;
	pipeline_close(pl);
	config_free(&cfg);
	return 0;
}

static json_t *
run(const char *name, const char *bytes, size_t len)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	if (pipeline_run(pl, name, NULL, bytes, len, 0, &out, &why) < 0)
		fail_msg("%s refused: %s: %s", name, why.plugin, why.reason);
	return out;
}

static void
refused(const char *name, const char *bytes, size_t len, const char *plugin,
    const char *reason)
{
	struct pipeline_failure why;
	json_t *out = NULL;

	assert_int_equal(pipeline_run(pl, name, NULL, bytes, len, 0, &out, &why), -1);
	assert_null(out);
	assert_string_equal(why.plugin, plugin);
	if (strstr(why.reason, reason) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", name, why.reason, reason);
}

static const char *
field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void
test_text_title_byline_date(void **unused)
{
	const char *a = "Trump and Kim meet in Hanoi\nBen McGrath 1 March 2019\n\n"
	    "The summit began.\n";
	const char *b = "A headline\n\nBy Jane Doe, March 1, 2019\n\nBody text.\n";
	json_t *out;

	(void)unused;
	out = run("a.txt", a, strlen(a));
	assert_string_equal(field(out, "title"), "Trump and Kim meet in Hanoi");
	assert_string_equal(field(out, "byline"), "Ben McGrath");
	assert_string_equal(field(out, "published"), "2019-03-01");
	assert_string_equal(field(out, "text"), "The summit began.\n");
	json_decref(out);

	out = run("b.txt", b, strlen(b));
	assert_string_equal(field(out, "title"), "A headline");
	assert_string_equal(field(out, "byline"), "Jane Doe");
	assert_string_equal(field(out, "published"), "2019-03-01");
	assert_string_equal(field(out, "text"), "Body text.\n");
	json_decref(out);
}

static void
test_text_without_title(void **unused)
{
	const char *a = "This opens with a sentence.\nAnd goes on.\n";
	const char *b = "Just one line without a stop";
	json_t *out;

	(void)unused;
	out = run("a.txt", a, strlen(a));
	assert_null(json_object_get(out, "title"));
	assert_string_equal(field(out, "text"), a);
	json_decref(out);
	out = run("b", b, strlen(b));	/* no extension: plain text */
	assert_null(json_object_get(out, "title"));
	assert_string_equal(field(out, "text"), b);
	json_decref(out);
}

static void
test_encodings(void **unused)
{
	const char crlf[] = "\xef\xbb\xbfOne.\r\nTwo.\rThree.";
	const char utf16[] = "\xff\xfeO\x00k\x00.\x00";
	const char cp1252[] = "Caf\xe9 cr\xe8me.";
	json_t *out;

	(void)unused;
	out = run("crlf.txt", crlf, sizeof(crlf) - 1);
	assert_string_equal(field(out, "text"), "One.\nTwo.\nThree.");
	assert_string_equal(field(json_object_get(out, "source"), "encoding"),
	    "UTF-8 with BOM");
	json_decref(out);
	out = run("w.txt", utf16, sizeof(utf16) - 1);
	assert_string_equal(field(out, "text"), "Ok.");
	assert_string_equal(field(json_object_get(out, "source"), "encoding"),
	    "UTF-16LE");
	json_decref(out);
	out = run("l.txt", cp1252, sizeof(cp1252) - 1);
	assert_string_equal(field(out, "text"), "Caf\xc3\xa9 cr\xc3\xa8me.");
	assert_string_equal(field(json_object_get(out, "source"), "encoding"),
	    "Windows-1252");
	json_decref(out);
}

static void
test_text_refusals(void **unused)
{
	(void)unused;
	refused("e.txt", "", 0, "text", "empty article");
	refused("s.txt", " \n\t\n", 4, "text", "empty article");
	refused("b.txt", "ab\0cd", 5, "lectord", "binary file (NUL byte at offset 2)");
	refused("x.pdf", "%PDF", 4, "lectord", "no reader takes .pdf files");
	refused("g.txt", "\x01\xff", 2, "lectord", "not UTF-8 text");
}

static void
test_json_fields(void **unused)
{
	const char *a = "{\"text\": \"Body.\", \"title\": \"T\", \"id\": 42,"
	    " \"published\": \"2019-03-01T10:00:00Z\", \"url\": \"https://e.org/a\","
	    " \"feed\": \"wire\", \"tags\": [\"a\"]}";
	json_t *out, *meta;

	(void)unused;
	out = run("a.json", a, strlen(a));
	assert_string_equal(field(out, "id"), "42");
	assert_string_equal(field(out, "title"), "T");
	assert_string_equal(field(out, "published"), "2019-03-01");
	assert_string_equal(field(out, "url"), "https://e.org/a");
	assert_string_equal(field(out, "text"), "Body.");
	meta = json_object_get(json_object_get(out, "source"), "meta");
	assert_string_equal(field(meta, "feed"), "wire");
	assert_true(json_is_array(json_object_get(meta, "tags")));
	json_decref(out);
}

/* A JSON article the json reader refuses, with part of the reason. */
static void
json_refused(const char *article, const char *reason)
{
	refused("a.json", article, strlen(article), "json", reason);
}

static void
test_json_refusals(void **unused)
{
	(void)unused;
	json_refused("[1]", "must be an object with a string \"text\"");
	json_refused("{\"text\": 3}", "string \"text\"");
	json_refused("{\"text\": ", "not valid JSON (line 1");
	json_refused("{\"text\": \"x\", \"title\": 1}",
	    "\"title\" must be a string");
	json_refused("{\"text\": \"  \"}", "empty article");
	json_refused("{\"text\": \"x\", \"published\": \"soon\"}",
	    "\"published\": not a date");
}

/*
 * pipeline_run_owned takes the bytes and frees them (ASan's leak check
 * and double-free detection watch that here), whatever the outcome, and
 * writes what pipeline_run writes.
 */
static void
test_owned_bytes_give_the_same_output(void **unused)
{
	const char *a = "Trump and Kim meet in Hanoi\nBen McGrath 1 March 2019\n\n"
	    "The summit began. \"It ended early,\" he said.\n";
	struct pipeline_failure why;
	json_t *borrowed = run("a.txt", a, strlen(a)), *owned = NULL;
	char *copy = strdup(a);

	(void)unused;
	assert_non_null(copy);
	assert_int_equal(pipeline_run_owned(pl, "a.txt", NULL, copy, strlen(a),
	    0, &owned, &why), 0);
	/* Only the times the plugins took may differ. */
	json_object_del(borrowed, "pipeline");
	json_object_del(owned, "pipeline");
	assert_true(json_equal(borrowed, owned));
	json_decref(borrowed);
	json_decref(owned);
}

static void
test_owned_bytes_of_a_refused_article_are_freed(void **unused)
{
	struct pipeline_failure why;
	json_t *out = NULL;
	char *blank = strdup("  \n\n "), *odd = strdup("text");

	(void)unused;
	assert_non_null(blank);
	assert_non_null(odd);
	/* Refused by the reader, then before any reader is chosen. */
	assert_int_equal(pipeline_run_owned(pl, "blank.txt", NULL, blank, 5, 0,
	    &out, &why), -1);
	assert_null(out);
	assert_non_null(strstr(why.reason, "empty article"));
	assert_int_equal(pipeline_run_owned(pl, "x.nosuchformat", NULL, odd, 4,
	    0, &out, &why), -1);
	assert_null(out);
	assert_non_null(strstr(why.reason, "no reader takes .nosuchformat"));
}

/* Bytes of address space this process maps now. */
static unsigned long long
mapped_bytes(void)
{
	unsigned long long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f != NULL) {
		if (fscanf(f, "%llu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return pages * (unsigned long long)sysconf(_SC_PAGESIZE);
}

/*
 * With no memory for its tokens an article fails: a plugin would see no
 * tokens and report an empty text (0 words). 8 MB of one-letter words
 * need 96 MB of tokens; the child may map 40 MB more than it holds, room
 * for the text's copies but not for the tokens.
 */
static void
test_no_memory_for_tokens_fails_the_article(void **unused)
{
	size_t len = 8u << 20;
	int status;
	pid_t pid;

	(void)unused;
#if defined(__SANITIZE_ADDRESS__)
	skip();		/* ASan's allocator aborts where malloc returns NULL */
#endif
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct pipeline_failure why;
		struct rlimit rl;
		json_t *out = NULL;
		char *text = malloc(len);

		if (text == NULL)
			_exit(2);
		for (size_t i = 0; i < len; i++)
			text[i] = i % 2 ? ' ' : 'a';
		rl.rlim_cur = rl.rlim_max = mapped_bytes() + (40u << 20);
		if (setrlimit(RLIMIT_AS, &rl) < 0)
			_exit(3);
		if (pipeline_run(pl, "big.txt", NULL, text, len, 0, &out,
		    &why) != -1 || out != NULL)
			_exit(4);
		if (strcmp(why.plugin, "lectord") != 0 ||
		    strstr(why.reason, "out of memory splitting") == NULL ||
		    strstr(why.reason, "for stats") == NULL) {
			fprintf(stderr, "%s: %s\n", why.plugin, why.reason);
			_exit(5);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_title_byline_date),
		cmocka_unit_test(test_text_without_title),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_text_refusals),
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_json_refusals),
		cmocka_unit_test(test_owned_bytes_give_the_same_output),
		cmocka_unit_test(test_owned_bytes_of_a_refused_article_are_freed),
		cmocka_unit_test(test_no_memory_for_tokens_fails_the_article),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
