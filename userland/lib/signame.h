/*
 * signame: signal names as kill -l and the shell print them, without
 * "SIG": "TERM", "RTMIN", "RTMIN+3", "RTMAX-1", "RTMAX".
 */
#ifndef SIGNAME_H
#define SIGNAME_H

/* Room for the longest name, "RTMAX-NN", and its NUL. */
#define SIGNAME_MAX 16

/* The name of signal sig, written to buf; NULL if sig is not a signal. */
const char *sig_name(int sig, char buf[SIGNAME_MAX]);

/*
 * The number of a signal given by name (with or without "SIG", any case,
 * "RTMIN+n" or "RTMAX-n" for real-time signals) or in decimal (0 too,
 * the null signal of kill -0); -1 if it names no signal.
 */
int sig_number(const char *name);

#endif /* SIGNAME_H */
