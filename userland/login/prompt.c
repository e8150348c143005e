/*
 * prompt.c - the questions login, su and passwd ask (see prompt.h).
 * The signals that could end a password prompt are caught while it is
 * open, only to end the wait for input: the handler records which one
 * came, and prompt_password raises it again after restoring the terminal.
 * They stay blocked but for ppoll(2), which unblocks them atomically while
 * it waits, so one that comes just before the wait still ends it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "prompt.h"

/* Signals whose default action would leave the terminal without echo. */
static const int prompt_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP };
#define NR_PROMPT_SIGNALS (sizeof(prompt_signals) / sizeof(prompt_signals[0]))

static volatile sig_atomic_t caught_signal;

static void catch_signal(int sig)
{
	caught_signal = sig;
}

static void say(const char *text)
{
	size_t n = strlen(text);
	ssize_t done;

	while (n > 0) {
		done = write(STDERR_FILENO, text, n);
		if (done <= 0 && errno != EINTR)
			return;
		if (done > 0) {
			text += done;
			n -= (size_t)done;
		}
	}
}

/* Waits for input with wait_mask as the signal mask; -1 if a signal came. */
static ssize_t read_byte(char *c, const sigset_t *wait_mask)
{
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };

	if (wait_mask && ppoll(&in, 1, NULL, wait_mask) < 0)
		return -1;
	return read(STDIN_FILENO, c, 1);
}

/*
 * Reads up to a newline; -1 at end of input (errno 0) or on an error.
 * With wait_mask, waits in ppoll with that signal mask before each byte.
 */
static int read_answer(char *buf, size_t len, const sigset_t *wait_mask)
{
	size_t n = 0;
	ssize_t got;
	char c;

	for (;;) {
		got = read_byte(&c, wait_mask);
		if (got < 0 || (got == 0 && n == 0)) {
			if (got == 0)
				errno = 0;
			buf[0] = '\0';
			return -1;
		}
		if (got == 0 || c == '\n')
			break;
		if (n + 1 < len)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return 0;
}

int prompt_line(const char *prompt, char *buf, size_t len)
{
	say(prompt);
	return read_answer(buf, len, NULL);
}

/*
 * Blocks prompt_signals and catches them; old[] keeps their actions and
 * old_mask the signal mask, which still lets through what it did before.
 */
static void catch_prompt_signals(struct sigaction *old, sigset_t *old_mask)
{
	struct sigaction act = { .sa_handler = catch_signal };
	sigset_t block;
	size_t i;

	sigemptyset(&act.sa_mask);
	sigemptyset(&block);
	for (i = 0; i < NR_PROMPT_SIGNALS; i++)
		sigaddset(&block, prompt_signals[i]);
	sigprocmask(SIG_BLOCK, &block, old_mask);
	caught_signal = 0;
	for (i = 0; i < NR_PROMPT_SIGNALS; i++)
		sigaction(prompt_signals[i], &act, &old[i]);
}

static void restore_prompt_signals(const struct sigaction *old,
				   const sigset_t *old_mask)
{
	size_t i;

	for (i = 0; i < NR_PROMPT_SIGNALS; i++)
		sigaction(prompt_signals[i], &old[i], NULL);
	sigprocmask(SIG_SETMASK, old_mask, NULL);
}

int prompt_password(const char *prompt, char *buf, size_t len)
{
	struct sigaction old_actions[NR_PROMPT_SIGNALS];
	struct termios saved, quiet;
	sigset_t old_mask;
	int ret, err, sig;

	if (tcgetattr(STDIN_FILENO, &saved) < 0)
		return prompt_line(prompt, buf, len);
	catch_prompt_signals(old_actions, &old_mask);
	quiet = saved;
	quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	say(prompt);
	ret = read_answer(buf, len, &old_mask);
	err = errno;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	say("\n");
	sig = caught_signal;
	restore_prompt_signals(old_actions, &old_mask);
	if (sig) {
		/* Unblocked again: the signal acts as it would have. */
		raise(sig);
		memset(buf, 0, len);
		err = EINTR;
		ret = -1;
	}
	errno = err;
	return ret;
}
