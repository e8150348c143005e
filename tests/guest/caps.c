/*
 * caps.c - the Linux capability model (capabilities(7)): capget and capset
 * (versions 1 to 3), the bounding set, the ambient set, keepcaps and the
 * securebits, the set-uid fix-ups, the transformation at exec (root,
 * set-user-ID root, ambient, no_new_privs) and /proc/PID/status's lines.
 * Runs as root; every change happens in a child.  Linux on the host is the
 * oracle (built natively, as root).
 *
 * `caps report` writes "uid euid prm eff inh amb securebits" (the sets in
 * hex) to stdout: the checks across exec run the program again that way.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include "t.h"

#define NOBODY 1000

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

#define BIT(c) (1ull << (c))
#define FS_CAPS (BIT(CAP_CHOWN) | BIT(CAP_DAC_OVERRIDE) | BIT(CAP_DAC_READ_SEARCH) | \
		 BIT(CAP_FOWNER) | BIT(CAP_FSETID) | BIT(CAP_LINUX_IMMUTABLE) | \
		 BIT(CAP_MKNOD) | BIT(CAP_MAC_OVERRIDE))

struct sets {
	uint64_t eff, prm, inh;
};

static const char *self;

static long capget_v(uint32_t version, int pid, struct __user_cap_data_struct *d)
{
	struct __user_cap_header_struct h = { version, pid };
	return syscall(SYS_capget, &h, d);
}

static int get_sets(int pid, struct sets *s)
{
	struct __user_cap_data_struct d[2];
	if (capget_v(_LINUX_CAPABILITY_VERSION_3, pid, d))
		return -1;
	s->eff = d[0].effective | (uint64_t)d[1].effective << 32;
	s->prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	s->inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return 0;
}

static long set_sets(const struct sets *s)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)s->eff, (uint32_t)s->prm, (uint32_t)s->inh },
		{ (uint32_t)(s->eff >> 32), (uint32_t)(s->prm >> 32), (uint32_t)(s->inh >> 32) },
	};
	return syscall(SYS_capset, &h, d);
}

static uint64_t amb_set(void)
{
	uint64_t a = 0;
	for (int c = 0; c <= CAP_LAST_CAP; c++)
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1)
			a |= BIT(c);
	return a;
}

static uint64_t bnd_set(void)
{
	uint64_t b = 0;
	for (int c = 0; c <= CAP_LAST_CAP; c++)
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			b |= BIT(c);
	return b;
}

static int report(void)
{
	struct sets s;
	if (get_sets(0, &s))
		return 1;
	printf("%u %u %llx %llx %llx %llx %x\n", (unsigned)getuid(), (unsigned)geteuid(),
	       (unsigned long long)s.prm, (unsigned long long)s.eff, (unsigned long long)s.inh,
	       (unsigned long long)amb_set(), (unsigned)prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
	fflush(stdout);
	return 0;
}

struct rep {
	unsigned uid, euid, secbits;
	unsigned long long prm, eff, inh, amb;
};

/* Run `prog report` from here (a child) and parse what it says. */
static int exec_report(const char *prog, struct rep *r)
{
	int p[2];
	if (pipe(p))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(prog, prog, "report", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	char buf[256];
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof(buf) - 1 && (n = read(p[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	if (sscanf(buf, "%u %u %llx %llx %llx %llx %x", &r->uid, &r->euid, &r->prm, &r->eff, &r->inh,
		   &r->amb, &r->secbits) != 7)
		return -1;
	return 0;
}

/* Run fn in a child and wait for it: the checks it makes print themselves. */
static void in_child(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		check("child-status", 0, "child ended with status %#x", st);
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
	return p ? strtoull(p + strlen(key), NULL, 16) : ~0ull;
}

static void test_capget(void)
{
	struct __user_cap_header_struct h = { 0x12345678, 0 };
	struct __user_cap_data_struct d[2];
	check_err("capget-bad-version", syscall(SYS_capget, &h, d), EINVAL);
	check("capget-version-written", h.version == _LINUX_CAPABILITY_VERSION_3, "version %#x",
	      h.version);
	h.version = 0x12345678;
	check("capget-probe", syscall(SYS_capget, &h, NULL) == 0 &&
	      h.version == _LINUX_CAPABILITY_VERSION_3, "version %#x", h.version);
	check_err("capget-efault-header", syscall(SYS_capget, (void *)8, d), EFAULT);
	check_err("capget-efault-data", capget_v(_LINUX_CAPABILITY_VERSION_3, 0, (void *)8), EFAULT);
	struct sets s;
	get_sets(0, &s);
	check("capget-matches-status", s.eff == status_field("CapEff") &&
	      s.prm == status_field("CapPrm") && s.inh == status_field("CapInh"),
	      "eff %llx prm %llx inh %llx", (unsigned long long)s.eff, (unsigned long long)s.prm,
	      (unsigned long long)s.inh);
	memset(d, 0xff, sizeof(d));
	check("capget-v1", capget_v(_LINUX_CAPABILITY_VERSION_1, 0, d) == 0 &&
	      d[0].effective == (uint32_t)s.eff && d[1].effective == 0xffffffffu,
	      "v1 wrote %x %x", d[0].effective, d[1].effective);
	check("capget-v2", capget_v(_LINUX_CAPABILITY_VERSION_2, 0, d) == 0 &&
	      d[1].permitted == (uint32_t)(s.prm >> 32), "v2 upper %x", d[1].permitted);
	check_err("capget-negative-pid", capget_v(_LINUX_CAPABILITY_VERSION_3, -1, d), EINVAL);
	check_err("capget-no-such-pid", capget_v(_LINUX_CAPABILITY_VERSION_3, 999999, d), ESRCH);

	/* Another process's sets, read while it waits. */
	int p[2], q[2];
	if (pipe(p) || pipe(q))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		struct sets c = { 0, BIT(CAP_KILL), BIT(CAP_KILL) };
		char x = set_sets(&c) ? 'n' : 'y';
		(void)!write(p[1], &x, 1);
		(void)!read(q[0], &x, 1);
		_exit(0);
	}
	char x = 0;
	(void)!read(p[0], &x, 1);
	struct sets o;
	check("capget-other", x == 'y' && get_sets(pid, &o) == 0 && o.eff == 0 &&
	      o.prm == BIT(CAP_KILL) && o.inh == BIT(CAP_KILL), "child's sets %llx %llx %llx",
	      (unsigned long long)o.eff, (unsigned long long)o.prm, (unsigned long long)o.inh);
	/* capset only on oneself. */
	struct __user_cap_header_struct oh = { _LINUX_CAPABILITY_VERSION_3, pid };
	memset(d, 0, sizeof(d));
	check_err("capset-other-eperm", syscall(SYS_capset, &oh, d), EPERM);
	(void)!write(q[1], "x", 1);
	waitpid(pid, NULL, 0);
	close(p[0]), close(p[1]), close(q[0]), close(q[1]);
}

static void child_capset(void)
{
	struct sets s, t = { 0 };
	get_sets(0, &s);
	struct __user_cap_header_struct h = { 0x1, 0 };
	struct __user_cap_data_struct d[2] = { 0 };
	check_err("capset-bad-version", syscall(SYS_capset, &h, d), EINVAL);
	check("capset-version-written", h.version == _LINUX_CAPABILITY_VERSION_3, "%#x", h.version);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = getpid();
	get_sets(0, &t);
	d[0].effective = (uint32_t)t.eff, d[1].effective = (uint32_t)(t.eff >> 32);
	d[0].permitted = (uint32_t)t.prm, d[1].permitted = (uint32_t)(t.prm >> 32);
	check("capset-own-pid", syscall(SYS_capset, &h, d) == 0, "%s", strerror(errno));
	check_err("capset-efault", syscall(SYS_capset, &h, (void *)8), EFAULT);
	/* Effective beyond permitted. */
	t = s;
	t.prm &= ~BIT(CAP_SYS_TIME);
	t.eff = s.eff;
	check_err("capset-eff-beyond-prm", set_sets(&t), EPERM);
	t.eff &= ~BIT(CAP_SYS_TIME);
	check("capset-drop-prm", set_sets(&t) == 0, "%s", strerror(errno));
	t.prm |= BIT(CAP_SYS_TIME);
	check_err("capset-grow-prm", set_sets(&t), EPERM);
	/* Inheritable: beyond permitted only with CAP_SETPCAP. */
	t.prm &= ~BIT(CAP_SYS_TIME);
	t.inh = BIT(CAP_SYS_TIME);
	check("capset-inh-setpcap", set_sets(&t) == 0, "%s", strerror(errno));
	t.inh = 0;
	set_sets(&t);
	t.eff &= ~BIT(CAP_SETPCAP);
	check("capset-drop-setpcap", set_sets(&t) == 0, "%s", strerror(errno));
	t.inh = BIT(CAP_SYS_TIME);
	check_err("capset-inh-beyond-prm", set_sets(&t), EPERM);
	t.inh = BIT(CAP_KILL);
	check("capset-inh-in-prm", set_sets(&t) == 0, "%s", strerror(errno));
	struct sets g;
	get_sets(0, &g);
	check("capset-readback", g.eff == t.eff && g.prm == t.prm && g.inh == t.inh,
	      "%llx %llx %llx", (unsigned long long)g.eff, (unsigned long long)g.prm,
	      (unsigned long long)g.inh);
	/* Without CAP_SETPCAP the bounding set cannot shrink. */
	check_err("capbset-drop-eperm", prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0), EPERM);
}

static void child_bset(void)
{
	check_err("capbset-drop-invalid", prctl(PR_CAPBSET_DROP, CAP_LAST_CAP + 1, 0, 0, 0), EINVAL);
	check("capbset-drop", prctl(PR_CAPBSET_DROP, CAP_SYS_TIME, 0, 0, 0) == 0 &&
	      prctl(PR_CAPBSET_READ, CAP_SYS_TIME, 0, 0, 0) == 0, "%s", strerror(errno));
	check("capbset-status", status_field("CapBnd") == bnd_set(), "CapBnd %llx, read %llx",
	      (unsigned long long)status_field("CapBnd"), (unsigned long long)bnd_set());
	/* Inheritable cannot gain what the bounding set lacks (even with
	 * CAP_SETPCAP), unless it already had it. */
	struct sets s;
	get_sets(0, &s);
	s.inh = BIT(CAP_SYS_TIME);
	check_err("capset-inh-beyond-bset", set_sets(&s), EPERM);
	/* Root's exec: permitted = bounding set | inheritable. */
	struct rep r;
	s.inh = 0;
	s.prm = s.eff = BIT(CAP_KILL) | BIT(CAP_SETPCAP);
	set_sets(&s);
	check("exec-root-bset", exec_report(self, &r) == 0 && r.prm == bnd_set() && r.eff == r.prm &&
	      !((r.prm >> CAP_SYS_TIME) & 1), "prm %llx eff %llx bset %llx", r.prm, r.eff,
	      (unsigned long long)bnd_set());
}

static void child_ambient(void)
{
	check_err("ambient-bad-cap", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_LAST_CAP + 1, 0, 0),
		  EINVAL);
	check_err("ambient-bad-op", prctl(PR_CAP_AMBIENT, 99, CAP_KILL, 0, 0), EINVAL);
	check_err("ambient-clear-arg", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0), EINVAL);
	check_err("ambient-raise-not-inh", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0),
		  EPERM);
	struct sets s;
	get_sets(0, &s);
	s.inh = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE) | BIT(CAP_CHOWN);
	set_sets(&s);
	check("ambient-raise", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0) == 0 &&
	      prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0) == 1, "%s", strerror(errno));
	check("ambient-status", status_field("CapAmb") == BIT(CAP_KILL), "CapAmb %llx",
	      (unsigned long long)status_field("CapAmb"));
	check("ambient-lower", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_KILL, 0, 0) == 0 &&
	      prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0) == 0, "%s", strerror(errno));
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0);
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0);
	check("ambient-clear-all", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0 &&
	      amb_set() == 0, "ambient %llx", (unsigned long long)amb_set());
	/* Dropping a capability from inheritable drops it from ambient. */
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0);
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0);
	s.inh &= ~BIT(CAP_CHOWN);
	set_sets(&s);
	check("ambient-follows-inh", amb_set() == BIT(CAP_KILL), "ambient %llx",
	      (unsigned long long)amb_set());
	/* A non-root program keeps exactly its ambient set over exec. */
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_BIND_SERVICE, 0, 0);
	prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
	check("ambient-setuid-keepcaps", syscall(SYS_setresuid, NOBODY, NOBODY, NOBODY) == 0 &&
	      amb_set() == 0, "ambient %llx after setresuid", (unsigned long long)amb_set());
	/* Losing root cleared ambient even with keepcaps; permitted stays. */
	get_sets(0, &s);
	check("keepcaps-keeps-prm", s.eff == 0 && s.prm != 0, "eff %llx prm %llx",
	      (unsigned long long)s.eff, (unsigned long long)s.prm);
	s.eff = s.prm;
	set_sets(&s);
	check("ambient-raise-nonroot", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_BIND_SERVICE,
					     0, 0) == 0, "%s", strerror(errno));
	struct rep r;
	uint64_t want = BIT(CAP_NET_BIND_SERVICE);
	check("exec-ambient", exec_report(self, &r) == 0 && r.euid == NOBODY && r.prm == want &&
	      r.eff == want && r.amb == want && r.secbits == 0,
	      "euid %u prm %llx eff %llx amb %llx secbits %x", r.euid, r.prm, r.eff, r.amb, r.secbits);
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	check("exec-nonroot-nothing", exec_report(self, &r) == 0 && r.prm == 0 && r.eff == 0,
	      "prm %llx eff %llx", r.prm, r.eff);
}

