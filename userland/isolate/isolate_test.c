/*
 * isolate_test.c - host test of options.c (and the clone flag names of
 * userland/lib/nsnames.c): what each command line asks
 * for, the words of --share and --bind, the map lines and the flag names
 * -v prints.  Built with sanitizers; prints "PASS name" or "FAIL name: why".
 */
#define _GNU_SOURCE	/* CLONE_*, pipe2 and sethostname in glibc */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include <errno.h>
#include <sys/syscall.h>
#include <linux/audit.h>

#include "nsnames.h"
#include "options.h"
#include "seccomp_bpf.h"

#define ALL_NS (CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | \
	CLONE_NEWPID | CLONE_NEWNS)
#define MAX_ARGS 32

static int failures;

static void
check(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("PASS isolate-options-%s\n", name);
	} else {
		printf("FAIL isolate-options-%s: %s\n", name, why);
		failures++;
	}
}

static void
check_str(const char *name, const char *want, const char *got)
{
	char why[512];

	if (got == NULL)
		got = "(null)";
	snprintf(why, sizeof(why), "expected '%s', got '%s'", want, got);
	check(name, strcmp(want, got) == 0, why);
}

/*
 * Parse a command line given as one string of words (no quoting); the
 * words live in a static buffer, as argv's would.
 */
static enum parse_result
parse(const char *line, struct isolate_options *opts, char *msg, size_t size)
{
	static char words[1024];
	static char *argv[MAX_ARGS + 1];
	int argc = 0;

	snprintf(words, sizeof(words), "%s", line);
	for (char *w = strtok(words, " "); w && argc < MAX_ARGS; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	return options_parse(opts, argc, argv, msg, size);
}

static void
test_defaults(void)
{
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX];

	check("defaults-run", parse("isolate ps aux", &o, msg, sizeof(msg)) == PARSE_RUN, msg);
	check("defaults-ns", o.new_ns == ALL_NS, "not all six namespaces");
	check_str("defaults-hostname", "isolated", o.hostname ? o.hostname : "(null)");
	check("defaults-map", o.inside_uid == 0 && o.inside_gid == 0, "not root inside");
	check_str("defaults-program", "ps", o.argv[0]);
	check_str("defaults-program-args", "aux", o.argv[1]);
	check("defaults-quiet", !o.verbose && !o.root && !o.nbinds && !o.nenv, "extras set");
}

static void
test_program_options_kept(void)
{
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX];

	parse("isolate -v sh -c -v", &o, msg, sizeof(msg));
	check("stops-at-program", o.verbose && strcmp(o.argv[0], "sh") == 0 &&
	    strcmp(o.argv[1], "-c") == 0 && strcmp(o.argv[2], "-v") == 0,
	    "PROGRAM's options taken as isolate's");
	parse("isolate -- -weird", &o, msg, sizeof(msg));
	check_str("double-dash", "-weird", o.argv[0]);
}

static void
test_every_option(void)
{
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX];
	enum parse_result r;

	r = parse("isolate --hostname box --root /srv/r --bind /a:/b --bind /c:/d:ro "
	    "--share net,ipc --map 1000:100 --env A=1 --env=B=2 --workdir /w prog",
	    &o, msg, sizeof(msg));
	check("all-run", r == PARSE_RUN, msg);
	check_str("hostname", "box", o.hostname);
	check_str("root", "/srv/r", o.root);
	check("binds", o.nbinds == 2 && strcmp(o.binds[0].source, "/a") == 0 &&
	    strcmp(o.binds[0].target, "/b") == 0 && !o.binds[0].read_only &&
	    strcmp(o.binds[1].target, "/d") == 0 && o.binds[1].read_only, "binds wrong");
	check("share", o.new_ns == (ALL_NS & ~(CLONE_NEWNET | CLONE_NEWIPC)), "share wrong");
	check("map-uid-gid", o.inside_uid == 1000 && o.inside_gid == 100, "map wrong");
	check("env", o.nenv == 2 && strcmp(o.env[1], "B=2") == 0, "env wrong");
	check_str("workdir", "/w", o.workdir);
	parse("isolate --map 7 prog", &o, msg, sizeof(msg));
	check("map-gid-follows", o.inside_uid == 7 && o.inside_gid == 7, "gid not uid");
	parse("isolate --share uts prog", &o, msg, sizeof(msg));
	check("share-uts-no-hostname", o.hostname == NULL, "hostname set without uts");
}

