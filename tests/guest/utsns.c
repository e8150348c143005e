/*
 * utsns.c - UTS namespaces through unshare(2) and clone(2): a new one
 * starts with its parent's names, its own sethostname changes nothing
 * outside, children inherit it, an ordinary user may not make one, and the
 * flags not supported alongside are refused as they should be.  Run as
 * root; also natively on a Linux host, where Linux is the oracle.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "t.h"

static char outside[65];

static const char *nodename(void)
{
	static struct utsname u;

	return uname(&u) == 0 ? u.nodename : "?";
}

/* Run fn in a forked child; its exit status, or -1. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int child_unshare(void)
{
	if (unshare(CLONE_NEWUTS) != 0) {
		check_say("FAIL utsns-unshare: %s", strerror(errno));
		return 1;
	}
	check("utsns-inherits-name", strcmp(nodename(), outside) == 0, "'%s', want '%s'",
	      nodename(), outside);
	check("utsns-sethostname", sethostname("inside", 6) == 0 &&
	      strcmp(nodename(), "inside") == 0, "nodename '%s'", nodename());
	check("utsns-setdomainname", setdomainname("dom", 3) == 0, "%s", strerror(errno));
	/* A child of the namespace sees its names. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(strcmp(nodename(), "inside") == 0 ? 0 : 1);
	int status;
	waitpid(pid, &status, 0);
	check("utsns-child-inherits", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child saw another name");
	return 0;
}

static int clone_fn(void *arg)
{
	(void)arg;
	return sethostname("cloned", 6) == 0 && strcmp(nodename(), "cloned") == 0 ? 0 : 1;
}

static int as_user_unshare(void)
{
	if (setgid(1000) != 0 || setuid(1000) != 0)
		return 2;
	return unshare(CLONE_NEWUTS) == -1 && errno == EPERM ? 0 : 1;
}

int main(void)
{
	if (getuid() != 0) {
		check_say("SKIP utsns: must run as root");
		return 0;
	}
	snprintf(outside, sizeof(outside), "%s", nodename());
	check("utsns-unshare-child", in_child(child_unshare) == 0, "child failed");
	check("utsns-outside-unchanged", strcmp(nodename(), outside) == 0, "nodename '%s', want '%s'",
	      nodename(), outside);

	static char stack[64 * 1024];
	pid_t pid = clone(clone_fn, stack + sizeof(stack), CLONE_NEWUTS | SIGCHLD, NULL);
	int status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	check("utsns-clone-newuts", pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "clone: %s (status %x)", pid < 0 ? strerror(errno) : "ran", status);
	check("utsns-clone-outside-unchanged", strcmp(nodename(), outside) == 0,
	      "nodename '%s'", nodename());
	check("utsns-unprivileged-eperm", in_child(as_user_unshare) == 0,
	      "an ordinary user made a UTS namespace");
	check_err("utsns-unshare-bad-flag", unshare(0x1),
		  EINVAL);
	return 0;
}
