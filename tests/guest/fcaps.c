/*
 * fcaps.c - extended attributes and file capabilities.
 *
 * The xattr calls on the disk (T_DISK): values, sizes and their errors
 * (ENODATA, EEXIST, ERANGE, E2BIG, EINVAL, EOPNOTSUPP), lists, the l* calls
 * on a symlink, and who may touch which namespace (user.* by the mode bits,
 * trusted.* and security.* by privilege).  Then security.capability: a copy
 * of this program with cap_dac_read_search gives exactly that to an
 * unprivileged user (who then reads a root-only file), not without the
 * attribute, not on a nosuid mount, not under no_new_privs; a write or a
 * chown drops it; written in a user namespace it becomes revision 3 with
 * that namespace's root, read back as revision 2 there and 3 outside, and
 * counts only for that namespace.
 *
 * Runs as root; changes of identity happen in children.  Linux on the host
 * is the oracle (built natively, as root); where the host's disk keeps no
 * attributes, the test says so and stops.
 *
 * `fcaps report FILE` prints "permitted effective readable" (the sets in
 * hex; readable: 1 if FILE opens for reading).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <linux/capability.h>
#include "t.h"

#define NOBODY		1000
#define NS_ROOT		200000	/* uid 0 of the test's user namespace */
#define BIT(c)		(1ull << (c))

static const char *self;

static int report(const char *file)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	if (syscall(SYS_capget, &h, d))
		return 1;
	int fd = open(file, O_RDONLY);
	printf("%llx %llx %d\n",
	       (unsigned long long)(d[0].permitted | (uint64_t)d[1].permitted << 32),
	       (unsigned long long)(d[0].effective | (uint64_t)d[1].effective << 32), fd >= 0);
	return 0;
}

struct rep {
	uint64_t prm, eff;
	int readable;
	int ok;		/* the program ran and reported */
};

/* Fork; the child runs setup (if any), becomes uid (unless -1), and execs
 * prog report FILE; parse what it prints. */
static struct rep exec_report(const char *prog, const char *file, uid_t uid,
			      void (*setup)(void))
{
	struct rep r = { 0 };
	char buf[128];
	int p[2];
	if (pipe(p))
		return r;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		if (setup)
			setup();
		if (uid != (uid_t)-1 && (setgid(uid) || setresuid(uid, uid, uid)))
			_exit(126);
		execl(prog, prog, "report", file, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	ssize_t n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	unsigned long long prm, eff;
	if (n > 0) {
		buf[n] = '\0';
		r.ok = sscanf(buf, "%llx %llx %d", &prm, &eff, &r.readable) == 3;
		r.prm = prm;
		r.eff = eff;
	}
	return r;
}

/* Run fn in a child; its exit status (0: fine). */
static int in_child(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn(arg));
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[8192];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n = 0;
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in < 0 || out < 0 || n < 0 ? -1 : chmod(to, mode);
}

/* ---- the xattr calls ---- */

