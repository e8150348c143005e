/*
 * limits.c - the builtins that set process limits inherited by children:
 * umask and ulimit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "sh.h"

static void print_symbolic(mode_t mask)
{
	const char *who = "ugo";
	for (int i = 0; i < 3; i++) {
		mode_t bits = ~mask >> (6 - 3 * i) & 7;
		printf("%s%c=%s%s%s", i ? "," : "", who[i], bits & 4 ? "r" : "",
		       bits & 2 ? "w" : "", bits & 1 ? "x" : "");
	}
	putchar('\n');
}

/* Applies a symbolic mode like u=rwx,g+w,o-r to the permission bits. */
static int apply_symbolic(const char *s, mode_t *perm)
{
	while (*s) {
		mode_t who = 0;
		for (; *s && strchr("ugoa", *s); s++)
			who |= *s == 'u' ? 0700 : *s == 'g' ? 0070 : *s == 'o' ? 0007 : 0777;
		if (!who)
			who = 0777;
		char op = *s++;
		if (op != '=' && op != '+' && op != '-')
			return -1;
		mode_t bits = 0;
		for (; *s && strchr("rwx", *s); s++)
			bits |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : 0111;
		bits &= who;
		if (op == '=')
			*perm = (*perm & ~who) | bits;
		else if (op == '+')
			*perm |= bits;
		else
			*perm &= ~bits;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

int bi_umask(int argc, char **argv)
{
	int symbolic = argc > 1 && strcmp(argv[1], "-S") == 0;
	mode_t mask = umask(0);
	umask(mask);
	int i = symbolic ? 2 : 1;
	if (i >= argc) {
		if (symbolic)
			print_symbolic(mask);
		else
			printf("%04o\n", (unsigned)mask);
		return 0;
	}
	const char *m = argv[i];
	if (*m >= '0' && *m <= '7') {
		char *end;
		long v = strtol(m, &end, 8);
		if (*end || v > 0777) {
			sh_warn("umask: %s: bad mode", m);
			return 1;
		}
		umask((mode_t)v);
		return 0;
	}
	mode_t perm = ~mask & 0777;
	if (apply_symbolic(m, &perm) < 0) {
		sh_warn("umask: %s: bad mode", m);
		return 1;
	}
	umask(~perm & 0777);
	return 0;
}

struct limit {
	char opt;
	int resource;
	int unit;
	const char *name;
};

static const struct limit limits[] = {
	{'c', RLIMIT_CORE, 512, "core file size (blocks)"},
	{'d', RLIMIT_DATA, 1024, "data seg size (kb)"},
	{'f', RLIMIT_FSIZE, 512, "file size (blocks)"},
	{'n', RLIMIT_NOFILE, 1, "open files"},
	{'s', RLIMIT_STACK, 1024, "stack size (kb)"},
	{'t', RLIMIT_CPU, 1, "cpu time (seconds)"},
	{'u', RLIMIT_NPROC, 1, "processes"},
	{'v', RLIMIT_AS, 1024, "virtual memory (kb)"},
};
#define NLIMITS (sizeof limits / sizeof limits[0])

static void print_limit(const struct limit *l, int hard, int label)
{
	struct rlimit rl;
	if (getrlimit(l->resource, &rl) < 0)
		return;
	rlim_t v = hard ? rl.rlim_max : rl.rlim_cur;
	if (label)
		printf("-%c: %-26s ", l->opt, l->name);
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)(v / l->unit));
}

int bi_ulimit(int argc, char **argv)
{
	int hard = 0, soft = 0, all = 0, i = 1;
	const struct limit *which = &limits[2];
	for (; i < argc && argv[i][0] == '-'; i++) {
		for (const char *c = argv[i] + 1; *c; c++) {
			if (*c == 'H')
				hard = 1;
			else if (*c == 'S')
				soft = 1;
			else if (*c == 'a')
				all = 1;
			else {
				size_t k;
				for (k = 0; k < NLIMITS && limits[k].opt != *c; k++)
					;
				if (k == NLIMITS) {
					fprintf(stderr, "usage: ulimit [-HSa] [-cdfnstuv] [limit]\n");
					return 2;
				}
				which = &limits[k];
			}
		}
	}
	if (all) {
		for (size_t k = 0; k < NLIMITS; k++)
			print_limit(&limits[k], hard, 1);
		return 0;
	}
	if (i >= argc) {
		print_limit(which, hard, 0);
		return 0;
	}
	struct rlimit rl;
	if (getrlimit(which->resource, &rl) < 0) {
		sh_warn("ulimit: cannot read limit");
		return 1;
	}
	rlim_t v;
	if (strcmp(argv[i], "unlimited") == 0) {
		v = RLIM_INFINITY;
	} else {
		char *end;
		unsigned long long n = strtoull(argv[i], &end, 10);
		if (*end || !*argv[i]) {
			sh_warn("ulimit: %s: bad number", argv[i]);
			return 1;
		}
		v = (rlim_t)n * which->unit;
	}
	if (hard || !soft)
		rl.rlim_max = v;
	if (soft || !hard)
		rl.rlim_cur = v;
	if (setrlimit(which->resource, &rl) < 0) {
		sh_warn("ulimit: %s", "cannot modify limit");
		return 1;
	}
	return 0;
}
