/*
 * sysfuzz.c - random system calls with hostile arguments never bring the
 * kernel down.  Children make thousands of calls each, numbers drawn from
 * the whole table and arguments from a pool of awkward values: kernel
 * addresses, unmapped and misaligned pointers, buffers that run into a
 * guard page, huge lengths, negative descriptors.  A call that blocks is
 * interrupted by an interval timer; the children still at work when
 * enough calls are made (or at the deadline) are killed with SIGKILL,
 * which must end them whatever they are doing.  Afterwards the system must still
 * fork, exec and write files.
 *
 * Left out: calls that reach outside the child (kill and its kin,
 * reboot, mount, sethostname, settimeofday, process_vm_writev, ...),
 * clone (a fuzzing child would multiply) and exit (it would end early).
 */
#include "t.h"
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#define CHILDREN	8
#define CALLS		3000
#define MAX_NR		460
#define SCRATCH		(64 * 1024)
#define DEADLINE_MS	40000
#define TOTAL		(CHILDREN * CALLS)

static const int deny[] = {
	39, 40, 41,		/* umount2, mount, pivot_root */
	93, 94,			/* exit, exit_group */
	112, 170, 171,		/* clock_settime, settimeofday, adjtimex */
	129, 130, 131,		/* kill, tkill, tgkill */
	138, 240,		/* rt_sigqueueinfo, rt_tgsigqueueinfo */
	142,			/* reboot */
	161, 162,		/* sethostname, setdomainname */
	220, 435,		/* clone, clone3 */
	224, 225,		/* swapon, swapoff */
	266,			/* clock_adjtime */
	270, 271,		/* process_vm_readv, process_vm_writev */
	424,			/* pidfd_send_signal */
};

static uint64_t rng;

static uint64_t next(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static bool denied(long nr)
{
	for (unsigned i = 0; i < sizeof(deny) / sizeof(deny[0]); i++)
		if (deny[i] == nr)
			return true;
	return false;
}

static unsigned char *scratch;

static long arg(void)
{
	static const unsigned long fixed[] = {
		0, 1, 2, 3, 4, 8, 16, 255, 4096, 65536, 1ul << 20, 1ul << 40,
		(unsigned long)-1, (unsigned long)-2, (unsigned long)-4096,
		0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000ul,
		0x8000000000000000ul, 0x7fffffffffffffff,
		0xffffffc080200000ul,	/* kernel text */
		0xffffffd000000000ul,	/* the kernel's map of memory */
		0xfffffffffffff000ul,
		0x1000, 0x10000,	/* low, unmapped */
		0x3ffffff000ul, 0x4000000000ul,	/* top of user space and past it */
	};
	switch (next() % 8) {
	case 0:
	case 1:
		return fixed[next() % (sizeof(fixed) / sizeof(fixed[0]))];
	case 2:
		return (long)(scratch + next() % SCRATCH);	/* valid */
	case 3:
		return (long)(scratch + SCRATCH - 1 - next() % 16);	/* runs into the guard */
	case 4:
		return next() % 12;				/* descriptors, small counts */
	case 5:
		return (long)next();
	case 6:
		return (long)(next() % 65536);
	default:
		return (long)scratch;
	}
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void fuzz(int k, long *count)
{
	rng = 0x9e3779b97f4a7c15ull * (k + 1);
	setsid();
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	for (int fd = 3; fd < 256; fd++)	/* nothing of the parent's */
		close(fd);
	/* A private corner to create files in. */
	char dir[128];
	snprintf(dir, sizeof(dir), "%s/sysfuzz-%d", T_TMP, k);
	mkdir(dir, 0755);
	if (chdir(dir))
		_exit(3);
	scratch = mmap(0, SCRATCH + 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED)
		_exit(4);
	munmap(scratch + SCRATCH, 4096);	/* the guard: unmapped */
	for (size_t i = 0; i < SCRATCH; i++)
		scratch[i] = (unsigned char)next();
	memcpy(scratch, "f0", 3);	/* a name now and then */
	/* A call that blocks is interrupted within a few milliseconds. */
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 5000 }, { 0, 5000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	for (int i = 0; i < CALLS; i++) {
		long nr = next() % MAX_NR;
		if (denied(nr))
			continue;
		long a0 = arg(), a1 = arg(), a2 = arg(), a3 = arg(), a4 = arg(), a5 = arg();
		syscall(nr, a0, a1, a2, a3, a4, a5);
		__atomic_add_fetch(count, 1, __ATOMIC_RELAXED);
	}
	_exit(0);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Start fuzzer number k; returns its pid. */
static pid_t start(int k, long *count)
{
	pid_t pid = fork();
	if (pid == 0)
		fuzz(k, count);
	return pid;
}

int main(void)
{
	long *count = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (count == MAP_FAILED) {
		check("sysfuzz-setup", 0, "mmap: %s", strerror(errno));
		return 1;
	}
	/* CHILDREN at a time; one that dies (its own garbage killed it) is
	 * replaced by a fresh one until TOTAL calls are made. */
	pid_t kids[CHILDREN];
	int started = 0, left = 0, unkillable = 0, killed = 0;
	for (int k = 0; k < CHILDREN; k++, started++, left++)
		kids[k] = start(started, count);
	long t0 = now_ms();
	while (left > 0) {
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG);
		if (p > 0) {
			left--;
			for (int k = 0; k < CHILDREN; k++)
				if (kids[k] == p) {
					kids[k] = -1;
					if (*count < TOTAL && now_ms() - t0 < DEADLINE_MS) {
						kids[k] = start(started++, count);
						left++;
					}
				}
			continue;
		}
		if (p < 0)
			break;
		/* Enough calls, or too long: whoever is left is killed. */
		if (*count >= TOTAL || now_ms() - t0 > DEADLINE_MS) {
			for (int k = 0; k < CHILDREN; k++)
				if (kids[k] > 0 && kill(kids[k], SIGKILL) == 0)
					killed++;
			/* SIGKILL must end them whatever they are doing. */
			long until = now_ms() + 10000;
			while (left > 0 && now_ms() < until) {
				if (waitpid(-1, &st, WNOHANG) > 0)
					left--;
				else
					usleep(10000);
			}
			unkillable = left;
			break;
		}
		usleep(5000);
	}
	check("sysfuzz-children-end", unkillable == 0, "%d children outlived SIGKILL", unkillable);
	t_print("# sysfuzz: %ld calls by %d children, %d killed at the end", *count,
		started, killed);
	check("sysfuzz-calls-made", *count >= TOTAL / 2, "only %ld calls", *count);

	/* The system still works. */
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	check("sysfuzz-exec-after", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	const char *f = t_path(T_DISK, "sysfuzz-after");
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char b[6] = "";
	int ok = fd >= 0 && write(fd, "alive", 5) == 5 && pread(fd, b, 5, 0) == 5 &&
		 !memcmp(b, "alive", 5);
	check("sysfuzz-files-after", ok, "%s: %s", f, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(f);
	return 0;
}