static void test_values(const char *f)
{
	char buf[64];
	check("set", setxattr(f, "user.color", "blue", 4, 0) == 0, "errno %d", errno);
	ssize_t n = getxattr(f, "user.color", buf, sizeof(buf));
	check("get", n == 4 && memcmp(buf, "blue", 4) == 0, "got %zd", n);
	check("get-size", getxattr(f, "user.color", NULL, 0) == 4, "errno %d", errno);
	check_err("get-erange", getxattr(f, "user.color", buf, 3), ERANGE);
	check_err("get-absent", getxattr(f, "user.none", buf, sizeof(buf)), ENODATA);
	check_err("create-exists", setxattr(f, "user.color", "red", 3, XATTR_CREATE), EEXIST);
	check_err("replace-absent", setxattr(f, "user.none", "x", 1, XATTR_REPLACE), ENODATA);
	check("replace", setxattr(f, "user.color", "green", 5, XATTR_REPLACE) == 0 &&
	      getxattr(f, "user.color", buf, sizeof(buf)) == 5, "errno %d", errno);
	check("empty-value", setxattr(f, "user.empty", "", 0, 0) == 0 &&
	      getxattr(f, "user.empty", buf, sizeof(buf)) == 0, "errno %d", errno);
	check_err("bad-flags", setxattr(f, "user.x", "x", 1, 4), EINVAL);
	check_err("empty-name", setxattr(f, "", "x", 1, 0), ERANGE);
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	memcpy(longname, "user.", 5);
	longname[sizeof(longname) - 1] = '\0';
	check_err("long-name", setxattr(f, longname, "x", 1, 0), ERANGE);
	check_err("bare-prefix", setxattr(f, "user.", "x", 1, 0), EINVAL);
	check_err("unknown-namespace", setxattr(f, "nosuch.x", "x", 1, 0), EOPNOTSUPP);
	static char huge[65537];
	check_err("value-too-big", setxattr(f, "user.huge", huge, sizeof(huge), 0), E2BIG);
	check("trusted-set", setxattr(f, "trusted.t", "t", 1, 0) == 0, "errno %d", errno);
	check("security-set", setxattr(f, "security.s", "s", 1, 0) == 0, "errno %d", errno);

	/* The list: every name once, NUL-terminated; size 0 asks its size. */
	char list[256];
	n = listxattr(f, list, sizeof(list));
	ssize_t need = listxattr(f, NULL, 0);
	int seen = 0;
	for (ssize_t i = 0; i < n; i += strlen(list + i) + 1)
		seen += !strcmp(list + i, "user.color") + !strcmp(list + i, "user.empty") +
			!strcmp(list + i, "trusted.t") + !strcmp(list + i, "security.s");
	check("list", n > 0 && seen == 4 && need == n, "n %zd need %zd seen %d", n, need, seen);
	check_err("list-erange", listxattr(f, list, 5), ERANGE);

	int fd = open(f, O_RDONLY);
	check("fget", fgetxattr(fd, "user.color", buf, sizeof(buf)) == 5 &&
	      flistxattr(fd, NULL, 0) == need, "errno %d", errno);
	check("fset-fremove", fsetxattr(fd, "user.f", "1", 1, 0) == 0 &&
	      fremovexattr(fd, "user.f") == 0, "errno %d", errno);
	close(fd);
	/* An unlinked open file keeps its attributes for the f* calls. */
	char gone[300];
	snprintf(gone, sizeof(gone), "%s-unlinked", f);
	fd = open(gone, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("unlinked-fset-fget", fd >= 0 && unlink(gone) == 0 &&
	      fsetxattr(fd, "user.u", "1", 1, 0) == 0 && fgetxattr(fd, "user.u", buf, 8) == 1 &&
	      flistxattr(fd, NULL, 0) > 0 && fremovexattr(fd, "user.u") == 0, "errno %d", errno);
	if (fd >= 0)
		close(fd);
	check("remove", removexattr(f, "user.empty") == 0, "errno %d", errno);
	check_err("remove-absent", removexattr(f, "user.empty"), ENODATA);
}

static void test_symlink(const char *f, const char *link)
{
	char buf[16];
	unlink(link);
	if (symlink(f, link))
		return;
	check("follow", getxattr(link, "user.color", buf, sizeof(buf)) == 5, "errno %d", errno);
	check_err("lget-symlink", lgetxattr(link, "user.color", buf, sizeof(buf)), ENODATA);
	check_err("lset-user-symlink", lsetxattr(link, "user.x", "x", 1, 0), EPERM);
	check("lset-trusted-symlink", lsetxattr(link, "trusted.x", "x", 1, 0) == 0 &&
	      lgetxattr(link, "trusted.x", buf, sizeof(buf)) == 1, "errno %d", errno);
	unlink(link);
}

/* As NOBODY, on a root-owned 0644 file holding user.color, trusted.t and
 * security.s. */
static int unprivileged(void *arg)
{
	const char *f = arg;
	char buf[64], list[256];
	if (setgid(NOBODY) || setresuid(NOBODY, NOBODY, NOBODY))
		return 1;
	check("nobody-get-user", getxattr(f, "user.color", buf, sizeof(buf)) == 5, "errno %d", errno);
	check_err("nobody-set-user", setxattr(f, "user.color", "x", 1, 0), EACCES);
	check_err("nobody-get-trusted", getxattr(f, "trusted.t", buf, sizeof(buf)), ENODATA);
	check_err("nobody-set-trusted", setxattr(f, "trusted.t", "x", 1, 0), EPERM);
	check("nobody-get-security", getxattr(f, "security.s", buf, sizeof(buf)) == 1, "errno %d", errno);
	check_err("nobody-set-security", setxattr(f, "security.s", "x", 1, 0), EPERM);
	check_err("nobody-remove-security", removexattr(f, "security.s"), EPERM);
	ssize_t n = listxattr(f, list, sizeof(list));
	bool trusted = false;
	for (ssize_t i = 0; i < n; i += strlen(list + i) + 1)
		trusted |= !strncmp(list + i, "trusted.", 8);
	check("nobody-list-hides-trusted", n > 0 && !trusted, "n %zd", n);
	return 0;
}

/* Without CAP_FSETID, a write to an unlinked set-user-ID file (whose
 * bit the write clears, as any write by one without it). */
static int write_unlinked_setuid(void *arg)
{
	const char *f = arg;
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	struct stat st;
	if (syscall(SYS_capget, &h, d))
		return 1;
	d[0].effective &= ~(1u << CAP_FSETID);
	if (syscall(SYS_capset, &h, d))
		return 2;
	int fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	check("write-unlinked-setuid", fd >= 0 && fchmod(fd, 04755) == 0 && unlink(f) == 0 &&
	      write(fd, "x", 1) == 1 && fstat(fd, &st) == 0 && !(st.st_mode & S_ISUID),
	      "errno %d", errno);
	if (fd >= 0)
		close(fd);
	return 0;
}

/* ---- file capabilities ---- */

static int set_caps(const char *f, uint64_t prm, bool eff)
{
	struct vfs_cap_data c = { 0 };
	c.magic_etc = VFS_CAP_REVISION_2 | (eff ? VFS_CAP_FLAGS_EFFECTIVE : 0);
	c.data[0].permitted = (uint32_t)prm;
	c.data[1].permitted = (uint32_t)(prm >> 32);
	return setxattr(f, "security.capability", &c, XATTR_CAPS_SZ_2, 0);
}

static void no_new_privs(void)
{
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static void test_exec(const char *prog, const char *secret)
{
	const uint64_t want = BIT(CAP_DAC_READ_SEARCH);
	struct rep r = exec_report(prog, secret, NOBODY, NULL);
	check("plain-no-caps", r.ok && r.prm == 0 && r.eff == 0 && !r.readable,
	      "ok %d prm %llx eff %llx read %d", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff, r.readable);
	check("setcap", set_caps(prog, want, true) == 0, "errno %d", errno);
	r = exec_report(prog, secret, NOBODY, NULL);
	check("fcaps-gained", r.ok && r.prm == want && r.eff == want && r.readable,
	      "ok %d prm %llx eff %llx read %d", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff, r.readable);
	r = exec_report(prog, secret, NOBODY, no_new_privs);
	check("fcaps-no-new-privs", r.ok && r.prm == 0 && r.eff == 0 && !r.readable,
	      "ok %d prm %llx eff %llx", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff);
	check("setcap-no-effective", set_caps(prog, want, false) == 0, "errno %d", errno);
	r = exec_report(prog, secret, NOBODY, NULL);
	check("fcaps-permitted-only", r.ok && r.prm == want && r.eff == 0 && !r.readable,
	      "ok %d prm %llx eff %llx", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff);
	check_err("setcap-malformed", setxattr(prog, "security.capability", "xx", 2, 0), EINVAL);
}

/* A nosuid bind mount of the disk directory: the same file gives nothing. */
static const char *nosuid_dir;
static void nosuid_mount(void)
{
	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount(nosuid_dir, nosuid_dir, NULL, MS_BIND, NULL) ||
	    mount(NULL, nosuid_dir, NULL, MS_REMOUNT | MS_BIND | MS_NOSUID, NULL))
		_exit(125);
}

static void test_nosuid(const char *dir, const char *prog, const char *secret)
{
	nosuid_dir = dir;
	set_caps(prog, BIT(CAP_DAC_READ_SEARCH), true);
	struct rep r = exec_report(prog, secret, NOBODY, nosuid_mount);
	check("fcaps-nosuid", r.ok && r.prm == 0 && r.eff == 0 && !r.readable,
	      "ok %d prm %llx eff %llx", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff);
}

static void test_dropped(const char *data)
{
	char buf[32];
	int fd;
	check("data-setcap", set_caps(data, BIT(CAP_NET_RAW), true) == 0, "errno %d", errno);
	fd = open(data, O_WRONLY | O_APPEND);
	check("write-drops-caps", fd >= 0 && write(fd, "x", 1) == 1 &&
	      getxattr(data, "security.capability", buf, sizeof(buf)) == -1 && errno == ENODATA,
	      "errno %d", errno);
	if (fd >= 0)
		close(fd);
	set_caps(data, BIT(CAP_NET_RAW), true);
	check("chown-drops-caps", chown(data, NOBODY, -1) == 0 &&
	      getxattr(data, "security.capability", buf, sizeof(buf)) == -1 && errno == ENODATA,
	      "errno %d", errno);
	check("user-xattr-survives-write", setxattr(data, "user.k", "v", 1, 0) == 0 &&
	      (fd = open(data, O_WRONLY | O_APPEND)) >= 0 && write(fd, "y", 1) == 1 &&
	      getxattr(data, "user.k", buf, sizeof(buf)) == 1, "errno %d", errno);
	if (fd >= 0)
		close(fd);
}

/* ---- revision 3: written in a user namespace ---- */

struct ns_args {
	const char *prog, *secret;
	int go[2], done[2];
};

static int write_map(pid_t pid, const char *file, const char *line)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* In the new namespace (root there is NS_ROOT outside). */
static int in_userns(void *arg)
{
	struct ns_args *a = arg;
	char c;
	struct vfs_ns_cap_data v;
	if (unshare(CLONE_NEWUSER))
		return 1;
	if (write(a->go[1], "u", 1) != 1 || read(a->done[0], &c, 1) != 1 || c != 'm')
		return 2;
	if (setresgid(0, 0, 0) || setresuid(0, 0, 0))
		return 3;
	check("ns-setcap", set_caps(a->prog, BIT(CAP_DAC_READ_SEARCH), true) == 0,
	      "errno %d", errno);
	ssize_t n = getxattr(a->prog, "security.capability", &v, sizeof(v));
	check("ns-reads-v2", n == XATTR_CAPS_SZ_2 &&
	      (v.magic_etc & VFS_CAP_REVISION_MASK) == VFS_CAP_REVISION_2, "n %zd magic %x",
	      n, v.magic_etc);
	/* uid 1 here (NS_ROOT + 1 outside) gains them: the root they name is ours. */
	struct rep r = exec_report(a->prog, a->secret, 1, NULL);
	check("ns-fcaps-gained", r.ok && r.prm == BIT(CAP_DAC_READ_SEARCH) &&
	      r.eff == BIT(CAP_DAC_READ_SEARCH), "ok %d prm %llx eff %llx", r.ok,
	      (unsigned long long)r.prm, (unsigned long long)r.eff);
	return 0;
}

static void test_userns(const char *prog, const char *secret)
{
	struct ns_args a = { .prog = prog, .secret = secret };
	struct vfs_ns_cap_data v;
	char c;
	removexattr(prog, "security.capability");
	if (chown(prog, NS_ROOT, NS_ROOT) || pipe(a.go) || pipe(a.done))
		return;
	pid_t pid = fork();
	if (pid == 0)
		_exit(in_userns(&a));
	int ok = read(a.go[0], &c, 1) == 1 &&
		 !write_map(pid, "uid_map", "0 200000 2\n") &&
		 !write_map(pid, "gid_map", "0 200000 2\n");
	check("ns-maps", ok, "errno %d", errno);
	if (write(a.done[1], ok ? "m" : "x", 1) != 1)
		ok = 0;
	int st;
	waitpid(pid, &st, 0);
	check("ns-child", ok && WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %x", st);
	ssize_t n = getxattr(prog, "security.capability", &v, sizeof(v));
	check("outside-reads-v3", n == XATTR_CAPS_SZ_3 &&
	      (v.magic_etc & VFS_CAP_REVISION_MASK) == VFS_CAP_REVISION_3 &&
	      v.rootid == NS_ROOT, "n %zd magic %x rootid %u", n, v.magic_etc, v.rootid);
	/* Outside, the namespace's root is nobody special: nothing gained. */
	struct rep r = exec_report(prog, secret, NOBODY, NULL);
	check("outside-v3-no-caps", r.ok && r.prm == 0 && r.eff == 0,
	      "ok %d prm %llx eff %llx", r.ok, (unsigned long long)r.prm,
	      (unsigned long long)r.eff);
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "report"))
		return report(argv[2]);
	const char *dir = T_DISK;
	char f[256], link[256], prog[256], secret[256], data[256];
	snprintf(f, sizeof(f), "%s/xattr-file", dir);
	snprintf(link, sizeof(link), "%s/xattr-link", dir);
	snprintf(prog, sizeof(prog), "%s/fcaps-prog", dir);
	snprintf(secret, sizeof(secret), "%s/fcaps-secret", dir);
	snprintf(data, sizeof(data), "%s/fcaps-data", dir);
	unlink(f);
	int fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return check("open", 0, "%s: %s", f, strerror(errno)), 1;
	close(fd);
	if (setxattr(f, "user.probe", "1", 1, 0) && errno == EOPNOTSUPP) {
		t_print("SKIP fcaps: %s keeps no extended attributes", dir);
		unlink(f);
		return 0;
	}
	removexattr(f, "user.probe");
	test_values(f);
	test_symlink(f, link);
	check("unprivileged", in_child(unprivileged, f) == 0, "child failed");
	char setuid_file[256];
	snprintf(setuid_file, sizeof(setuid_file), "%s/setuid-unlinked", dir);
	check("no-fsetid", in_child(write_unlinked_setuid, setuid_file) == 0, "child failed");

	if (copy_file(self, prog, 0755) || copy_file(self, secret, 0600) ||
	    copy_file(self, data, 0644) || chmod(dir, 0755))
		return check("copies", 0, "%s", strerror(errno)), 1;
	test_exec(prog, secret);
	test_nosuid(dir, prog, secret);
	test_dropped(data);
	test_userns(prog, secret);
	unlink(f);
	unlink(prog);
	unlink(secret);
	unlink(data);
	return 0;
}
