/*
 * seccomp.c - seccomp(2) and prctl(PR_SET_SECCOMP) as Linux answers them:
 * strict mode, filters (checked when loaded: EINVAL, EFAULT, EACCES),
 * every action (ERRNO capped at MAX_ERRNO, TRAP's SIGSYS and its
 * siginfo, TRACE without a tracer, LOG, KILL_THREAD, KILL_PROCESS), their
 * precedence across stacked filters, a filter kept by fork and exec,
 * SECCOMP_FILTER_FLAG_TSYNC with a second thread, and /proc/PID/status.
 * Every filter is installed in a child.  Linux on the host is the oracle.
 *
 * `seccomp report` prints "getppid errno Seccomp Seccomp_filters" for the
 * check across exec.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "t.h"

#if defined(__riscv)
#define ARCH AUDIT_ARCH_RISCV64
#elif defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

#define NR_OFF   offsetof(struct seccomp_data, nr)
#define ARCH_OFF offsetof(struct seccomp_data, arch)
#define ARG0_OFF offsetof(struct seccomp_data, args[0])
#define MAGIC    12345
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

static const char *self;

static long sc(unsigned op, unsigned flags, const void *args)
{
	return syscall(SYS_seccomp, op, flags, args);
}

static long load(struct sock_filter *f, unsigned short len, unsigned flags)
{
	struct sock_fprog prog = { len, f };
	return sc(SECCOMP_SET_MODE_FILTER, flags, &prog);
}

/* Native arch or die; then nr gets ret, anything else ALLOW. */
static long install(int nr, uint32_t ret, unsigned flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	return load(f, sizeof(f) / sizeof(f[0]), flags);
}

static uint64_t status_field(const char *name)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char key[64];
	snprintf(key, sizeof(key), "\n%s:\t", name);
	char *p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : ~0ull;
}

/* Run fn in a child; returns its wait status. */
static int in_child(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		fn();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	return st;
}

static void expect_exit0(const char *name, int st)
{
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
}

static void test_action_avail(void)
{
	static const uint32_t ok[] = { SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD,
		SECCOMP_RET_TRAP, SECCOMP_RET_ERRNO, SECCOMP_RET_TRACE, SECCOMP_RET_LOG,
		SECCOMP_RET_ALLOW };
	int bad = -1;
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (sc(SECCOMP_GET_ACTION_AVAIL, 0, &ok[i]) != 0)
			bad = i;
	check("action-avail", bad < 0, "action %#x unavailable", bad >= 0 ? ok[bad] : 0);
	uint32_t unknown = 0x12340000;
	check_err("action-avail-unknown", sc(SECCOMP_GET_ACTION_AVAIL, 0, &unknown), EOPNOTSUPP);
	check_err("action-avail-flags", sc(SECCOMP_GET_ACTION_AVAIL, 1, &ok[0]), EINVAL);
	check_err("action-avail-efault", sc(SECCOMP_GET_ACTION_AVAIL, 0, (void *)8), EFAULT);
	check_err("bad-op", sc(99, 0, NULL), EINVAL);
	check_err("strict-flags", sc(SECCOMP_SET_MODE_STRICT, 1, NULL), EINVAL);
	check_err("strict-args", sc(SECCOMP_SET_MODE_STRICT, 0, &unknown), EINVAL);
	check("get-seccomp-off", prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0, "");
}

