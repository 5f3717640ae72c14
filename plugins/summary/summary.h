/* The summary plugin's state, visible to its tests and tuning driver. */
#ifndef SUMMARY_SUMMARY_H
#define SUMMARY_SUMMARY_H

#include <lector/plugin.h>

#include "lang.h"
#include "rank.h"

struct summary_state {
	const lector_host *host;
	struct langs langs;
	struct rank_weights weights;
};

/* How many sentences to pick of ncand candidates under these options. */
size_t summary_length(const json_t *options, size_t ncand);

#endif