static void child_keepcaps(void)
{
	check("keepcaps-default", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) == 0, "");
	check_err("keepcaps-bad", prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
	check("keepcaps-set", prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == 0 &&
	      prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0) == 1 &&
	      prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) == SECBIT_KEEP_CAPS, "securebits %d",
	      prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
	struct rep r;
	check("exec-clears-keepcaps", exec_report(self, &r) == 0 && r.secbits == 0, "secbits %x",
	      r.secbits);
	check("securebits-lock", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS | SECBIT_KEEP_CAPS_LOCKED,
				       0, 0, 0) == 0, "%s", strerror(errno));
	check_err("keepcaps-locked", prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0), EPERM);
	check_err("securebits-locked-change", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0),
		  EPERM);
	check_err("securebits-unlock", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS, 0, 0, 0), EPERM);
	check_err("securebits-unknown", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS |
					      SECBIT_KEEP_CAPS_LOCKED | (1 << 20), 0, 0, 0), EPERM);
	check("securebits-more", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS | SECBIT_KEEP_CAPS_LOCKED |
				       SECBIT_NO_CAP_AMBIENT_RAISE, 0, 0, 0) == 0, "%s", strerror(errno));
	struct sets s;
	get_sets(0, &s);
	s.inh = BIT(CAP_KILL);
	set_sets(&s);
	check_err("ambient-raise-secbit", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0),
		  EPERM);
	s.eff &= ~BIT(CAP_SETPCAP);
	set_sets(&s);
	check_err("securebits-no-setpcap", prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS |
						 SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0), EPERM);
}

