/* Finding and opening plugins: dlopen and the descriptor checks. */
#ifndef LECTOR_LOADER_H
#define LECTOR_LOADER_H

#include <stddef.h>

#include <lector/plugin.h>

struct plugin {
	void *dl;
	lector_plugin *desc;		/* owned: read as this host's minor lays it out */
	char *path;			/* the .so file */
	char *data_dir;			/* passed to init */
};

/* What a folder held: the plugins that load and the files that did not. */
struct plugin_set {
	struct plugin *v;
	size_t n;
	char **refused;			/* "PATH: reason", one a file */
	size_t n_refused;
};

/*
 * Opens one plugin and checks its descriptor before calling any of its
 * functions. Returns 0, or -1 with err naming the file and the reason.
 */
int loader_open(const char *path, struct plugin *out, char *err, size_t errlen);

void loader_close(struct plugin *p);

/*
 * Opens every *.so of the folders, in order (folders first, then file
 * names sorted). A name already loaded from an earlier folder is skipped;
 * two plugins of one name in one folder are refused, except a source and
 * a sink (see loader_find_kind). Files that fail go to
 * set->refused. Returns 0, or -1 only when memory runs out.
 */
int loader_scan(char *const *dirs, struct plugin_set *set);

void loader_free(struct plugin_set *set);

/*
 * The loaded plugin of that name whose kind shares a namespace with kind
 * (a source and a sink may share a name; readers and annotators may not
 * share one with anything), or NULL.
 */
struct plugin *loader_find_kind(struct plugin_set *set, const char *name,
    enum lector_kind kind);

/* The first loaded plugin of that name, or NULL. */
struct plugin *loader_find(struct plugin_set *set, const char *name);

#endif
