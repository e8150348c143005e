/*
 * options.c - isolate's command line, its --bind and --share words, the
 * lines of uid_map and gid_map, and the names of mount flags that -v
 * prints (clone flags are named by userland/lib/nsnames.c), capability
 * names and the default seccomp filter.  No system calls here (see
 * options.h).
 */
#define _GNU_SOURCE	/* CLONE_*, pipe2 and sethostname in glibc */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include "nsnames.h"
#include "options.h"

/* The MS_* flags isolate uses, by their UAPI names, as -v prints them. */
static const struct mount_flag {
	unsigned long flag;
	const char *name;
} mount_flags[] = {
	{ MS_RDONLY, "MS_RDONLY" },
	{ MS_NOSUID, "MS_NOSUID" },
	{ MS_NODEV, "MS_NODEV" },
	{ MS_NOEXEC, "MS_NOEXEC" },
	{ MS_REMOUNT, "MS_REMOUNT" },
	{ MS_NOATIME, "MS_NOATIME" },
	{ MS_NODIRATIME, "MS_NODIRATIME" },
	{ MS_BIND, "MS_BIND" },
	{ MS_REC, "MS_REC" },
	{ MS_UNBINDABLE, "MS_UNBINDABLE" },
	{ MS_PRIVATE, "MS_PRIVATE" },
	{ MS_SLAVE, "MS_SLAVE" },
	{ MS_SHARED, "MS_SHARED" },
	{ MS_RELATIME, "MS_RELATIME" },
	{ MS_STRICTATIME, "MS_STRICTATIME" },
};
#define NMOUNT_FLAGS (sizeof(mount_flags) / sizeof(mount_flags[0]))

/* The namespaces isolate makes unless --share keeps one. */
#define DEFAULT_NEW_NS (CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC | \
	CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS)

enum long_only { OPT_HOSTNAME = 256, OPT_ROOT, OPT_BIND, OPT_SHARE, OPT_MAP,
	OPT_ENV, OPT_WORKDIR, OPT_CAP_ADD, OPT_CAP_DROP, OPT_SECCOMP, OPT_NO_NEW_PRIVS,
	OPT_PIDS, OPT_MEMORY, OPT_MEMORY_HIGH, OPT_IO_MAX, OPT_CPUS, OPT_CPU_WEIGHT,
	OPT_NET, OPT_PUBLISH };

#define ALL_CAPS ((1ull << ISOLATE_NCAPS) - 1)

/* The calls the default filter refuses with EPERM, in riscv64's (the
 * generic table's) numbering order: there the filter is written out at
 * compile time (FILTER_TREE19), another arch sorts them at run time. */
#define DENIED_CALLS \
	SYS_quotactl, SYS_acct, SYS_kexec_load, SYS_init_module, SYS_delete_module, \
	SYS_clock_settime, SYS_reboot, SYS_settimeofday, SYS_adjtimex, SYS_add_key, \
	SYS_request_key, SYS_keyctl, SYS_swapon, SYS_swapoff, SYS_perf_event_open, \
	SYS_clock_adjtime, SYS_finit_module, SYS_bpf, SYS_userfaultfd
static const int denied_calls[] = { DENIED_CALLS };
#define NDENIED (sizeof(denied_calls) / sizeof(denied_calls[0]))

#if defined(__riscv) && __riscv_xlen == 64
#define ASCENDING19_(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s) \
	((a) < (b) && (b) < (c) && (c) < (d) && (d) < (e) && (e) < (f) && (f) < (g) && \
	 (g) < (h) && (h) < (i) && (i) < (j) && (j) < (k) && (k) < (l) && (l) < (m) && \
	 (m) < (n) && (n) < (o) && (o) < (p) && (p) < (q) && (q) < (r) && (r) < (s))
#define ASCENDING19(...) ASCENDING19_(__VA_ARGS__)
#define FILTER_OF(arch, ...) FILTER_TREE19(arch, __VA_ARGS__)
_Static_assert(NDENIED == 19 && ASCENDING19(DENIED_CALLS),
    "FILTER_TREE19 wants the denied calls in riscv64's order");
static const struct sock_filter riscv64_filter[FILTER_TREE19_LEN] =
    FILTER_OF(AUDIT_ARCH_RISCV64, DENIED_CALLS);
#endif

