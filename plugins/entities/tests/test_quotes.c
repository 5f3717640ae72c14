/* Quotation marks at a name's edge come in pairs (quotes.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../quotes.h"

/* The mention of `surface` in text, after balancing, as a string. */
static int wrap;

static const char *
balanced(const char *text, const char *surface)
{
	static char buf[256];
	const char *at = strstr(text, surface);
	struct mention m = { 0 };
	struct mentions ms = { &m, 1, 1 };

	assert_non_null(at);
	m.byte_start = (uint32_t)(at - text);
	m.byte_end = m.byte_start + (uint32_t)strlen(surface);
	m.start = m.byte_start;		/* ASCII before the name */
	m.end = m.start + (uint32_t)strlen(surface);
	balance_quotes(text, strlen(text), &ms, wrap);
	if (ms.n == 0)
		return "";
	memcpy(buf, text + m.byte_start, m.byte_end - m.byte_start);
	buf[m.byte_end - m.byte_start] = '\0';
	return buf;
}

static void
closing_mark_is_taken_in(void **state)
{
	(void)state;
	assert_string_equal(balanced("del \" El Torreón \" , fueron",
	    "\" El Torreón"), "\" El Torreón \"");
	assert_string_equal(balanced("el «Quijote» de", "«Quijote"),
	    "«Quijote»");
	assert_string_equal(balanced("die „Zeit“ schreibt", "„Zeit"),
	    "„Zeit“");
}

static void
opening_mark_is_taken_in(void **state)
{
	(void)state;
	assert_string_equal(balanced("the \"Guardian\" said", "Guardian\""),
	    "\"Guardian\"");
	assert_string_equal(balanced("avisen »Politiken« skrev",
	    "Politiken«"), "»Politiken«");
}

static void
stray_mark_is_left_out(void **state)
{
	(void)state;
	assert_string_equal(balanced("\"Very Good Films, he said", "\"Very"),
	    "Very");
	assert_string_equal(balanced("it was Acme\" Ltd", "Acme\""), "Acme");
	assert_string_equal(balanced("x \" y", "\""), "");
}

static void
code_points_follow_the_bytes(void **state)
{
	const char *text = "un \" Desayuno \" más";
	struct mention m = { 3, 13, 3, 13, 0, NULL };
	struct mentions ms = { &m, 1, 1 };

	(void)state;
	balance_quotes(text, strlen(text), &ms, 0);
	assert_int_equal(ms.n, 1);
	assert_int_equal(m.byte_end, 15);
	assert_int_equal(m.end, 15);
	m = (struct mention){ 3, 13, 3, 13, 0, NULL };
	ms.n = 1;
	balance_quotes("un \" Desayuno , más", 19, &ms, 0);
	assert_int_equal(m.byte_start, 5);
	assert_int_equal(m.start, 5);
}

static void
pairs_and_plain_names_stay(void **state)
{
	(void)state;
	assert_string_equal(balanced("a \"New Deal\" b", "\"New Deal\""),
	    "\"New Deal\"");
	assert_string_equal(balanced("in 's-Hertogenbosch today",
	    "'s-Hertogenbosch"), "'s-Hertogenbosch");
	assert_string_equal(balanced("Paris \"is\" nice", "Paris"), "Paris");
}

static void
a_pair_around_a_name_is_taken_where_asked(void **state)
{
	(void)state;
	wrap = 0;
	assert_string_equal(balanced("del \" El Torreón \" , y", "El Torreón"),
	    "El Torreón");
	wrap = 1;
	assert_string_equal(balanced("del \" El Torreón \" , y", "El Torreón"),
	    "\" El Torreón \"");
	assert_string_equal(balanced("el «Quijote» de", "Quijote"),
	    "«Quijote»");
	assert_string_equal(balanced("un \"gran\" Madrid", "Madrid"),
	    "Madrid");
	assert_string_equal(balanced("\"Real Madrid\" y", "Madrid"),
	    "Madrid");
	wrap = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closing_mark_is_taken_in),
		cmocka_unit_test(opening_mark_is_taken_in),
		cmocka_unit_test(stray_mark_is_left_out),
		cmocka_unit_test(code_points_follow_the_bytes),
		cmocka_unit_test(pairs_and_plain_names_stay),
		cmocka_unit_test(a_pair_around_a_name_is_taken_where_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