static void child_setuid_fixups(void)
{
	struct sets s, t = { 0 };
	get_sets(0, &s);
	check("seteuid-drops-eff", syscall(SYS_setresuid, -1, NOBODY, -1) == 0 &&
	      get_sets(0, &t) == 0 && t.eff == 0 && t.prm == s.prm, "eff %llx prm %llx",
	      (unsigned long long)t.eff, (unsigned long long)t.prm);
	check("seteuid-root-restores", syscall(SYS_setresuid, -1, 0, -1) == 0 &&
	      get_sets(0, &t) == 0 && t.eff == s.prm, "eff %llx", (unsigned long long)t.eff);
	syscall(SYS_setfsuid, NOBODY);
	get_sets(0, &t);
	check("setfsuid-drops-fs-caps", t.eff == (s.prm & ~FS_CAPS), "eff %llx",
	      (unsigned long long)t.eff);
	syscall(SYS_setfsuid, 0);
	get_sets(0, &t);
	check("setfsuid-root-restores", t.eff == s.prm, "eff %llx", (unsigned long long)t.eff);
	/* seteuid away from root, then exec: set-id (euid != uid), and root
	 * real uid gives the bounding set as permitted, none effective. */
	syscall(SYS_setresuid, -1, NOBODY, -1);
	struct rep r;
	check("exec-real-root", exec_report(self, &r) == 0 && r.uid == 0 && r.euid == NOBODY &&
	      r.prm == bnd_set() && r.eff == 0, "uid %u euid %u prm %llx eff %llx", r.uid, r.euid,
	      r.prm, r.eff);
	syscall(SYS_setresuid, -1, 0, -1);
	check("setresuid-drops-all", syscall(SYS_setresuid, NOBODY, NOBODY, NOBODY) == 0 &&
	      get_sets(0, &t) == 0 && t.eff == 0 && t.prm == 0, "eff %llx prm %llx",
	      (unsigned long long)t.eff, (unsigned long long)t.prm);
}

