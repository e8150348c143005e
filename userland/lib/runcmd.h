/*
 * runcmd.h - the end of programs that run a command in a changed world
 * (unshare, nsenter): start the command, or the user's shell, and give
 * back how a child ended.
 */
#ifndef USERLAND_RUNCMD_H
#define USERLAND_RUNCMD_H

#include <sys/types.h>

/*
 * Exec argv (found through PATH) or, when argv[0] is NULL, $SHELL (else
 * /bin/sh).  Returns only on failure, after "prog: execvp: NAME: why" on
 * stderr: the status to exit with, 127 for a command not found, else 126.
 */
int exec_command_or_shell(const char *prog, char *const argv[]);

/*
 * Wait for child and end the same way: its exit status, or death by its
 * signal (exit status 128 + N if that signal does not end us).  A failing
 * wait ends us with "prog: waitpid: child: why" and status 1.
 */
void exit_as_child(const char *prog, pid_t child) __attribute__((noreturn));

#endif
