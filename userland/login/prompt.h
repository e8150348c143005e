/*
 * prompt.h - asking the user for a name or a password.
 *
 * Prompts go to standard error and answers come from standard input, one
 * byte at a time (no stdio buffer reads past the answer, so a program can
 * ask again on the same input).  When standard input is a terminal, a
 * password is read with echo off, and the terminal's mode comes back
 * before the call returns, also when a signal (^C, a hang-up, SIGTERM)
 * ends the reading: the signal is then delivered once the mode is back.
 * When standard input is not a terminal (a pipe in a test), the answer is
 * simply the next line.
 */
#ifndef LOGIN_PROMPT_H
#define LOGIN_PROMPT_H

#include <stddef.h>

#define ANSWER_MAX 256		/* longest name or password kept, with NUL */

/*
 * Prints prompt and reads one line into buf (len bytes, at least 1), the
 * newline removed and what does not fit dropped.  Returns 0, or -1 at end
 * of input (errno 0) or on an error or a signal (errno EINTR).
 */
int prompt_line(const char *prompt, char *buf, size_t len);

/* prompt_line with echo off; a newline is printed after the answer. */
int prompt_password(const char *prompt, char *buf, size_t len);

#endif