static void child_checks(void)
{
	struct sock_filter ret[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	check_err("filter-efault-prog", sc(SECCOMP_SET_MODE_FILTER, 0, (void *)8), EFAULT);
	struct sock_fprog badptr = { 1, (void *)8 };
	check_err("filter-efault-insns", sc(SECCOMP_SET_MODE_FILTER, 0, &badptr), EFAULT);
	check_err("filter-len0", load(ret, 0, 0), EINVAL);
	static struct sock_filter big[BPF_MAXINSNS + 1];
	for (int i = 0; i <= BPF_MAXINSNS; i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	check_err("filter-too-long", load(big, BPF_MAXINSNS + 1, 0), EINVAL);
	check_err("filter-bad-flag", load(ret, 1, 1u << 30), EINVAL);
	struct sock_filter badop[] = { BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), ret[0] };
	check_err("filter-bad-opcode", load(badop, 2, 0), EINVAL);
	struct sock_filter mod[] = { BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3), ret[0] };
	check_err("filter-no-mod", load(mod, 2, 0), EINVAL);
	struct sock_filter noret[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF) };
	check_err("filter-no-return", load(noret, 1, 0), EINVAL);
	struct sock_filter far[] = { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 0), ret[0] };
	check_err("filter-jump-out", load(far, 2, 0), EINVAL);
	struct sock_filter ja[] = { BPF_STMT(BPF_JMP | BPF_JA, 1), ret[0] };
	check_err("filter-ja-out", load(ja, 2, 0), EINVAL);
	struct sock_filter unal[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2), ret[0] };
	check_err("filter-unaligned", load(unal, 2, 0), EINVAL);
	struct sock_filter past[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, sizeof(struct seccomp_data)),
				      ret[0] };
	check_err("filter-past-data", load(past, 2, 0), EINVAL);
	struct sock_filter mem[] = { BPF_STMT(BPF_LD | BPF_MEM, 3), ret[0] };
	check_err("filter-mem-unset", load(mem, 2, 0), EINVAL);
	struct sock_filter memok[] = { BPF_STMT(BPF_ST, 3), BPF_STMT(BPF_LD | BPF_MEM, 3), ret[0] };
	struct sock_filter div0[] = { BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0), ret[0] };
	check_err("filter-div0", load(div0, 2, 0), EINVAL);
	struct sock_filter shift[] = { BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32), ret[0] };
	check_err("filter-shift32", load(shift, 2, 0), EINVAL);
	check("filter-mem-ok", load(memok, 3, 0) == 0, "%s", strerror(errno));
	check("get-seccomp-filter", prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER, "");
	check("status-filter", status_field("Seccomp") == 2 && status_field("Seccomp_filters") == 1 &&
	      status_field("NoNewPrivs") == 1, "Seccomp %llu filters %llu",
	      (unsigned long long)status_field("Seccomp"),
	      (unsigned long long)status_field("Seccomp_filters"));
	check_err("filter-then-strict", sc(SECCOMP_SET_MODE_STRICT, 0, NULL), EINVAL);
	check_err("filter-then-prctl-strict", prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0),
		  EINVAL);
	struct sock_fprog p = { 1, ret };
	check("prctl-set-filter", prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p, 0, 0) == 0 &&
	      status_field("Seccomp_filters") == 2, "%s", strerror(errno));
	check_err("prctl-bad-mode", prctl(PR_SET_SECCOMP, 7, 0, 0, 0), EINVAL);
}

/* Without no_new_privs, only CAP_SYS_ADMIN may filter. */
static void test_eacces(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];
		syscall(SYS_capget, &h, d);
		d[0].effective &= ~(1u << CAP_SYS_ADMIN);
		syscall(SYS_capset, &h, d);
		check_err("filter-eacces", install(SYS_getppid, SECCOMP_RET_ERRNO | EPERM, 0), EACCES);
		d[0].effective |= 1u << CAP_SYS_ADMIN;
		syscall(SYS_capset, &h, d);
		check("filter-cap-sys-admin", install(SYS_getppid, SECCOMP_RET_ERRNO | EPERM, 0) == 0 &&
		      prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "%s", strerror(errno));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

/* The course plan's example: only read, write and exit; open fails EPERM. */
static void child_plan(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_read, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit_group, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	if (load(f, sizeof(f) / sizeof(f[0]), 0)) {
		check("plan-load", 0, "%s", strerror(errno));
		return;
	}
	long r = syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY);
	check_err("plan-open-eperm", r, EPERM);
	check_err("plan-getpid-eperm", syscall(SYS_getpid), EPERM);
	check("plan-write", write(1, "", 0) == 0, "%s", strerror(errno));
}

static void child_errno_cap(void)
{
	install(SYS_getppid, SECCOMP_RET_ERRNO | 0xffff, 0);
	check_err("errno-capped", syscall(SYS_getppid), 4095);
}

static void child_trace(void)
{
	install(SYS_getppid, SECCOMP_RET_TRACE | 7, 0);
	check_err("trace-enosys", syscall(SYS_getppid), ENOSYS);
}

static void child_log(void)
{
	install(SYS_getppid, SECCOMP_RET_LOG, 0);
	check("log-allows", syscall(SYS_getppid) == getppid(), "%s", strerror(errno));
}

static void child_args(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, MAGIC, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EDOM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	load(f, sizeof(f) / sizeof(f[0]), 0);
	check_err("args-match", syscall(SYS_getppid, MAGIC), EDOM);
	check("args-other", syscall(SYS_getppid, 1) > 0, "%s", strerror(errno));
}

