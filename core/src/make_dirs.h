#ifndef LECTOR_MAKE_DIRS_H
#define LECTOR_MAKE_DIRS_H

/*
 * mkdir -p: creates path and every missing parent with mode 0755; folders
 * that exist already are fine. Returns 0, or -1 with errno set.
 */
int make_dirs(const char *path);

#endif
