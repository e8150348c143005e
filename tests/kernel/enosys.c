/*
 * Run as PID 1: an unimplemented system call returns ENOSYS, and the
 * kernel log names it once, however often it is called.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#define UNUSED_SYSCALL 89	/* acct: not implemented by this kernel */

static void check(const char *name, int ok, const char *why)
{
	printf(ok ? "PASS %s\n" : "FAIL %s: %s\n", name, why);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

int main(void)
{
	static char log[16384];
	long r1 = syscall(UNUSED_SYSCALL, 0);
	int e1 = errno;
	long r2 = syscall(UNUSED_SYSCALL, 0);
	check("enosys-returns-enosys", r1 == -1 && e1 == ENOSYS && r2 == -1 && errno == ENOSYS,
	      strerror(e1));
	int n = klogctl(3, log, sizeof(log) - 1);
	if (n < 0)
		n = 0;
	log[n] = 0;
	int lines = count(log, "system call 89 (acct) not implemented");
	char why[64];
	snprintf(why, sizeof(why), "%d log lines", lines);
	check("enosys-logged-once-by-name", lines == 1, why);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