/* Where a filter's leaf jumps go: patched once both returns are placed. */
enum { TO_ALLOW, TO_DENY };
struct filter_fixup {
	unsigned at;		/* the jump's instruction */
	unsigned char field;	/* 0: jt, 1: jf */
	unsigned char to;	/* TO_ALLOW or TO_DENY */
};

struct filter_build {
	struct sock_filter *out;
	unsigned n;
	struct filter_fixup *fix;
	unsigned nfix;
};

static void
fixup(struct filter_build *b, unsigned at, int field, int to)
{
	b->fix[b->nfix++] = (struct filter_fixup){ at, (unsigned char)field, (unsigned char)to };
}

/*
 * The sorted numbers nr[lo..hi) as a search tree: a JGE on the middle one
 * splits them until at most three are left, which are compared in turn
 * (their match goes to the EPERM, the last one's miss to ALLOW).  An
 * allowed call, the common case, runs about a third of the comparisons a
 * list of all of them would.
 */
static void
emit_tree(struct filter_build *b, const uint32_t *nr, unsigned lo, unsigned hi)
{
	if (hi - lo <= 3) {
		for (unsigned i = lo; i < hi; i++) {
			fixup(b, b->n, 0, TO_DENY);
			if (i + 1 == hi)
				fixup(b, b->n, 1, TO_ALLOW);
			b->out[b->n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			    nr[i], 0, 0);
		}
		return;
	}
	unsigned mid = lo + (hi - lo) / 2, split = b->n++;
	emit_tree(b, nr, lo, mid);
	b->out[split] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, nr[mid],
	    (unsigned char)(b->n - split - 1), 0);
	emit_tree(b, nr, mid, hi);
}

unsigned
filter_tree(struct sock_filter *out, uint32_t arch, const uint32_t *nr, unsigned n)
{
	struct filter_fixup fix[2 * ISOLATE_FILTER_MAX];
	struct filter_build b = { .out = out, .fix = fix };

	if (n == 0 || 2 * n + 6 > ISOLATE_FILTER_MAX)
		return 0;	/* no room: not one of ours */
	out[b.n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, arch));
	out[b.n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0);
	out[b.n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	out[b.n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
	emit_tree(&b, nr, 0, n);
	unsigned allow = b.n, deny = b.n + 1;
	out[b.n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	out[b.n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
	for (unsigned i = 0; i < b.nfix; i++) {
		const struct filter_fixup *f = &b.fix[i];
		unsigned char off = (unsigned char)((f->to == TO_ALLOW ? allow : deny) - f->at - 1);
		if (f->field == 0)
			out[f->at].jt = off;
		else
			out[f->at].jf = off;
	}
	return b.n;
}

const struct sock_filter *
default_filter(struct sock_filter *out, uint32_t arch, unsigned *len)
{
	uint32_t nr[NDENIED];

#if defined(__riscv) && __riscv_xlen == 64
	if (arch == AUDIT_ARCH_RISCV64) {
		*len = FILTER_TREE19_LEN;
		return riscv64_filter;
	}
#endif
	/* Sorted here: the numbers are the native arch's. */
	for (unsigned i = 0; i < NDENIED; i++) {
		unsigned j = i;
		for (; j > 0 && nr[j - 1] > (uint32_t)denied_calls[i]; j--)
			nr[j] = nr[j - 1];
		nr[j] = (uint32_t)denied_calls[i];
	}
	*len = filter_tree(out, arch, nr, NDENIED);
	return out;
}

static const struct option long_options[] = {
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "share", required_argument, NULL, OPT_SHARE },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "workdir", required_argument, NULL, OPT_WORKDIR },
	{ "cap-add", required_argument, NULL, OPT_CAP_ADD },
	{ "cap-drop", required_argument, NULL, OPT_CAP_DROP },
	{ "seccomp", required_argument, NULL, OPT_SECCOMP },
	{ "no-new-privs", no_argument, NULL, OPT_NO_NEW_PRIVS },
	{ "pids", required_argument, NULL, OPT_PIDS },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "memory-high", required_argument, NULL, OPT_MEMORY_HIGH },
	{ "io-max", required_argument, NULL, OPT_IO_MAX },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "cpu-weight", required_argument, NULL, OPT_CPU_WEIGHT },
	{ "net", required_argument, NULL, OPT_NET },
	{ "publish", required_argument, NULL, OPT_PUBLISH },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int
