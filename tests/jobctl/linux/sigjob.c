/*
 * sigjob.c - a static glibc program (built with riscv64-linux-gnu-gcc
 * -static) whose handlers run and return through the kernel's sigreturn
 * trampoline: nested handlers, an alternate stack, SIGCHLD for a stopped
 * and continued child, sigsuspend.  Its output must match Linux's, byte for
 * byte (run-jobctl compares it with qemu-riscv64 on the host).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t usr1, usr2, chld, last_code;

static char *alt;
static volatile int alt_used;

static void on_usr2(int sig)
{
	(void)sig;
	usr2++;
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	char here;

	(void)uc;
	usr1++;
	alt_used = &here >= alt && &here < alt + SIGSTKSZ * 4;
	if (si->si_code == SI_USER && si->si_pid == getpid() && sig == SIGUSR1)
		raise(SIGUSR2);
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld++;
	last_code = si->si_code;
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, empty;
	stack_t ss;
	pid_t pid;
	int st;

	alt = malloc(SIGSTKSZ * 4);
	ss.ss_sp = alt;
	ss.ss_size = SIGSTKSZ * 4;
	ss.ss_flags = 0;
	sigaltstack(&ss, 0);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, 0);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, 0);
	kill(getpid(), SIGUSR1);
	printf("usr1 %d usr2 %d on-alt-stack %d\n", usr1, usr2, alt_used);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(5);
	}
	waitpid(pid, &st, WUNTRACED);
	printf("stopped %d sig %d\n", WIFSTOPPED(st), WSTOPSIG(st));
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	printf("continued %d\n", WIFCONTINUED(st));
	while (waitpid(pid, &st, 0) == -1)
		;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, 0);
	sigemptyset(&empty);
	while (chld < 1)
		sigsuspend(&empty);
	printf("chld handler ran\n");
	printf("exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
	printf("handlers returned: %d usr1, %d usr2\n", usr1, usr2);
	return 0;
}
