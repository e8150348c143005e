/*
 * options.h - what isolate was asked to do, and the words it uses to say
 * what it does.  Everything here is pure: no system calls, so the host
 * unit test (isolate_test.c) can drive it with sanitizers.
 */
#ifndef ISOLATE_OPTIONS_H
#define ISOLATE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "captext.h"

#define ISOLATE_MAX_BINDS 32
#define ISOLATE_MAX_ENV   64
#define ISOLATE_DEFAULT_HOSTNAME "isolated"
#define ISOLATE_MSG_MAX 256
#define ISOLATE_FILTER_MAX 64	/* instructions of the default filter, at most */
#define ISOLATE_NCAPS CAP_NAMES_COUNT	/* CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40) */

/* --seccomp: the filter PROGRAM runs under. */
enum isolate_seccomp { ISOLATE_SECCOMP_DEFAULT, ISOLATE_SECCOMP_NONE, ISOLATE_SECCOMP_FILE };

/* --net: what network the container has.  DEFAULT becomes VETH or NONE
 * when isolate runs (net.c: veth where the machine has set a pool up). */
enum isolate_net { ISOLATE_NET_DEFAULT, ISOLATE_NET_NONE, ISOLATE_NET_HOST, ISOLATE_NET_VETH };
#define ISOLATE_MAX_PUBLISH 8

/* --publish HOSTPORT:PORT */
struct publish {
	unsigned short host_port;	/* where the host listens */
	unsigned short port;		/* the container's port it relays to */
};

/* --bind SRC:DST[:ro] */
struct bind {
	const char *source;	/* a path of the caller's world */
	const char *target;	/* a path inside the container (under --root) */
	int read_only;
};

struct isolate_options {
	unsigned long new_ns;		/* CLONE_NEW* flags to create */
	const char *hostname;		/* NULL: keep the one inherited */
	const char *root;		/* --root DIR, or NULL */
	struct bind binds[ISOLATE_MAX_BINDS];
	int nbinds;
	char *env[ISOLATE_MAX_ENV];	/* NAME=VALUE strings (argv's own) */
	int nenv;
	const char *workdir;
	uid_t inside_uid;
	gid_t inside_gid;
	int verbose;
	long pids_max;			/* --pids N; 0: no limit */
	const char *memory_max;		/* --memory SIZE (memory.max), or NULL */
	const char *memory_high;	/* --memory-high SIZE (memory.high), or NULL */
	char io_dev[64];		/* --io-max DEV:...: "MAJ:MIN" or a device path */
	char io_limits[96];		/* its limits as io.max takes them; "": none */
	long cpu_quota;			/* --cpus F: cpu.max quota, us per 100000; 0: none */
	int cpu_weight;			/* --cpu-weight N (cpu.weight); 0: unset */
	char **argv;			/* PROGRAM and its arguments */
	uint64_t caps;			/* the bounding set PROGRAM gets (bit N: capability N) */
	int seccomp;			/* enum isolate_seccomp */
	const char *seccomp_file;	/* --seccomp FILE */
	int no_new_privs;		/* --no-new-privs, or implied by a filter */
	const struct sock_filter *filter; /* installed last (isolate.c loads it); NULL: none */
	unsigned filter_len;
	int net;			/* enum isolate_net */
	struct publish publish[ISOLATE_MAX_PUBLISH];
	int npublish;
};

enum parse_result { PARSE_RUN, PARSE_HELP, PARSE_ERROR };

/*
 * Fill *opts from the command line.  On PARSE_ERROR, msg holds why
 * (without the program name); the caller prints it and the usage line.
 * Uses getopt_long, so optind and friends are reset on entry.
 */
enum parse_result options_parse(struct isolate_options *opts, int argc,
    char *argv[], char *msg, size_t msgsize);

/* "user,uts,ipc,net,pid,mnt" (nsnames.h) -> CLONE_NEW* flags; -1 on an unknown name. */
int ns_names_parse(const char *list, unsigned long *flags);

/* --pids N: 0 with *max set, -1 unless a count from 1 to INT_MAX. */
int pids_parse(const char *text, long *max);

/* --memory SIZE: 0 if text is a size memory.max takes (decimal digits,
 * a K, M, G or T after them at most), at least one page; -1 if not. */
int size_parse(const char *text);
/* --io-max DEV:KEY=VALUE[,KEY=VALUE]... (KEY rbps, wbps, riops or wiops;
 * VALUE a number from 1 or "max"; DEV "MAJ:MIN" or a device's path):
 * 0 with DEV in dev and the limits as io.max reads them ("rbps=N
 * wbps=max") in limits, or -1. */
int io_max_parse(const char *text, char *dev, size_t devsize, char *limits, size_t limsize);
/* --cpus FRACTION ("0.5", "2", at most 5 decimals, at least 0.01):
 * the quota in microseconds per 100000; -1 if not such a number. */
int cpus_parse(const char *text, long *quota);

/* "none", "host" or "veth" -> enum isolate_net; -1 if none of them. */
int net_parse(const char *text);
/* "HOSTPORT:PORT", each from 1 to 65535 -> *publish; -1 if bad. */
int publish_parse(const char *text, struct publish *publish);