ns_names_parse(const char *list, unsigned long *flags)
{
	const char *word = list;

	*flags = 0;
	for (;;) {
		size_t len = strcspn(word, ",");
		const struct ns_kind *kind = ns_kind_by_name(word, len);

		if (kind == NULL)
			return -1;
		*flags |= kind->flag;
		if (word[len] == '\0')
			return 0;
		word += len + 1;
	}
}

int
bind_parse(char *spec, struct bind *bind)
{
	char *target = strchr(spec, ':'), *mode;

	if (target == NULL)
		return -1;
	*target++ = '\0';
	mode = strchr(target, ':');
	bind->read_only = 0;
	if (mode) {
		*mode++ = '\0';
		if (strcmp(mode, "ro") == 0)
			bind->read_only = 1;
		else if (strcmp(mode, "rw") != 0)
			return -1;
	}
	if (spec[0] == '\0' || target[0] != '/')
		return -1;
	bind->source = spec;
	bind->target = target;
	return 0;
}

/* A user or group id: decimal, below (id_t)-1, which means "no id". */
static int
id_parse(const char *text, unsigned long *id)
{
	char *end;

	if (text[0] < '0' || text[0] > '9')
		return -1;
	*id = strtoul(text, &end, 10);
	return *end == '\0' && *id < UINT_MAX ? 0 : -1;
}

int
size_parse(const char *text)
{
	unsigned long long v = 0, unit = 1;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (1ULL << 50))
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
	}
	switch (*p) {
	case 'K': case 'k': unit = 1ULL << 10; p++; break;
	case 'M': case 'm': unit = 1ULL << 20; p++; break;
	case 'G': case 'g': unit = 1ULL << 30; p++; break;
	case 'T': case 't': unit = 1ULL << 40; p++; break;
	}
	if (*p != '\0' || v == 0 || v > (1ULL << 62) / unit || v * unit < 4096)
		return -1;
	return 0;
}

/* --pids N: 1 or more, as pids.max takes it (at most INT_MAX). */
int
pids_parse(const char *text, long *max)
{
	char *end;

	if (text[0] < '0' || text[0] > '9')
		return -1;
	errno = 0;
	*max = strtol(text, &end, 10);
	return *end == '\0' && errno == 0 && *max >= 1 && *max <= INT_MAX ? 0 : -1;
}

int
io_max_parse(const char *text, char *dev, size_t devsize, char *limits, size_t limsize)
{
	static const char *const keys[] = { "rbps", "wbps", "riops", "wiops" };
	const char *eq = strchr(text, '='), *colon = NULL, *p;
	size_t used = 0;

	for (p = text; eq && p < eq; p++)
		if (*p == ':')
			colon = p;
	if (!colon || colon == text || (size_t)(colon - text) >= devsize)
		return -1;
	memcpy(dev, text, colon - text);
	dev[colon - text] = '\0';
	for (p = colon + 1; *p; ) {
		size_t n = strcspn(p, ","), k, klen = 0;
		const char *v;
		char *end;

		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			klen = strlen(keys[k]);
			if (strncmp(p, keys[k], klen) == 0 && p[klen] == '=')
				break;
		}
		if (k == sizeof(keys) / sizeof(keys[0]))
			return -1;
		v = p + klen + 1;
		if (!(strncmp(v, "max", 3) == 0 && (size_t)(v + 3 - p) == n)) {
			if (*v < '1' || *v > '9')
				return -1;
			errno = 0;
			(void)strtoull(v, &end, 10);
			if (errno || (size_t)(end - p) != n)
				return -1;
		}
		if (used + n + 2 > limsize)
			return -1;
		used += snprintf(limits + used, limsize - used, "%s%.*s", used ? " " : "", (int)n, p);
		p += n + (p[n] == ',');
	}
	return used ? 0 : -1;
}

int
cpus_parse(const char *text, long *quota)
{
	long whole = 0, frac = 0, scale = 100000;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 1000000)
			return -1;
	}
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (scale == 1)
				return -1;	/* finer than a microsecond */
			scale /= 10;
			frac += (*p - '0') * scale;
		}
	}
	if (*p != '\0')
		return -1;
	*quota = whole * 100000 + frac;
	return *quota >= 1000 ? 0 : -1;
}

