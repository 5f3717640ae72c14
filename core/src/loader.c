/*
 * A plugin is refused on what its descriptor says before any of its code
 * runs: a plugin built for another ABI could crash in its first call, and
 * the user would see a segfault instead of a reason.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* Result keys that the output already uses for itself. */
static const char *const reserved_keys[] = {
	"schema", "id", "source", "title", "byline", "published", "url",
	"text", "pipeline", "options", "error", NULL
};

/* The size of the ABI 1.0 descriptor: what every 1.x plugin has. */
#define DESCRIPTOR_1_0_SIZE (offsetof(lector_plugin, fini) + sizeof(void (*)(void *)))

static int
valid_name(const char *name)
{
	if (name == NULL || *name == '\0' || strlen(name) > 48)
		return 0;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '_' || *c == '-'))
			return 0;
	return 1;
}

static const char *
check_descriptor(const lector_plugin *d)
{
	static char why[160];

	if (d->abi_major != LECTOR_ABI_MAJOR) {
		snprintf(why, sizeof(why), "built for plugin ABI %u.%u; this "
		    "lectord speaks %d.%d (rebuild the plugin against this lectord)",
		    d->abi_major, d->abi_minor, LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR);
		return why;
	}
	if (d->abi_minor > LECTOR_ABI_MINOR) {
		snprintf(why, sizeof(why), "built for plugin ABI %u.%u, newer than "
		    "this lectord's %d.%d (upgrade lectord)", d->abi_major,
		    d->abi_minor, LECTOR_ABI_MAJOR, LECTOR_ABI_MINOR);
		return why;
	}
	if (d->size < DESCRIPTOR_1_0_SIZE)
		return "descriptor is smaller than ABI 1.0's: not built with lector/plugin.h";
	if (!valid_name(d->name))
		return "plugin name missing or not made of [a-z0-9_-] (48 at most)";
	if (d->version == NULL)
		return "plugin has no version";
	if (d->kind == LECTOR_READER) {
		if (d->read == NULL || d->formats == NULL || d->formats[0] == NULL)
			return "reader without a read function or formats";
	} else if (d->kind == LECTOR_ANNOTATOR) {
		if (d->annotate == NULL || !valid_name(d->key))
			return "annotator without an annotate function or a valid key";
		for (int i = 0; reserved_keys[i] != NULL; i++)
			if (strcmp(d->key, reserved_keys[i]) == 0)
				return "annotator key is one the output reserves";
	} else if (d->kind == LECTOR_SOURCE) {
		if (d->size < sizeof(lector_plugin) || d->next == NULL ||
		    d->settle == NULL)
			return "source without next and settle functions";
	} else if (d->kind == LECTOR_SINK) {
		if (d->size < sizeof(lector_plugin) || d->write == NULL ||
		    d->flush == NULL)
			return "sink without write and flush functions";
	} else
		return "unknown plugin kind";
	return NULL;
}

/*
 * The host reads every descriptor as its own minor lays it out: an older
 * plugin's is copied into a zeroed one, so fields added since read as 0.
 */
static lector_plugin *
descriptor_copy(const lector_plugin *d)
{
	lector_plugin *copy = calloc(1, sizeof(*copy));
	size_t n = d->size < sizeof(*copy) ? d->size : sizeof(*copy);

	if (copy != NULL)
		memcpy(copy, d, n);
	return copy;
}

/* A plugin's data lives in a folder of its name beside it: DIR/NAME/. */
static char *
data_dir_for(const char *path, const char *name)
{
	char buf[4096];
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)(slash - path), path, name);
	else
		snprintf(buf, sizeof(buf), "./%s", name);
	return strdup(buf);
}