/* Each line must be refused; the message must say something. */
static void
test_refusals(void)
{
	static const char *const bad[] = {
		"isolate",
		"isolate -x prog",
		"isolate --bogus prog",
		"isolate --root",
		"isolate --share user,cgroupz prog",
		"isolate --share mnt --root /r prog",
		"isolate --share mnt --bind /a:/b prog",
		"isolate --share uts --hostname h prog",
		"isolate --share user --map 5 prog",
		"isolate --map -1 prog",
		"isolate --map 4294967295 prog",
		"isolate --map 1x prog",
		"isolate --bind /a prog",
		"isolate --bind /a:b prog",
		"isolate --bind /a:/b:rx prog",
		"isolate --env NOEQUALS prog",
		"isolate --env =v prog",
		"isolate --net bogus prog",
		"isolate --net prog",
		"isolate --share net --net veth prog",
		"isolate --share net --net none prog",
		"isolate --net host --publish 80:80 prog",
		"isolate --net none --publish 80:80 prog",
		"isolate --publish 80 prog",
		"isolate --publish 0:80 prog",
		"isolate --publish 80:65536 prog",
		"isolate --publish 80:80x prog",
		"isolate --publish :80 prog",
	};
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX], name[64];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "refuses-%zu", i);
		check(name, parse(bad[i], &o, msg, sizeof(msg)) == PARSE_ERROR && msg[0],
		    bad[i]);
	}
	check("help", parse("isolate -h", &o, msg, sizeof(msg)) == PARSE_HELP, "no help");
	check("help-long", parse("isolate --help prog", &o, msg, sizeof(msg)) == PARSE_HELP,
	    "no help");
}

static void
test_words(void)
{
	unsigned long flags;
	struct bind b;
	char spec[] = "/src/dir:/dst:ro";

	check("ns-names", ns_names_parse("user,uts,ipc,net,pid,mnt", &flags) == 0 &&
	    flags == ALL_NS, "all six");
	check("ns-names-empty-word", ns_names_parse("user,", &flags) < 0, "accepted 'user,'");
	check("bind-parse", bind_parse(spec, &b) == 0 && strcmp(b.source, "/src/dir") == 0 &&
	    strcmp(b.target, "/dst") == 0 && b.read_only, "SRC:DST:ro");
}

static void
test_names(void)
{
	char buf[256], small[12], line[32];

	check_str("clone-names", "CLONE_NEWUSER|CLONE_NEWNS|SIGCHLD",
	    clone_flags_name(CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, buf, sizeof(buf)));
	check_str("clone-names-plain", "CLONE_NEWUSER|CLONE_NEWNS",
	    clone_flags_name(CLONE_NEWUSER | CLONE_NEWNS, buf, sizeof(buf)));
	check_str("clone-names-spawn", "CLONE_NEWPID|CLONE_VM|CLONE_VFORK|SIGCHLD",
	    clone_flags_name(CLONE_NEWPID | CLONE_VFORK | CLONE_VM | SIGCHLD, buf, sizeof(buf)));
	check_str("clone-names-unknown", "CLONE_NEWPID|0x400|SIGCHLD",
	    clone_flags_name(CLONE_NEWPID | CLONE_FILES | SIGCHLD, buf, sizeof(buf)));
	check_str("clone-names-only-signal", "SIGCHLD", clone_flags_name(SIGCHLD, buf, sizeof(buf)));
	check_str("clone-names-zero", "0", clone_flags_name(0, buf, sizeof(buf)));
	check_str("mount-names", "MS_REC|MS_PRIVATE",
	    mount_flags_name(MS_REC | MS_PRIVATE, buf, sizeof(buf)));
	check_str("mount-names-ro-bind", "MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND",
	    mount_flags_name(MS_RDONLY | MS_NOSUID | MS_REMOUNT | MS_BIND, buf, sizeof(buf)));
	check_str("mount-names-short-buffer", "MS_RDONLY|M",
	    mount_flags_name(MS_RDONLY | MS_NOSUID | MS_NODEV, small, sizeof(small)));
	check("map-line", map_line(line, sizeof(line), 0, 1000) == 9 &&
	    strcmp(line, "0 1000 1\n") == 0, line);
	check("map-line-short", map_line(line, 5, 0, 1000) < 0, "fit in 5 bytes");
	check("map-line-largest", map_line(line, sizeof(line), 4294967295ul, 0) == 15 &&
	    strcmp(line, "4294967295 0 1\n") == 0, line);
	check_str("decimal-zero", "0", str_decimal(line, 0));
	check_str("decimal-max", "18446744073709551615", str_decimal(line, (unsigned long)-1));
	check("join", str_join(line, sizeof(line), (const char *const[]){ "/a", "", "/b",
	    NULL }) == 4 && strcmp(line, "/a/b") == 0, line);
	check("join-exact-fit", str_join(small, 5, (const char *const[]){ "ab", "cd", NULL }) == 4 &&
	    strcmp(small, "abcd") == 0, small);
	check("join-too-long", str_join(small, 4, (const char *const[]){ "ab", "cd", NULL }) < 0,
	    "fit in 4 bytes");
}

