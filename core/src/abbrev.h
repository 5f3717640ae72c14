/* Words written with a full stop that does not end a sentence. */
#ifndef LECTOR_ABBREV_H
#define LECTOR_ABBREV_H

#include <stddef.h>

enum abbrev_kind {
	ABBREV_NONE = 0,
	ABBREV_TITLE,	/* Mr. Dr. Gen.: a name follows, never a sentence end */
	ABBREV_NUMBER,	/* No. Vol. Feb.: usually a number follows */
	ABBREV_OTHER	/* Inc. etc. U.S.: may end a sentence */
};

/* word: the letters before the full stop, without it. Case-sensitive. */
enum abbrev_kind abbrev_lookup(const char *word, size_t len);

/* Capitalised words that often open an English sentence. */
int abbrev_is_sentence_opener(const char *word, size_t len);

#endif
