/* The script detector: one code point, and the script that decides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../script.h"

static enum script
dominant(const char *text)
{
	script_counts c;

	script_count_text(&c, text, strlen(text));
	return script_dominant(&c);
}

static void
code_points_have_their_script(void **unused)
{
	(void)unused;
	assert_int_equal(script_of('a'), SCRIPT_LATN);
	assert_int_equal(script_of(0xe9), SCRIPT_LATN);		/* é */
	assert_int_equal(script_of(0x436), SCRIPT_CYRL);	/* ж */
	assert_int_equal(script_of(0x3b1), SCRIPT_GREK);	/* α */
	assert_int_equal(script_of(0x5d0), SCRIPT_HEBR);	/* א */
	assert_int_equal(script_of(0x628), SCRIPT_ARAB);	/* ب */
	assert_int_equal(script_of(0x915), SCRIPT_DEVA);	/* क */
	assert_int_equal(script_of(0xe01), SCRIPT_THAI);	/* ก */
	assert_int_equal(script_of(0x10d0), SCRIPT_GEOR);	/* ა */
	assert_int_equal(script_of(0xd55c), SCRIPT_HANG);	/* 한 */
	assert_int_equal(script_of(0x3042), SCRIPT_HIRA);	/* あ */
	assert_int_equal(script_of(0x30a2), SCRIPT_KANA);	/* ア */
	assert_int_equal(script_of(0x4e2d), SCRIPT_HANI);	/* 中 */
	assert_int_equal(script_of(0x1200), SCRIPT_ETHI);	/* ሀ */
	assert_int_equal(script_of(0x301), SCRIPT_INHERITED);	/* combining acute */
	assert_int_equal(script_of(0x1e900), SCRIPT_ADLM);	/* 𞤀 */
	assert_int_equal(script_of(0x1e944), SCRIPT_INHERITED);	/* Adlam alif lengthener */
	assert_int_equal(script_of(0x1e950), SCRIPT_NONE);	/* Adlam digit zero */
}

static void
non_letters_have_no_script(void **unused)
{
	(void)unused;
	assert_int_equal(script_of(' '), SCRIPT_NONE);
	assert_int_equal(script_of('7'), SCRIPT_NONE);
	assert_int_equal(script_of(0x966), SCRIPT_NONE);	/* Devanagari digit */
	assert_int_equal(script_of(0x3002), SCRIPT_NONE);	/* 。 */
	assert_int_equal(script_of(0x20ac), SCRIPT_NONE);	/* € */
	assert_int_equal(script_of(0x1f600), SCRIPT_NONE);	/* emoji */
	assert_int_equal(script_of(0x1a20), SCRIPT_OTHER);	/* Tai Tham: a script, not modelled */
	assert_int_equal(dominant("12, 34! -- 56?"), SCRIPT_NONE);
	assert_int_equal(dominant(""), SCRIPT_NONE);
}

static void
iso_15924_codes_round_trip(void **unused)
{
	int s;

	(void)unused;
	assert_string_equal(script_code(SCRIPT_LATN), "Latn");
	assert_string_equal(script_code(SCRIPT_JPAN), "Jpan");
	assert_string_equal(script_code(SCRIPT_NONE), "Zyyy");
	for (s = SCRIPT_LATN; s < SCRIPT_COUNT; s++)
		assert_int_equal(script_from_code(script_code((enum script)s)), s);
	assert_int_equal(script_from_code("Nope"), SCRIPT_NONE);
}

static void
han_with_kana_is_japanese_and_han_alone_is_not(void **unused)
{
	(void)unused;
	assert_int_equal(dominant("私は東京に住んでいます。"), SCRIPT_JPAN);
	assert_int_equal(dominant("我住在北京。"), SCRIPT_HANI);
	assert_int_equal(dominant("나는 서울에 살아요. 韓國"), SCRIPT_HANG);
}

static void
mixed_scripts_go_to_the_majority(void **unused)
{
	(void)unused;
	assert_int_equal(dominant("Москва is a city, Москва Москва"), SCRIPT_CYRL);
	assert_int_equal(dominant("The word Москва means Moscow in Russian"), SCRIPT_LATN);
	assert_int_equal(dominant("Ελληνικά and English"), SCRIPT_LATN);
}

static void
cjk_letters_outweigh_latin_brand_names(void **unused)
{
	(void)unused;
	/* 9 Han against 15 Latin letters: Han weighs 27. */
	assert_int_equal(dominant("我们公司用 Microsoft Office 办公"),
	    SCRIPT_HANI);
	assert_int_equal(dominant("新しい iPhone を買いました"), SCRIPT_JPAN);
	assert_int_equal(dominant("삼성 Galaxy 휴대폰을 샀어요"),
	    SCRIPT_HANG);
	/* Still a majority: an English line naming one city in Han is English. */
	assert_int_equal(dominant("We flew from London to 北京 last spring"),
	    SCRIPT_LATN);
	/* Three to one exactly is not enough: more than three times is. */
	assert_int_equal(dominant("abcdef 中文"), SCRIPT_LATN);
	assert_int_equal(dominant("abcde 中文"), SCRIPT_HANI);
}

static void
capitalised_latin_names_weigh_less_against_cjk(void **unused)
{
	(void)unused;
	/* 4 Han against 21 Latin letters, all of them in names. */
	assert_int_equal(dominant("我在 Apple Store 买了 iPhone 15 Pro Max。"),
	    SCRIPT_HANI);
	assert_int_equal(dominant("Google Chrome と Mozilla Firefox を使っています"),
	    SCRIPT_JPAN);
	assert_int_equal(dominant("我用 Visual Studio Code 写 Python"),
	    SCRIPT_HANI);
	/* The same letters in lowercase words are a sentence's: Latin. */
	assert_int_equal(dominant("我在 apple store 买了 iphone pro max"),
	    SCRIPT_LATN);
	/* An English sentence naming a Chinese place stays English. */
	assert_int_equal(dominant("I visited 北京大学 last year with my friends"),
	    SCRIPT_LATN);
	/* Names weigh less against CJK only, not against another alphabet. */
	assert_int_equal(dominant("Москва London Paris"), SCRIPT_LATN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(code_points_have_their_script),
		cmocka_unit_test(non_letters_have_no_script),
		cmocka_unit_test(iso_15924_codes_round_trip),
		cmocka_unit_test(han_with_kana_is_japanese_and_han_alone_is_not),
		cmocka_unit_test(mixed_scripts_go_to_the_majority),
		cmocka_unit_test(cjk_letters_outweigh_latin_brand_names),
		cmocka_unit_test(capitalised_latin_names_weigh_less_against_cjk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