/* Capabilities and the seccomp choice on the command line. */
static void
test_security_options(void)
{
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX];

	check("cap-parse", cap_parse("CAP_SYS_ADMIN") == 21 && cap_parse("sys_admin") == 21 &&
	    cap_parse("Chown") == 0 && cap_parse("CAP_CHECKPOINT_RESTORE") == 40 &&
	    cap_parse("bogus") < 0 && cap_parse("CAP_") < 0, "a name misread");
	check_str("cap-name", "CAP_SETFCAP", cap_name(31));
	check_str("cap-name-bad", "CAP_?", cap_name(41));
	parse("isolate true", &o, msg, sizeof(msg));
	check("default-caps", o.caps == 0xa80425fbull && o.seccomp == ISOLATE_SECCOMP_DEFAULT &&
	    o.no_new_privs, "not Docker's set, the default filter and no_new_privs");
	parse("isolate --cap-drop all --cap-add NET_ADMIN --cap-add kill true", &o, msg, sizeof(msg));
	check("cap-drop-all-add", o.caps == ((1ull << 12) | (1ull << 5)), "wrong set");
	parse("isolate --cap-add all --cap-drop SYS_ADMIN true", &o, msg, sizeof(msg));
	check("cap-add-all-drop", o.caps == (((1ull << 41) - 1) & ~(1ull << 21)), "wrong set");
	check("cap-bad", parse("isolate --cap-drop nope true", &o, msg, sizeof(msg)) == PARSE_ERROR,
	    "accepted");
	check_str("cap-bad-message", "--cap-drop nope: not a capability", msg);
	parse("isolate --seccomp none true", &o, msg, sizeof(msg));
	check("seccomp-none", o.seccomp == ISOLATE_SECCOMP_NONE && !o.no_new_privs,
	    "a filter or no_new_privs");
	parse("isolate --seccomp none --no-new-privs true", &o, msg, sizeof(msg));
	check("no-new-privs", o.no_new_privs, "not set");
	parse("isolate --seccomp /f true", &o, msg, sizeof(msg));
	check("seccomp-file", o.seccomp == ISOLATE_SECCOMP_FILE && strcmp(o.seccomp_file, "/f") == 0,
	    "not the file");
}