static void child_kill_process(void)
{
	install(SYS_getppid, SECCOMP_RET_KILL_PROCESS, 0);
	syscall(SYS_getppid);
	_exit(3);
}

static void child_kill_thread(void)
{
	install(SYS_getppid, SECCOMP_RET_KILL_THREAD, 0);
	syscall(SYS_getppid);
	_exit(3);
}

static void child_div0(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 3),
		BPF_STMT(BPF_LDX | BPF_IMM, 0),
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EDOM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	load(f, sizeof(f) / sizeof(f[0]), 0);
	syscall(SYS_getppid);
	_exit(3);
}

static volatile siginfo_t trap_info;
static volatile int trapped;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	trap_info = *si;
	trapped++;
}

static void child_trap(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	install(SYS_getppid, SECCOMP_RET_TRAP | 42, 0);
	syscall(SYS_getppid);
	check("trap-sigsys", trapped == 1 && trap_info.si_signo == SIGSYS &&
	      trap_info.si_code == SYS_SECCOMP, "trapped %d signo %d code %d", trapped,
	      trap_info.si_signo, trap_info.si_code);
	check("trap-siginfo", trap_info.si_syscall == SYS_getppid && trap_info.si_arch == ARCH &&
	      trap_info.si_errno == 42 && trap_info.si_call_addr != NULL,
	      "syscall %d arch %#x errno %d addr %p", trap_info.si_syscall, trap_info.si_arch,
	      trap_info.si_errno, trap_info.si_call_addr);
	/* Blocked, SIGSYS still comes, with its default action. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	sigprocmask(SIG_BLOCK, &set, NULL);
	syscall(SYS_getppid);
	_exit(3);
}

/* Stacked filters: the most restrictive action wins; among equal actions
 * the newest filter's data. */
static void child_stack(void)
{
	install(SYS_getppid, SECCOMP_RET_ERRNO | EPERM, 0);
	install(SYS_getppid, SECCOMP_RET_ERRNO | EACCES, 0);
	check_err("stack-newest-errno", syscall(SYS_getppid), EACCES);
	install(SYS_getppid, SECCOMP_RET_ALLOW, 0);
	check_err("stack-allow-loses", syscall(SYS_getppid), EACCES);
	install(SYS_getppid, SECCOMP_RET_TRACE, 0);
	check_err("stack-errno-beats-trace", syscall(SYS_getppid), EACCES);
	install(SYS_gettid, SECCOMP_RET_TRACE, 0);
	install(SYS_gettid, SECCOMP_RET_ERRNO | EXDEV, 0);
	check_err("stack-errno-beats-trace-newer", syscall(SYS_gettid), EXDEV);
	check("stack-count", status_field("Seccomp_filters") == 6, "filters %llu",
	      (unsigned long long)status_field("Seccomp_filters"));
	install(SYS_getppid, SECCOMP_RET_KILL_PROCESS, 0);
	syscall(SYS_getppid);
	_exit(3);
}

/* Too many instructions in a stack: ENOMEM. */
static void child_limit(void)
{
	static struct sock_filter big[BPF_MAXINSNS];
	for (int i = 0; i < BPF_MAXINSNS - 1; i++)
		big[i] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_IMM, i);
	big[BPF_MAXINSNS - 1] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	int n = 0;
	while (n < 20 && load(big, BPF_MAXINSNS, 0) == 0)
		n++;
	check("stack-limit", n == 7 && errno == ENOMEM, "%d filters, then %s", n, strerror(errno));
}

