#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "testhost.h"

const lector_host *
testhost(void)
{
	return &document_host;
}

lector_doc *
testhost_doc(const char *text, const char *title)
{
	struct lector_doc *doc = document_new("test.txt", "txt", text,
	    strlen(text), 0);

	if (doc == NULL || document_set_text(doc, text, strlen(text), NULL) < 0 ||
	    (title != NULL && (doc->meta[DOC_TITLE] = strdup(title)) == NULL)) {
		document_free(doc);
		return NULL;
	}
	return doc;
}

void
testhost_doc_free(lector_doc *doc)
{
	document_free(doc);
}

void
testhost_put(lector_doc *doc, const char *key, json_t *value)
{
	json_object_set_new(doc->results, key, value);
}

void
testhost_key(lector_doc *doc, const char *key)
{
	doc->phase = DOC_PHASE_ANNOTATE;
	doc->result_key = key;
}

json_t *
testhost_get(lector_doc *doc, const char *key)
{
	return json_object_get(doc->results, key);
}