/* The default filter, checked and run by the kernel's own BPF code. */
static void
test_default_filter(void)
{
	static struct sock_filter buf[ISOLATE_FILTER_MAX];
	static __u16 scratch[ISOLATE_FILTER_MAX];
	unsigned n;
	const struct sock_filter *f = default_filter(buf, AUDIT_ARCH_RISCV64, &n);
	struct seccomp_data d = { .nr = SYS_reboot, .arch = AUDIT_ARCH_RISCV64 };

	check("filter-valid", n <= ISOLATE_FILTER_MAX && seccomp_bpf_check(f, n, scratch),
	    "the checker refuses it");
	check("filter-reboot", seccomp_bpf_run(f, &d) == (SECCOMP_RET_ERRNO | EPERM), "not EPERM");
	d.nr = SYS_quotactl;
	check("filter-quotactl", seccomp_bpf_run(f, &d) == (SECCOMP_RET_ERRNO | EPERM), "not EPERM");
	d.nr = SYS_getpid;
	check("filter-getpid", seccomp_bpf_run(f, &d) == SECCOMP_RET_ALLOW, "not allowed");
	/* Every number up to 1023: EPERM for the denied ones alone. */
	static const int denied[] = { SYS_reboot, SYS_kexec_load, SYS_init_module,
	    SYS_finit_module, SYS_delete_module, SYS_swapon, SYS_swapoff, SYS_settimeofday,
	    SYS_clock_settime, SYS_clock_adjtime, SYS_adjtimex, SYS_keyctl, SYS_add_key,
	    SYS_request_key, SYS_bpf, SYS_userfaultfd, SYS_perf_event_open, SYS_acct,
	    SYS_quotactl };
	int wrong = -1;
	for (int nr = 0; nr < 1024 && wrong < 0; nr++) {
		int deny = 0;
		for (unsigned i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
			deny |= denied[i] == nr;
		d.nr = nr;
		if (seccomp_bpf_run(f, &d) != (deny ? SECCOMP_RET_ERRNO | EPERM : SECCOMP_RET_ALLOW))
			wrong = nr;
	}
	char why[64];
	snprintf(why, sizeof(why), "call %d gets the wrong verdict", wrong);
	check("filter-every-number", wrong < 0, why);
	snprintf(why, sizeof(why), "%u instructions", n);
	check("filter-short", n <= 4 + 2 * 19 + 2, why);
	d.nr = SYS_reboot;
	d.arch = AUDIT_ARCH_X86_64;
	check("filter-foreign-arch", seccomp_bpf_run(f, &d) == SECCOMP_RET_KILL_PROCESS, "not killed");
}

/*
 * FILTER_TREE19, the default filter written out at compile time for
 * riscv64, is what filter_tree builds from the same 19 numbers: checked
 * with ascending numbers of this host's choosing (the table's layout does
 * not depend on which they are), instruction for instruction.
 */
static void
test_filter_table(void)
{
	static const struct sock_filter table[] = FILTER_TREE19(AUDIT_ARCH_RISCV64, 3, 7, 10,
	    11, 40, 41, 42, 90, 91, 120, 121, 200, 201, 202, 300, 301, 400, 401, 402);
	static const uint32_t nr[] = { 3, 7, 10, 11, 40, 41, 42, 90, 91, 120, 121, 200, 201,
	    202, 300, 301, 400, 401, 402 };
	static struct sock_filter built[ISOLATE_FILTER_MAX];
	unsigned n = filter_tree(built, AUDIT_ARCH_RISCV64, nr, 19);
	int differs = -1;

	check("filter-table-length", n == FILTER_TREE19_LEN &&
	    sizeof(table) / sizeof(table[0]) == FILTER_TREE19_LEN, "not 32 instructions");
	for (unsigned i = 0; i < n && i < FILTER_TREE19_LEN && differs < 0; i++)
		if (memcmp(&table[i], &built[i], sizeof(table[i])) != 0)
			differs = (int)i;
	char why[64];
	snprintf(why, sizeof(why), "instruction %d differs", differs);
	check("filter-table-is-the-tree", differs < 0, why);
	check("filter-tree-no-room", filter_tree(built, AUDIT_ARCH_RISCV64, nr, 0) == 0,
	    "built from nothing");
}

/* --pids N: a count of processes from 1; anything else is refused. */
static void
test_pids(void)
{
	struct isolate_options opts;
	char msg[256];

	check("pids-default", parse("isolate true", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.pids_max == 0, "a limit without --pids");
	check("pids-20", parse("isolate --pids 20 sh", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.pids_max == 20, msg);
	check("pids-zero", parse("isolate --pids 0 sh", &opts, msg, sizeof(msg)) == PARSE_ERROR,
	    "--pids 0 taken");
	check_str("pids-word", "--pids many: not a number of processes",
	    parse("isolate --pids many sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ? msg : "");
	check("pids-huge", parse("isolate --pids 99999999999 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "a count past INT_MAX taken");
}

/* --memory SIZE and --memory-high SIZE: digits with an optional K, M, G
 * or T, kept as written (memory.max reads them so); anything else is
 * refused. */
static void
test_memory(void)
{
	struct isolate_options opts;
	char msg[256];

	check("memory-default", parse("isolate true", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    !opts.memory_max && !opts.memory_high, "a limit without --memory");
	check("memory-16M", parse("isolate --memory 16M --memory-high 12m sh", &opts, msg,
	    sizeof(msg)) == PARSE_RUN, msg);
	check_str("memory-max-kept", "16M", opts.memory_max ? opts.memory_max : "(null)");
	check_str("memory-high-kept", "12m", opts.memory_high ? opts.memory_high : "(null)");
	check("memory-bytes", parse("isolate --memory 1048576 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_RUN, msg);
	check_str("memory-word", "--memory lots: not a size",
	    parse("isolate --memory lots sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ? msg : "");
	check_str("memory-high-frac", "--memory-high 1.5G: not a size",
	    parse("isolate --memory-high 1.5G sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ?
	    msg : "");
	check("memory-zero", parse("isolate --memory 0 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "--memory 0 taken");
	check("memory-below-page", parse("isolate --memory 100 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "less than a page taken");
	check("memory-suffix", parse("isolate --memory 5X sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "--memory 5X taken");
}

/* --io-max DEV:KEY=VALUE,...: the device and io.max's words; bad keys,
 * values and a missing device refused. */
static void
test_io_max(void)
{
	struct isolate_options opts;
	char msg[256];

	check("io-default", parse("isolate true", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.io_limits[0] == '\0', "a limit without --io-max");
	check("io-majmin", parse("isolate --io-max 254:0:rbps=1048576,wiops=max sh", &opts, msg,
	    sizeof(msg)) == PARSE_RUN && strcmp(opts.io_dev, "254:0") == 0 &&
	    strcmp(opts.io_limits, "rbps=1048576 wiops=max") == 0, msg);
	check("io-path", parse("isolate --io-max /dev/vda:riops=100 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_RUN && strcmp(opts.io_dev, "/dev/vda") == 0 &&
	    strcmp(opts.io_limits, "riops=100") == 0, msg);
	check_str("io-bad-key", "--io-max 254:0:speed=1: not DEV:KEY=VALUE[,KEY=VALUE]...",
	    parse("isolate --io-max 254:0:speed=1 sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ?
	    msg : "");
	check("io-bad-value", parse("isolate --io-max 254:0:rbps=0 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR && parse("isolate --io-max 254:0:rbps=1k sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR && parse("isolate --io-max 254:0:rbps= sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "a bad value taken");
	check("io-no-device", parse("isolate --io-max rbps=1 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR && parse("isolate --io-max :rbps=1 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "no device taken");
}

/* --cpus FRACTION and --cpu-weight N. */
static void
test_cpu(void)
{
	struct isolate_options opts;
	char msg[256];

	check("cpus-default", parse("isolate true", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.cpu_quota == 0 && opts.cpu_weight == 0, "a cpu limit without --cpus");
	check("cpus-half", parse("isolate --cpus 0.5 sh", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.cpu_quota == 50000, msg);
	check("cpus-two", parse("isolate --cpus 2 sh", &opts, msg, sizeof(msg)) == PARSE_RUN &&
	    opts.cpu_quota == 200000, msg);
	check("cpus-fine", parse("isolate --cpus 1.00001 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_RUN && opts.cpu_quota == 100001, msg);
	check("cpus-too-fine", parse("isolate --cpus 1.000001 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "a millionth taken");
	check("cpus-small", parse("isolate --cpus 0.001 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "0.001 taken");
	check_str("cpus-word", "--cpus half: not a number of cpus from 0.01",
	    parse("isolate --cpus half sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ? msg : "");
	check("cpus-dot", parse("isolate --cpus 1. sh", &opts, msg, sizeof(msg)) == PARSE_ERROR,
	    "1. taken");
	check("cpu-weight", parse("isolate --cpu-weight 300 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_RUN && opts.cpu_weight == 300, msg);
	check("cpu-weight-zero", parse("isolate --cpu-weight 0 sh", &opts, msg, sizeof(msg)) ==
	    PARSE_ERROR, "0 taken");
	check_str("cpu-weight-big", "--cpu-weight 10001: not a weight from 1 to 10000",
	    parse("isolate --cpu-weight 10001 sh", &opts, msg, sizeof(msg)) == PARSE_ERROR ? msg : "");
}

static void
test_net(void)
{
	struct isolate_options o;
	char msg[ISOLATE_MSG_MAX];

	check("net-default", parse("isolate prog", &o, msg, sizeof(msg)) == PARSE_RUN &&
	    o.net == ISOLATE_NET_DEFAULT && o.npublish == 0, "not the default");
	check("net-host", parse("isolate --net host prog", &o, msg, sizeof(msg)) == PARSE_RUN &&
	    o.net == ISOLATE_NET_HOST && !(o.new_ns & CLONE_NEWNET), "host not shared");
	check("net-share-is-host", parse("isolate --share net prog", &o, msg, sizeof(msg)) ==
	    PARSE_RUN && o.net == ISOLATE_NET_HOST, "--share net not host");
	check("net-none", parse("isolate --net none prog", &o, msg, sizeof(msg)) == PARSE_RUN &&
	    o.net == ISOLATE_NET_NONE && (o.new_ns & CLONE_NEWNET), "none wrong");
	check("net-publish", parse("isolate --publish 8080:80 --publish 1:65535 prog", &o, msg,
	    sizeof(msg)) == PARSE_RUN && o.net == ISOLATE_NET_VETH && o.npublish == 2 &&
	    o.publish[0].host_port == 8080 && o.publish[0].port == 80 &&
	    o.publish[1].host_port == 1 && o.publish[1].port == 65535, "publish wrong");
}

int
main(void)
{
	test_net();
	test_security_options();
	test_default_filter();
	test_filter_table();
	test_defaults();
	test_program_options_kept();
	test_every_option();
	test_refusals();
	test_words();
	test_names();
	test_pids();
	test_memory();
	test_io_max();
	test_cpu();
	return failures != 0;
}
