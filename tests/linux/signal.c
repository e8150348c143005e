/* signal.c - glibc's sigaction: a SA_SIGINFO handler runs and returns. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_signo, last_code, last_pid_ok;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_signo = sig;
	last_code = si->si_code;
	last_pid_ok = si->si_pid == getpid();
}

int main(void)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, 0);
	kill(getpid(), SIGUSR1);
	printf("after kill: hits %d signo %d code %d pid-ok %d\n", hits, last_signo,
	       last_code, last_pid_ok);
	raise(SIGUSR1);
	printf("after raise: hits %d code %d\n", hits, last_code);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, 0);
	raise(SIGUSR1);
	printf("blocked: hits %d\n", hits);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	printf("unblocked: hits %d\n", hits);
	signal(SIGUSR1, SIG_DFL);
	fflush(stdout);
	raise(SIGTERM);
	printf("not reached\n");
	return 0;
}
