/*
 * Sentences a summary should never quote: bylines, datelines, captions,
 * headings and the boilerplate lines of news sites.
 */
#ifndef TEXTKIT_BOILER_H
#define TEXTKIT_BOILER_H

#include <stddef.h>

#include <lector/plugin.h>

enum boiler_reason {
	BOILER_NONE = 0,
	BOILER_SHORT,		/* too few words to say anything */
	BOILER_PHRASE,		/* "Click here", "To contact", copyright… */
	BOILER_BYLINE,		/* "By Jane Smith" */
	BOILER_LINE,		/* a lone line without final punctuation */
	BOILER_LINK		/* carries a URL or an e-mail address */
};

/*
 * Why sentence s (of text, with its tokens tok) is boilerplate, or
 * BOILER_NONE. alone: the sentence is the whole of its paragraph.
 */
enum boiler_reason boiler_check(const char *text, const lector_span *s,
    const lector_token *tok, int alone);

#endif