int
loader_open(const char *path, struct plugin *out, char *err, size_t errlen)
{
	const lector_plugin *entry;
	const char *why;

	memset(out, 0, sizeof(*out));
	/*
	 * Never unmapped, even by dlclose: a plugin's libraries (a message
	 * queue's client, TLS) may keep threads or exit handlers running after
	 * the plugin's fini, and they must not find their code gone.
	 */
	if ((out->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE)) == NULL) {
		snprintf(err, errlen, "%s: cannot load: %s", path, dlerror());
		return -1;
	}
	entry = dlsym(out->dl, LECTOR_PLUGIN_SYMBOL);
	if (entry == NULL) {
		snprintf(err, errlen, "%s: not a lector plugin (no symbol %s)",
		    path, LECTOR_PLUGIN_SYMBOL);
		goto fail;
	}
	if (entry->abi_major == LECTOR_ABI_MAJOR &&
	    entry->size >= DESCRIPTOR_1_0_SIZE) {
		if ((out->desc = descriptor_copy(entry)) == NULL) {
			snprintf(err, errlen, "%s: out of memory", path);
			goto fail;
		}
		entry = out->desc;
	}
	if ((why = check_descriptor(entry)) != NULL) {
		snprintf(err, errlen, "%s: %s", path, why);
		goto fail;
	}
	out->path = strdup(path);
	out->data_dir = data_dir_for(path, out->desc->name);
	if (out->path == NULL || out->data_dir == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	return 0;
fail:
	loader_close(out);
	return -1;
}

void
loader_close(struct plugin *p)
{
	if (p->dl != NULL)
		dlclose(p->dl);
	free(p->desc);
	free(p->path);
	free(p->data_dir);
	memset(p, 0, sizeof(*p));
}

static int
refuse(struct plugin_set *set, const char *msg)
{
	char **v = realloc(set->refused, (set->n_refused + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	set->refused = v;
	if ((v[set->n_refused] = strdup(msg)) == NULL)
		return -1;
	set->n_refused++;
	return 0;
}

static int
is_plugin_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 3 && strcmp(d->d_name + n - 3, ".so") == 0;
}

/* Opens one file of folder dir (at index `first` the folder's own plugins start). */
static int
scan_file(struct plugin_set *set, const char *path, size_t first)
{
	struct plugin p, *v;
	char err[8400];

	if (loader_open(path, &p, err, sizeof(err)) < 0)
		return refuse(set, err);
	struct plugin *same = loader_find_kind(set, p.desc->name, p.desc->kind);
	if (same != NULL) {
		int in_this_folder = (size_t)(same - set->v) >= first;
		snprintf(err, sizeof(err), "%s: a plugin named '%s' is already "
		    "loaded from %s", path, p.desc->name, same->path);
		loader_close(&p);
		return in_this_folder ? refuse(set, err) : 0;
	}
	if ((v = realloc(set->v, (set->n + 1) * sizeof(*v))) == NULL) {
		loader_close(&p);
		return -1;
	}
	set->v = v;
	set->v[set->n++] = p;
	return 0;
}

int
loader_scan(char *const *dirs, struct plugin_set *set)
{
	memset(set, 0, sizeof(*set));
	for (size_t i = 0; dirs != NULL && dirs[i] != NULL; i++) {
		struct dirent **names;
		size_t first = set->n;
		int n = scandir(dirs[i], &names, is_plugin_file, alphasort);
		if (n < 0) {
			char msg[4200];
			snprintf(msg, sizeof(msg), "%s: cannot read plugin folder: %s",
			    dirs[i], strerror(errno));
			if (refuse(set, msg) < 0)
				return -1;
			continue;
		}
		int rc = 0;
		for (int k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", dirs[i], names[k]->d_name);
			if (rc == 0 && scan_file(set, path, first) < 0)
				rc = -1;
			free(names[k]);
		}
		free(names);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void
loader_free(struct plugin_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		loader_close(&set->v[i]);
	for (size_t i = 0; i < set->n_refused; i++)
		free(set->refused[i]);
	free(set->v);
	free(set->refused);
	memset(set, 0, sizeof(*set));
}

/*
 * Readers and annotators share one namespace (options are keyed by name);
 * a source and a sink may share a name with each other, since a system
 * such as a message queue is both, configured once under that name.
 */
static int
same_namespace(enum lector_kind a, enum lector_kind b)
{
	int a_end = a == LECTOR_SOURCE || a == LECTOR_SINK;
	int b_end = b == LECTOR_SOURCE || b == LECTOR_SINK;

	return a_end && b_end ? a == b : 1;
}

struct plugin *
loader_find_kind(struct plugin_set *set, const char *name,
    enum lector_kind kind)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].desc->name, name) == 0 &&
		    same_namespace(set->v[i].desc->kind, kind))
			return &set->v[i];
	return NULL;
}

struct plugin *
loader_find(struct plugin_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].desc->name, name) == 0)
			return &set->v[i];
	return NULL;
}