static void child_no_fixup(void)
{
	struct sets s, t = { 0 };
	get_sets(0, &s);
	check("securebits-no-fixup", prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP, 0, 0, 0) == 0,
	      "%s", strerror(errno));
	check("no-fixup-keeps", syscall(SYS_setresuid, NOBODY, NOBODY, NOBODY) == 0 &&
	      get_sets(0, &t) == 0 && t.eff == s.eff && t.prm == s.prm, "eff %llx prm %llx",
	      (unsigned long long)t.eff, (unsigned long long)t.prm);
}

static void child_noroot(void)
{
	check("securebits-noroot", prctl(PR_SET_SECUREBITS, SECBIT_NOROOT, 0, 0, 0) == 0, "%s",
	      strerror(errno));
	struct rep r;
	check("exec-noroot", exec_report(self, &r) == 0 && r.uid == 0 && r.prm == 0 && r.eff == 0,
	      "prm %llx eff %llx", r.prm, r.eff);
}

static void child_nnp_root(void)
{
	struct sets s;
	get_sets(0, &s);
	s.prm = s.eff = BIT(CAP_KILL);
	set_sets(&s);
	struct rep r;
	check("exec-root-regains", exec_report(self, &r) == 0 && r.prm == bnd_set(),
	      "prm %llx", r.prm);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	check("exec-nnp-root-no-gain", exec_report(self, &r) == 0 && r.prm == BIT(CAP_KILL) &&
	      r.eff == BIT(CAP_KILL), "prm %llx eff %llx", r.prm, r.eff);
}