/* --map UID[:GID]; the group inside defaults to the same number. */
static int
map_parse(char *text, struct isolate_options *opts)
{
	char *colon = strchr(text, ':');
	unsigned long uid, gid;

	if (colon)
		*colon = '\0';
	if (id_parse(text, &uid) < 0 || (colon && id_parse(colon + 1, &gid) < 0))
		return -1;
	opts->inside_uid = uid;
	opts->inside_gid = colon ? gid : uid;
	return 0;
}

/* Options that contradict each other, once all are known. */
static int
options_check(struct isolate_options *opts, int map_given, char *msg, size_t msgsize)
{
	if ((opts->root || opts->nbinds) && !(opts->new_ns & CLONE_NEWNS)) {
		snprintf(msg, msgsize, "--root and --bind need a new mount namespace");
		return -1;
	}
	if (opts->hostname && !(opts->new_ns & CLONE_NEWUTS)) {
		snprintf(msg, msgsize, "--hostname needs a new uts namespace");
		return -1;
	}
	if (map_given && !(opts->new_ns & CLONE_NEWUSER)) {
		snprintf(msg, msgsize, "--map needs a new user namespace");
		return -1;
	}
	if (opts->net == ISOLATE_NET_HOST)
		opts->new_ns &= ~(unsigned long)CLONE_NEWNET;
	if ((opts->net == ISOLATE_NET_NONE || opts->net == ISOLATE_NET_VETH) &&
	    !(opts->new_ns & CLONE_NEWNET)) {
		snprintf(msg, msgsize, "--net %s needs a new network namespace",
		    opts->net == ISOLATE_NET_NONE ? "none" : "veth");
		return -1;
	}
	if (opts->npublish) {
		if (opts->net == ISOLATE_NET_NONE || opts->net == ISOLATE_NET_HOST ||
		    !(opts->new_ns & CLONE_NEWNET)) {
			snprintf(msg, msgsize, "--publish needs --net veth");
			return -1;
		}
		opts->net = ISOLATE_NET_VETH;
	}
	if (!(opts->new_ns & CLONE_NEWNET))
		opts->net = ISOLATE_NET_HOST;
	if (opts->argv[0] == NULL) {
		snprintf(msg, msgsize, "no program given");
		return -1;
	}
	if (opts->hostname == NULL && (opts->new_ns & CLONE_NEWUTS))
		opts->hostname = ISOLATE_DEFAULT_HOSTNAME;
	return 0;
}

/* One option; returns -1 with msg filled when its argument is bad. */
/* --cap-add and --cap-drop, gathered until the end of the line. */
struct cap_words {
	uint64_t add, drop;
	int add_all, drop_all;
};

static int
cap_take(struct cap_words *cw, int add, const char *arg, char *msg, size_t msgsize)
{
	int cap;

	if (strcasecmp(arg, "all") == 0) {
		*(add ? &cw->add_all : &cw->drop_all) = 1;
		return 0;
	}
	cap = cap_parse(arg);
	if (cap < 0) {
		snprintf(msg, msgsize, "%s %s: not a capability", add ? "--cap-add" : "--cap-drop",
		    arg);
		return -1;
	}
	*(add ? &cw->add : &cw->drop) |= 1ull << cap;
	return 0;
}

static int
option_take(struct isolate_options *opts, int c, char *arg, int *map_given,
    struct cap_words *cw, char *msg, size_t msgsize)
{
	unsigned long shared;