/* "SRC:DST[:ro]" -> *bind, pointing into the (modified) string; -1 if bad. */
int bind_parse(char *spec, struct bind *bind);

/*
 * Names of the MS_* bits set in flags, joined by '|' ("MS_REC|MS_PRIVATE");
 * bits no name covers as a hexadecimal number, and 0 as "0".  Returns buf.
 */
char *mount_flags_name(unsigned long flags, char *buf, size_t size);

/*
 * Capabilities.  The default bounding set is Docker's default list;
 * --cap-drop all empties it (then --cap-add adds), --cap-add all fills it;
 * otherwise --cap-add adds to it and --cap-drop takes away.
 * cap_parse and cap_name (names and numbers) are userland/lib/captext.h's.
 */
#define ISOLATE_DEFAULT_CAPS ((1ull << 0) | (1ull << 1) | (1ull << 3) | (1ull << 4) | \
	(1ull << 5) | (1ull << 6) | (1ull << 7) | (1ull << 8) | (1ull << 10) | (1ull << 13) | \
	(1ull << 18) | (1ull << 27) | (1ull << 29) | (1ull << 31))

/*
 * The default seccomp filter: a foreign arch (not arch, an AUDIT_ARCH_*
 * value) kills the process; the calls a container must not make (reboot,
 * module loading, kexec, swap, the clocks, the key ring, bpf, userfaultfd,
 * perf_event_open, acct, quotactl) fail with EPERM; everything else is
 * allowed.  Returns the filter and its length in *len: on riscv64 a table
 * built at compile time (FILTER_TREE19), elsewhere one built into out
 * (room for ISOLATE_FILTER_MAX).
 */
const struct sock_filter *default_filter(struct sock_filter *out, uint32_t arch, unsigned *len);

/*
 * The filter for the sorted call numbers nr[0..n) into out: load and check
 * the arch, load the number, then a search tree (a JGE on the middle number
 * splits them until at most three are left, compared in turn; a match goes
 * to the EPERM return, the last miss to ALLOW).  Returns its length.
 */
unsigned filter_tree(struct sock_filter *out, uint32_t arch, const uint32_t *nr, unsigned n);

/*
 * What filter_tree makes of 19 numbers in ascending order, written out as
 * an initializer: instructions 4..29 are the tree (splits at n9; n4, n14;
 * n2, n6, n11, n16), 30 returns ALLOW and 31 EPERM.  test-isolate checks
 * that it is filter_tree's output, instruction for instruction.
 */
#define FILTER_JGE_(nr, skip) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (nr), (skip), 0)
#define FILTER_JEQ_(at, nr, last) \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 30 - (at), (last) ? 29 - (at) : 0)
#define FILTER_TREE19(audit_arch, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12, n13, \
	    n14, n15, n16, n17, n18) { \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)), \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (audit_arch), 1, 0), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS), \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)), \
	FILTER_JGE_(n9, 12), FILTER_JGE_(n4, 5), FILTER_JGE_(n2, 2), \
	FILTER_JEQ_(7, n0, 0), FILTER_JEQ_(8, n1, 1), \
	FILTER_JEQ_(9, n2, 0), FILTER_JEQ_(10, n3, 1), \
	FILTER_JGE_(n6, 2), \
	FILTER_JEQ_(12, n4, 0), FILTER_JEQ_(13, n5, 1), \
	FILTER_JEQ_(14, n6, 0), FILTER_JEQ_(15, n7, 0), FILTER_JEQ_(16, n8, 1), \
	FILTER_JGE_(n14, 6), FILTER_JGE_(n11, 2), \
	FILTER_JEQ_(19, n9, 0), FILTER_JEQ_(20, n10, 1), \
	FILTER_JEQ_(21, n11, 0), FILTER_JEQ_(22, n12, 0), FILTER_JEQ_(23, n13, 1), \
	FILTER_JGE_(n16, 2), \
	FILTER_JEQ_(25, n14, 0), FILTER_JEQ_(26, n15, 1), \
	FILTER_JEQ_(27, n16, 0), FILTER_JEQ_(28, n17, 0), FILTER_JEQ_(29, n18, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM) }
#define FILTER_TREE19_LEN 32

/* The one line written to uid_map or gid_map: "INSIDE OUTSIDE 1\n";
 * its length, or -1 when it does not fit in size. */
int map_line(char *buf, size_t size, unsigned long inside, unsigned long outside);

/*
 * What isolate's own start builds its paths and lines with, instead of
 * snprintf, whose format parsing is most of the user-mode work of a
 * container's start.  str_decimal: n in decimal at buf (room for
 * STR_DECIMAL_MAX), returned.  str_join: the strings of parts (ended by
 * NULL) one after another in buf: their length, or -1 when they do not
 * fit in size.
 */
#define STR_DECIMAL_MAX 21	/* 20 digits of a 64-bit number and the NUL */
char *str_decimal(char *buf, unsigned long n);
int str_join(char *buf, size_t size, const char *const parts[]);

#endif