/* A set-user-ID root copy of this program: gives root to uid NOBODY,
 * unless no_new_privs. */
static void test_setuid_exec(void)
{
	const char *copy = t_path(T_DISK, "caps-suid");
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	char buf[8192];
	ssize_t n;
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		(void)!write(out, buf, n);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (chmod(copy, 04755) || chmod(T_DISK, 0755)) {
		check("setuid-copy", 0, "%s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		syscall(SYS_setresuid, NOBODY, NOBODY, NOBODY);
		struct rep r;
		check("exec-setuid-root", exec_report(copy, &r) == 0 && r.uid == NOBODY &&
		      r.euid == 0 && r.prm == bnd_set() && r.eff == r.prm && r.amb == 0,
		      "uid %u euid %u prm %llx eff %llx", r.uid, r.euid, r.prm, r.eff);
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		check("exec-setuid-nnp", exec_report(copy, &r) == 0 && r.uid == NOBODY &&
		      r.euid == NOBODY && r.prm == 0 && r.eff == 0,
		      "uid %u euid %u prm %llx eff %llx", r.uid, r.euid, r.prm, r.eff);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	unlink(copy);
}

static void test_status_order(void)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	static const char *const keys[] = { "\nCapInh:\t", "\nCapPrm:\t", "\nCapEff:\t",
		"\nCapBnd:\t", "\nCapAmb:\t", "\nNoNewPrivs:\t", "\nSeccomp:\t", "\nSeccomp_filters:\t" };
	const char *at = buf;
	int bad = -1;
	for (int i = 0; i < 8 && bad < 0; i++) {
		const char *p = strstr(at, keys[i]);
		if (!p)
			bad = i;
		else
			at = p + 1;
	}
	check("status-order", bad < 0, "%s missing or out of order", bad >= 0 ? keys[bad] + 1 : "");
	char *p = strstr(buf, "\nCapEff:\t");
	check("status-format", p && strspn(p + 9, "0123456789abcdef") == 16, "CapEff not 16 hex digits");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "report") == 0)
		return report();
	self = argv[0];
	if (geteuid() != 0) {
		check("caps-root", 0, "must run as root");
		return 1;
	}
	test_status_order();
	test_capget();
	in_child(child_capset);
	in_child(child_bset);
	in_child(child_ambient);
	in_child(child_keepcaps);
	in_child(child_setuid_fixups);
	in_child(child_no_fixup);
	in_child(child_noroot);
	in_child(child_nnp_root);
	test_setuid_exec();
	return 0;
}