	switch (c) {
	case OPT_HOSTNAME:
		opts->hostname = arg;
		return 0;
	case OPT_ROOT:
		opts->root = arg;
		return 0;
	case OPT_WORKDIR:
		opts->workdir = arg;
		return 0;
	case OPT_BIND:
		if (opts->nbinds == ISOLATE_MAX_BINDS) {
			snprintf(msg, msgsize, "more than %d --bind", ISOLATE_MAX_BINDS);
			return -1;
		}
		if (bind_parse(arg, &opts->binds[opts->nbinds]) < 0) {
			snprintf(msg, msgsize, "--bind %s: not SRC:/DST[:ro]", arg);
			return -1;
		}
		opts->nbinds++;
		return 0;
	case OPT_SHARE:
		if (ns_names_parse(arg, &shared) < 0) {
			snprintf(msg, msgsize, "--share %s: not a list of user,uts,ipc,net,pid,mnt", arg);
			return -1;
		}
		opts->new_ns &= ~shared;
		return 0;
	case OPT_MAP:
		*map_given = 1;
		if (map_parse(arg, opts) < 0) {
			snprintf(msg, msgsize, "--map %s: not UID[:GID]", arg);
			return -1;
		}
		return 0;
	case OPT_ENV:
		if (opts->nenv == ISOLATE_MAX_ENV) {
			snprintf(msg, msgsize, "more than %d --env", ISOLATE_MAX_ENV);
			return -1;
		}
		if (arg[0] == '=' || strchr(arg, '=') == NULL) {
			snprintf(msg, msgsize, "--env %s: not NAME=VALUE", arg);
			return -1;
		}
		opts->env[opts->nenv++] = arg;
		return 0;
	case OPT_CAP_ADD:
	case OPT_CAP_DROP:
		return cap_take(cw, c == OPT_CAP_ADD, arg, msg, msgsize);
	case OPT_SECCOMP:
		if (strcmp(arg, "default") == 0) {
			opts->seccomp = ISOLATE_SECCOMP_DEFAULT;
		} else if (strcmp(arg, "none") == 0) {
			opts->seccomp = ISOLATE_SECCOMP_NONE;
		} else if (arg[0] != '\0') {
			opts->seccomp = ISOLATE_SECCOMP_FILE;
			opts->seccomp_file = arg;
		} else {
			snprintf(msg, msgsize, "--seccomp: not default, none or a file");
			return -1;
		}
		return 0;
	case OPT_NO_NEW_PRIVS:
		opts->no_new_privs = 1;
		return 0;
	case OPT_IO_MAX:
		if (io_max_parse(arg, opts->io_dev, sizeof(opts->io_dev), opts->io_limits,
		    sizeof(opts->io_limits)) < 0) {
			snprintf(msg, msgsize, "--io-max %s: not DEV:KEY=VALUE[,KEY=VALUE]...", arg);
			return -1;
		}
		return 0;
	case OPT_PIDS:
		if (pids_parse(arg, &opts->pids_max) < 0) {
			snprintf(msg, msgsize, "--pids %s: not a number of processes", arg);
			return -1;
		}
		return 0;
	case OPT_MEMORY:
	case OPT_MEMORY_HIGH:
		if (size_parse(arg) < 0) {
			snprintf(msg, msgsize, "--%s %s: not a size", c == OPT_MEMORY ? "memory" :
			    "memory-high", arg);
			return -1;
		}
		*(c == OPT_MEMORY ? &opts->memory_max : &opts->memory_high) = arg;
		return 0;
	case OPT_CPUS:
		if (cpus_parse(arg, &opts->cpu_quota) < 0) {
			snprintf(msg, msgsize, "--cpus %s: not a number of cpus from 0.01", arg);
			return -1;
		}
		return 0;
	case OPT_CPU_WEIGHT: {
		long w;
		if (pids_parse(arg, &w) < 0 || w > 10000) {
			snprintf(msg, msgsize, "--cpu-weight %s: not a weight from 1 to 10000", arg);
			return -1;
		}
		opts->cpu_weight = (int)w;
		return 0;
	}
	case OPT_NET:
		opts->net = net_parse(arg);
		if (opts->net < 0) {
			snprintf(msg, msgsize, "--net %s: not none, host or veth", arg);
			return -1;
		}
		return 0;
	case OPT_PUBLISH:
		if (opts->npublish == ISOLATE_MAX_PUBLISH) {
			snprintf(msg, msgsize, "more than %d --publish", ISOLATE_MAX_PUBLISH);
			return -1;
		}
		if (publish_parse(arg, &opts->publish[opts->npublish]) < 0) {
			snprintf(msg, msgsize, "--publish %s: not HOSTPORT:PORT", arg);
			return -1;
		}
		opts->npublish++;
		return 0;
	case 'v':
		opts->verbose = 1;
		return 0;
	}
	snprintf(msg, msgsize, "unknown option");
	return -1;
}

