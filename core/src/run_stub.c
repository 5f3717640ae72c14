#include <stdio.h>

#include "run.h"

int
run_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "lectord: run: not built yet\n");
	return 2;
}
