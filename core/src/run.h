/* `lectord run`: the daemon. */
#ifndef LECTOR_RUN_H
#define LECTOR_RUN_H

/* argv[0] is "run"; returns the process exit status. */
int run_main(int argc, char **argv);

#endif
