/*
 * Sources and sinks are found by name within their kind: a system that is
 * both (a message queue) ships a source plugin and a sink plugin of one
 * name, configured once under "plugins.NAME". Everything that can be
 * checked before plugin code runs is checked in ends_check, so that
 * check-config and the master can refuse a configuration early.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "ends.h"
#include "loader.h"
#include "options.h"
#include "outbox_sink.h"

struct end {
	struct plugin *plugin;
	json_t *options;
	void *state;
	int ready;		/* init succeeded: fini is owed */
};

struct ends {
	struct end source;	/* plugin NULL: none started */
	struct end *sinks;
	size_t n_sinks;
	struct outbox_sink *outbox;
};

static const char *
kind_name(enum lector_kind kind)
{
	switch (kind) {
	case LECTOR_READER: return "a reader";
	case LECTOR_ANNOTATOR: return "an annotator";
	case LECTOR_SOURCE: return "a source";
	case LECTOR_SINK: return "a sink";
	}
	return "of an unknown kind";
}

/* The plugin `name` of `kind`, or NULL with err saying what is there. */
static struct plugin *
find(struct plugin_set *set, const char *what, const char *name,
    enum lector_kind kind, char *err, size_t errlen)
{
	struct plugin *p = loader_find_kind(set, name, kind);

	if (p != NULL && p->desc->kind == kind)
		return p;
	if (p == NULL)
		p = loader_find(set, name);
	if (p != NULL)
		snprintf(err, errlen, "%s: '%s' is %s, not %s", what, name,
		    kind_name(p->desc->kind), kind_name(kind));
	else
		snprintf(err, errlen, "%s: no %s plugin named '%s' was found (see "
		    "`lectord plugins`)", what, kind == LECTOR_SOURCE ? "source" :
		    "sink", name);
	return NULL;
}

static json_t *
resolve(const struct config *cfg, struct plugin *p, char *err, size_t errlen)
{
	char path[128], why[512];
	json_t *o;

	if (options_check_declarations(p->desc->options, p->path, err,
	    errlen) < 0)
		return NULL;
	snprintf(path, sizeof(path), "plugins.%s", p->desc->name);
	o = options_resolve(p->desc->options, NULL,
	    json_object_get(cfg->plugin_options, p->desc->name), path, why,
	    sizeof(why));
	if (o == NULL)
		snprintf(err, errlen, "%s%s%s", cfg->path ? cfg->path : "",
		    cfg->path ? ": " : "", why);
	return o;
}

/* One source or sink name: built in, or a plugin of that kind with valid options. */
static int
check_one(const struct config *cfg, struct plugin_set *set, const char *what,
    const char *name, enum lector_kind kind, char *err, size_t errlen)
{
	const char *builtin = kind == LECTOR_SOURCE ? "spool" : "outbox";
	struct plugin *p;
	json_t *o;

	if (strcmp(name, builtin) == 0)
		return 0;
	if ((p = find(set, what, name, kind, err, errlen)) == NULL)
		return -1;
	if (kind == LECTOR_SOURCE && p->desc->next == NULL) {
		snprintf(err, errlen, "%s: '%s' has no next function", what, name);
		return -1;
	}
	if ((o = resolve(cfg, p, err, errlen)) == NULL)
		return -1;
	json_decref(o);
	return 0;
}

int
ends_check(const struct config *cfg, struct plugin_set *set, char *err,
    size_t errlen)
{
	if (check_one(cfg, set, "source", cfg->source, LECTOR_SOURCE, err,
	    errlen) < 0)
		return -1;
	for (size_t i = 0; cfg->sinks[i] != NULL; i++)
		if (check_one(cfg, set, "sinks", cfg->sinks[i], LECTOR_SINK, err,
		    errlen) < 0)
			return -1;
	if (config_source_is_spool(cfg) && !config_has_sink(cfg, "outbox")) {
		snprintf(err, errlen, "sinks: the spool source keeps its results "
		    "in outbox/: list \"outbox\" among the sinks");
		return -1;
	}
	return 0;
}

static int
end_start(const struct config *cfg, struct end *end, struct plugin *p,
    char *err, size_t errlen)
{
	lector_error lerr = { "" };

	end->plugin = p;
	if ((end->options = resolve(cfg, p, err, errlen)) == NULL)
		return -1;
	if (p->desc->init != NULL && p->desc->init(&document_host,
	    end->options, p->data_dir, &end->state, &lerr) != LECTOR_OK) {
		snprintf(err, errlen, "%s: cannot start: %s", p->desc->name,
		    lerr.message[0] ? lerr.message : "init failed");
		return -1;
	}
	end->ready = 1;
	return 0;
}

static void
end_stop(struct end *end)
{
	if (end->ready && end->plugin->desc->fini != NULL)
		end->plugin->desc->fini(end->state);
	json_decref(end->options);
	memset(end, 0, sizeof(*end));
}

