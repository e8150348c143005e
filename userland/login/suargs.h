/*
 * suargs.h - su's command line, parsed apart from su itself so that the
 * host tests can run it:
 *
 *   su [-|-l|--login] [-c command|--command=command] [-s shell|--shell=shell]
 *      [user [argument...]]
 *
 * "-" may stand anywhere among the options; the user defaults to root,
 * and arguments after the user go to the shell.
 */
#ifndef LOGIN_SUARGS_H
#define LOGIN_SUARGS_H

#define SU_DEFAULT_USER "root"
#define SU_USAGE "usage: su [-|-l|--login] [-c command] [-s shell] [user [argument...]]"

struct su_args {
	int login;		/* "-", -l, --login: a login environment */
	const char *command;	/* -c: run this with the shell's -c */
	const char *shell;	/* -s: instead of the user's shell */
	const char *user;
	char **shell_args;	/* the rest, NULL-terminated (inside argv) */
};

/* Fills args from argv; 0, or -1 on a bad option (getopt has said why). */
int su_parse_args(int argc, char **argv, struct su_args *args);

#endif