static void child_fork_exec(void)
{
	install(SYS_getppid, SECCOMP_RET_ERRNO | EXDEV, 0);
	pid_t pid = fork();
	if (pid == 0) {
		check_err("fork-inherits", syscall(SYS_getppid), EXDEV);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	int p[2];
	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl(self, self, "report", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	char buf[128] = "";
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof(buf) - 1 && (n = read(p[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	waitpid(pid, NULL, 0);
	int err = 0, mode = 0, count = 0;
	check("exec-keeps", sscanf(buf, "%d %d %d", &err, &mode, &count) == 3 && err == EXDEV &&
	      mode == 2 && count == 1, "report '%s'", buf);
}

/* ---- TSYNC with a second thread ---- */

static volatile int thr_step, thr_errno, thr_done;
static char thr_stack[64 * 1024] __attribute__((aligned(16)));

static int thread_fn(void *arg)
{
	(void)arg;
	while (thr_step == 0)
		;
	if (thr_step == 1) {
		/* Filter ourselves differently: the TSYNC below must fail. */
		install(SYS_gettid, SECCOMP_RET_ERRNO | ENOTTY, 0);
		thr_done = 1;
		while (thr_step == 1)
			;
	}
	long r = syscall(SYS_getppid);
	thr_errno = r < 0 ? errno : 0;
	thr_done = 2;
	return 0;
}

static void child_tsync(void)
{
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
	int tid = clone(thread_fn, thr_stack + sizeof(thr_stack), flags, NULL);
	if (tid < 0) {
		check("tsync-clone", 0, "%s", strerror(errno));
		return;
	}
	thr_step = 1;
	while (thr_done != 1)
		;
	long r = install(SYS_getppid, SECCOMP_RET_ERRNO | EXDEV, SECCOMP_FILTER_FLAG_TSYNC);
	check("tsync-fails-naming", r == tid, "returned %ld, thread %d", r, tid);
	check_err("tsync-esrch", install(SYS_getppid, SECCOMP_RET_ERRNO | EXDEV,
					 SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH), ESRCH);
	check("tsync-failed-no-filter", syscall(SYS_getppid) > 0, "%s", strerror(errno));
	/* Without TSYNC only this thread gets it. */
	check("tsync-self-only", install(SYS_getppid, SECCOMP_RET_ERRNO | EXDEV, 0) == 0, "%s",
	      strerror(errno));
	thr_step = 2;
	while (thr_done != 2)
		;
	check("tsync-other-untouched", thr_errno == 0, "thread's getppid: errno %d", thr_errno);
}

static void child_tsync_ok(void)
{
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
	thr_step = 0;
	int tid = clone(thread_fn, thr_stack + sizeof(thr_stack), flags, NULL);
	if (tid < 0) {
		check("tsync-clone", 0, "%s", strerror(errno));
		return;
	}
	long r = install(SYS_getppid, SECCOMP_RET_ERRNO | EXDEV, SECCOMP_FILTER_FLAG_TSYNC);
	check("tsync", r == 0, "returned %ld (%s)", r, strerror(errno));
	thr_step = 2;
	while (thr_done != 2)
		;
	check("tsync-thread-filtered", thr_errno == EXDEV, "thread's getppid: errno %d", thr_errno);
}

static void child_strict(void)
{
	if (sc(SECCOMP_SET_MODE_STRICT, 0, NULL)) {
		check("strict", 0, "%s", strerror(errno));
		_exit(1);
	}
	check_say("PASS strict-write");
	syscall(SYS_getppid);
	_exit(3);
}

static void child_strict_prctl(void)
{
	prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0);
	check_say("PASS strict-prctl-write");
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, NULL);
	_exit(3);
}

static int report(void)
{
	long r = syscall(SYS_getppid);
	printf("%d %llu %llu\n", r < 0 ? errno : 0, (unsigned long long)status_field("Seccomp"),
	       (unsigned long long)status_field("Seccomp_filters"));
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "report") == 0)
		return report();
	self = argv[0];
	test_action_avail();
	test_eacces();
	expect_exit0("checks-exit", in_child(child_checks));
	expect_exit0("plan-exit", in_child(child_plan));
	expect_exit0("errno-exit", in_child(child_errno_cap));
	expect_exit0("trace-exit", in_child(child_trace));
	expect_exit0("log-exit", in_child(child_log));
	expect_exit0("args-exit", in_child(child_args));
	int st = in_child(child_kill_process);
	check("kill-process", WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "status %#x", st);
	st = in_child(child_kill_thread);
	check("kill-thread-last", WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "status %#x", st);
	st = in_child(child_div0);
	check("div-by-x0-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "status %#x", st);
	st = in_child(child_trap);
	check("trap-blocked-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "status %#x", st);
	st = in_child(child_stack);
	check("stack-kill-wins", WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "status %#x", st);
	expect_exit0("limit-exit", in_child(child_limit));
	expect_exit0("fork-exec-exit", in_child(child_fork_exec));
	expect_exit0("tsync-exit", in_child(child_tsync));
	expect_exit0("tsync-ok-exit", in_child(child_tsync_ok));
	st = in_child(child_strict);
	check("strict-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	st = in_child(child_strict_prctl);
	check("strict-prctl-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	return 0;
}