static int
open_sinks(const struct config *cfg, struct plugin_set *set, struct ends *e,
    int what, char *err, size_t errlen)
{
	size_t n = 0;

	while (cfg->sinks[n] != NULL)
		n++;
	if ((e->sinks = calloc(n, sizeof(*e->sinks))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = cfg->sinks[i];
		if (strcmp(name, "outbox") == 0) {
			if ((what & ENDS_OUTBOX) && (e->outbox =
			    outbox_sink_open(cfg->outbox, err, errlen)) == NULL)
				return -1;
			continue;
		}
		if (!(what & ENDS_SINKS))
			continue;
		struct plugin *p = find(set, "sinks", name, LECTOR_SINK, err,
		    errlen);
		if (p == NULL || end_start(cfg, &e->sinks[e->n_sinks++], p, err,
		    errlen) < 0)
			return -1;
	}
	return 0;
}

struct ends *
ends_open(const struct config *cfg, struct plugin_set *set, int what,
    char *err, size_t errlen)
{
	struct ends *e;

	if (ends_check(cfg, set, err, errlen) < 0)
		return NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((what & ENDS_SOURCE) && !config_source_is_spool(cfg)) {
		struct plugin *p = find(set, "source", cfg->source,
		    LECTOR_SOURCE, err, errlen);
		if (p == NULL || end_start(cfg, &e->source, p, err, errlen) < 0)
			goto fail;
	}
	if (open_sinks(cfg, set, e, what, err, errlen) < 0)
		goto fail;
	return e;
fail:
	ends_close(e);
	return NULL;
}

void
ends_close(struct ends *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n_sinks; i++)
		end_stop(&e->sinks[i]);
	free(e->sinks);
	if (e->source.plugin != NULL)
		end_stop(&e->source);
	outbox_sink_close(e->outbox);
	free(e);
}

size_t
ends_sink_count(const struct ends *e)
{
	return e->n_sinks + (e->outbox != NULL);
}

static int
plugin_error(const struct end *end, int rc, const lector_error *lerr,
    char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", end->plugin->desc->name,
	    lerr->message[0] ? lerr->message : "failed");
	return rc;
}

int
ends_next(struct ends *e, lector_article *a, int timeout_ms, char *err,
    size_t errlen)
{
	const lector_plugin *d = e->source.plugin->desc;
	lector_error lerr = { "" };
	int rc;

	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	rc = d->next(e->source.state, a, timeout_ms, &lerr);
	if (rc == LECTOR_OK || rc == LECTOR_EAGAIN)
		return rc;
	return plugin_error(&e->source, rc, &lerr, err, errlen);
}

int
ends_settle(struct ends *e, uint64_t receipt, enum lector_outcome outcome,
    const json_t *report, char *err, size_t errlen)
{
	const lector_plugin *d = e->source.plugin->desc;
	lector_error lerr = { "" };
	int rc = d->settle(e->source.state, receipt, outcome, report, &lerr);

	return rc == LECTOR_OK ? 0 : plugin_error(&e->source, rc, &lerr, err,
	    errlen);
}

int
ends_can_submit(const struct ends *e, char *err, size_t errlen)
{
	if (e->source.plugin == NULL) {
		snprintf(err, errlen, "the spool source takes no submissions: "
		    "copy files into its inbox");
		return 0;
	}
	if (e->source.plugin->desc->submit == NULL) {
		snprintf(err, errlen, "source %s takes no submissions",
		    e->source.plugin->desc->name);
		return 0;
	}
	return 1;
}

int
ends_submit(struct ends *e, const char *name, const void *bytes, size_t len,
    const json_t *meta, char *err, size_t errlen)
{
	const lector_plugin *d = e->source.plugin != NULL ?
	    e->source.plugin->desc : NULL;
	lector_error lerr = { "" };
	int rc;

	if (d == NULL || d->submit == NULL) {
		snprintf(err, errlen, "source %s takes no submissions",
		    d != NULL ? d->name : "spool");
		return LECTOR_EINVAL;
	}
	rc = d->submit(e->source.state, name, bytes, len, meta, &lerr);
	return rc == LECTOR_OK ? 0 : plugin_error(&e->source, rc, &lerr, err,
	    errlen);
}

/*
 * A sink's refusal keeps its kind: LECTOR_EINVAL (this document, never),
 * LECTOR_EAGAIN (the sink cannot be reached now), anything else (a
 * failure of unknown cause, treated as passing). The outbox fails on disk
 * errors, which pass too (space is freed, a mount comes back).
 */
static int
sink_error(const struct end *s, int rc, const lector_error *lerr, char *err,
    size_t errlen)
{
	plugin_error(s, rc, lerr, err, errlen);
	return rc == LECTOR_EINVAL || rc == LECTOR_EAGAIN ? rc : LECTOR_EFAIL;
}

int
ends_write(struct ends *e, const json_t *doc, const char **sink, char *err,
    size_t errlen)
{
	lector_error lerr = { "" };
	int rc;

	if (e->outbox != NULL && outbox_sink_write(e->outbox, doc, err,
	    errlen) < 0) {
		*sink = "outbox";
		return LECTOR_EFAIL;
	}
	for (size_t i = 0; i < e->n_sinks; i++) {
		struct end *s = &e->sinks[i];
		if ((rc = s->plugin->desc->write(s->state, doc, &lerr)) !=
		    LECTOR_OK) {
			*sink = s->plugin->desc->name;
			return sink_error(s, rc, &lerr, err, errlen);
		}
	}
	return 0;
}

int
ends_flush(struct ends *e, const char **sink, char *err, size_t errlen)
{
	lector_error lerr = { "" };
	int rc;

	if (e->outbox != NULL && outbox_sink_flush(e->outbox, err, errlen) < 0) {
		*sink = "outbox";
		return LECTOR_EFAIL;
	}
	for (size_t i = 0; i < e->n_sinks; i++) {
		struct end *s = &e->sinks[i];
		rc = s->plugin->desc->flush(s->state, &lerr);
		if (rc != LECTOR_OK) {
			*sink = s->plugin->desc->name;
			return sink_error(s, rc, &lerr, err, errlen);
		}
	}
	return 0;
}
