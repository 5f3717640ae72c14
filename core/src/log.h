/* Logging to stderr, for people and for the journal. */
#ifndef LECTOR_LOG_H
#define LECTOR_LOG_H

#include <lector/plugin.h>

/* level: the most verbose level printed (enum lector_log_level). */
void log_init(int level);
int log_level_parse(const char *name);	/* "info" -> 6; -1 when unknown */

void log_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LECTOR_LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LECTOR_LOG_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LECTOR_LOG_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LECTOR_LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LECTOR_LOG_DEBUG, __VA_ARGS__)

#endif
