/*
 * Writing systems. Most scripts are used by one language or a handful, so
 * knowing the script of a text settles or narrows the question before any
 * n-gram is looked at.
 */
#ifndef LANGID_SCRIPT_H
#define LANGID_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

enum script {
	SCRIPT_NONE = 0,	/* not a letter: space, digit, punctuation, symbol */
	SCRIPT_INHERITED,	/* combining mark: belongs to the letter before */
	SCRIPT_LATN, SCRIPT_CYRL, SCRIPT_GREK, SCRIPT_ARMN, SCRIPT_HEBR,
	SCRIPT_ARAB, SCRIPT_SYRC, SCRIPT_THAA, SCRIPT_NKOO, SCRIPT_DEVA,
	SCRIPT_BENG, SCRIPT_GURU, SCRIPT_GUJR, SCRIPT_ORYA, SCRIPT_TAML,
	SCRIPT_TELU, SCRIPT_KNDA, SCRIPT_MLYM, SCRIPT_SINH, SCRIPT_THAI,
	SCRIPT_LAOO, SCRIPT_TIBT, SCRIPT_MYMR, SCRIPT_GEOR, SCRIPT_HANG,
	SCRIPT_ETHI, SCRIPT_CHER, SCRIPT_CANS, SCRIPT_OGAM, SCRIPT_RUNR,
	SCRIPT_KHMR, SCRIPT_MONG, SCRIPT_LIMB, SCRIPT_TALE, SCRIPT_GLAG,
	SCRIPT_TFNG, SCRIPT_HIRA, SCRIPT_KANA, SCRIPT_BOPO, SCRIPT_HANI,
	SCRIPT_YIII, SCRIPT_LISU, SCRIPT_VAII, SCRIPT_ADLM, SCRIPT_JPAN,
	SCRIPT_OTHER,
	SCRIPT_COUNT
};

/* The script of one code point. */
enum script script_of(uint32_t cp);

/* The ISO 15924 code of a script ("Latn"), "Zyyy" for none. */
const char *script_code(enum script s);

/* The script whose ISO 15924 code is code, SCRIPT_NONE when unknown. */
enum script script_from_code(const char *code);

/* Letters of each script in a text. */
typedef struct script_counts {
	uint32_t n[SCRIPT_COUNT];
	uint32_t latin_names;	/* Latin letters in words with a capital */
} script_counts;

void script_count_text(script_counts *c, const char *utf8, size_t len);

/* Letters counted, all scripts together. */
uint32_t script_letters(const script_counts *c);

/*
 * The script that decides the language: the one with most letters, except
 * that Han with enough Kana is Japanese (SCRIPT_JPAN) and Han with Hangul is
 * Korean (SCRIPT_HANG), and that a Han, Kana or Hangul letter weighs more
 * than a Latin one, the more so against capitalised Latin words (names).
 * SCRIPT_NONE when there is no letter.
 */
enum script script_dominant(const script_counts *c);

/* Whether a code point of script s counts for the dominant script d. */
int script_belongs(enum script s, enum script d);

#endif