enum parse_result
options_parse(struct isolate_options *opts, int argc, char *argv[], char *msg,
    size_t msgsize)
{
	int c, map_given = 0;
	struct cap_words cw = { 0, 0, 0, 0 };

	memset(opts, 0, sizeof(*opts));
	opts->new_ns = DEFAULT_NEW_NS;
	msg[0] = '\0';
	optind = 0;	/* restart: glibc's and our libc's getopt both reset */
	opterr = 0;
	/* '+': PROGRAM's own options are not ours. */
	while ((c = getopt_long(argc, argv, "+hv", long_options, NULL)) != -1) {
		if (c == 'h')
			return PARSE_HELP;
		if (c == '?' || c == ':') {
			if (optopt && optopt < OPT_HOSTNAME)
				snprintf(msg, msgsize, "unknown option -%c", optopt);
			else
				snprintf(msg, msgsize, "bad option %s", argv[optind - 1]);
			return PARSE_ERROR;
		}
		if (option_take(opts, c, optarg, &map_given, &cw, msg, msgsize) < 0)
			return PARSE_ERROR;
	}
	opts->argv = argv + optind;
	opts->caps = cw.drop_all ? 0 : cw.add_all ? ALL_CAPS : ISOLATE_DEFAULT_CAPS;
	opts->caps = (opts->caps | cw.add) & ~cw.drop;
	/* A filter comes with no_new_privs: what it denies, no set-id
	 * program run inside may count on having. */
	if (opts->seccomp != ISOLATE_SECCOMP_NONE)
		opts->no_new_privs = 1;
	return options_check(opts, map_given, msg, msgsize) < 0 ? PARSE_ERROR : PARSE_RUN;
}

int
net_parse(const char *text)
{
	if (strcmp(text, "none") == 0)
		return ISOLATE_NET_NONE;
	if (strcmp(text, "host") == 0)
		return ISOLATE_NET_HOST;
	if (strcmp(text, "veth") == 0)
		return ISOLATE_NET_VETH;
	return -1;
}

/* A port: decimal digits, 1 to 65535; the text after it in *end. */
static long
port_parse(const char *text, const char **end)
{
	long v = 0;
	const char *p = text;

	while (*p >= '0' && *p <= '9' && v <= 65535)
		v = v * 10 + (*p++ - '0');
	*end = p;
	return p == text || v < 1 || v > 65535 ? -1 : v;
}

int
publish_parse(const char *text, struct publish *publish)
{
	const char *end;
	long host = port_parse(text, &end), port;

	if (host < 0 || *end != ':')
		return -1;
	port = port_parse(end + 1, &end);
	if (port < 0 || *end != '\0')
		return -1;
	publish->host_port = (unsigned short)host;
	publish->port = (unsigned short)port;
	return 0;
}

/* Append one name to a '|' list in buf; keeps buf terminated if it is short. */
static void
append_name(char *buf, size_t size, const char *name)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s%s", used ? "|" : "", name);
}

char *
mount_flags_name(unsigned long flags, char *buf, size_t size)
{
	char rest[2 + 2 * sizeof(flags) + 1];

	buf[0] = '\0';
	for (size_t i = 0; i < NMOUNT_FLAGS; i++) {
		if (flags & mount_flags[i].flag) {
			append_name(buf, size, mount_flags[i].name);
			flags &= ~mount_flags[i].flag;
		}
	}
	if (flags || buf[0] == '\0') {
		snprintf(rest, sizeof(rest), flags ? "%#lx" : "0", flags);
		append_name(buf, size, rest);
	}
	return buf;
}

char *
str_decimal(char *buf, unsigned long n)
{
	char digits[STR_DECIMAL_MAX];
	size_t i = 0, len = 0;

	do
		digits[i++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (i > 0)
		buf[len++] = digits[--i];
	buf[len] = '\0';
	return buf;
}

int
str_join(char *buf, size_t size, const char *const parts[])
{
	size_t used = 0;

	for (; *parts; parts++) {
		size_t len = strlen(*parts);

		if (len >= size - used)
			return -1;
		memcpy(buf + used, *parts, len);
		used += len;
	}
	buf[used] = '\0';
	return (int)used;
}

int
map_line(char *buf, size_t size, unsigned long inside, unsigned long outside)
{
	char in[STR_DECIMAL_MAX], out[STR_DECIMAL_MAX];

	return str_join(buf, size, (const char *const[]){ str_decimal(in, inside), " ",
	    str_decimal(out, outside), " 1\n", NULL });
}
