/* captext: capability names and libcap's text form; see captext.h. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "captext.h"

/* By number, as linux/capability.h spells them; rows, not pointers: a
 * static PIE would relocate each pointer at every start. */
#define CAP_NAME_MAX 24	/* "CAP_CHECKPOINT_RESTORE" and its NUL */

static const char cap_names[CAP_NAMES_COUNT][CAP_NAME_MAX] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

/* The flag bits of a capability's state, as libcap numbers them. */
#define FL_EFF	1
#define FL_INH	2
#define FL_PRM	4

int cap_parse(const char *name)
{
	for (int i = 0; i < CAP_NAMES_COUNT; i++)
		if (strcasecmp(name, cap_names[i]) == 0 || strcasecmp(name, cap_names[i] + 4) == 0)
			return i;
	return -1;
}

const char *cap_name(int cap)
{
	return cap >= 0 && cap < CAP_NAMES_COUNT ? cap_names[cap] : "CAP_?";
}

static int flags_of(const struct cap_sets *s, int cap)
{
	return (int)((s->eff >> cap) & 1) * FL_EFF | (int)((s->inh >> cap) & 1) * FL_INH |
	       (int)((s->prm >> cap) & 1) * FL_PRM;
}

static void apply(struct cap_sets *s, uint64_t caps, char op, int flags)
{
	uint64_t *set[3] = { &s->eff, &s->inh, &s->prm };
	for (int i = 0; i < 3; i++) {
		bool named = flags & (1 << i);
		if (op == '=' || (op == '-' && named))
			*set[i] &= ~caps;
		if ((op == '=' || op == '+') && named)
			*set[i] |= caps;
	}
}

/* One clause, "names" then operators, of len bytes at text. */
static int parse_clause(const char *text, size_t len, struct cap_sets *s)
{
	size_t i = strcspn(text, "=+-");
	uint64_t caps = 0;
	char name[64];
	if (i > len)
		return -1;
	if (i == 0) {
		if (text[0] != '=')
			return -1;
		caps = CAP_NAMES_ALL;
	}
	for (size_t at = 0; at < i;) {
		size_t n = strcspn(text + at, ",=+-");
		if (n == 0 || n >= sizeof(name))
			return -1;
		memcpy(name, text + at, n);
		name[n] = '\0';
		int cap = cap_parse(name);
		if (!strcasecmp(name, "all"))
			caps |= CAP_NAMES_ALL;
		else if (cap < 0)
			return -1;
		else
			caps |= 1ull << cap;
		at += n + (text[at + n] == ',');
	}
	while (i < len) {
		char op = text[i++];
		int flags = 0;
		if (!strchr("=+-", op))
			return -1;
		for (; i < len && strchr("eip", text[i]); i++)
			flags |= text[i] == 'e' ? FL_EFF : text[i] == 'i' ? FL_INH : FL_PRM;
		if (op != '=' && !flags)
			return -1;
		apply(s, caps, op, flags);
	}
	return 0;
}

int captext_parse(const char *text, struct cap_sets *sets)
{
	memset(sets, 0, sizeof(*sets));
	while (*text) {
		size_t len = strcspn(text, " \t\n");
		if (len && parse_clause(text, len, sets))
			return -1;
		text += len;
		text += strspn(text, " \t\n");
	}
	return 0;
}

static size_t put_flags(char *p, size_t room, char op, int flags)
{
	return (size_t)snprintf(p, room, "%c%s%s%s", op, flags & FL_EFF ? "e" : "",
				flags & FL_INH ? "i" : "", flags & FL_PRM ? "p" : "");
}

static size_t put_names(char *p, size_t room, const struct cap_sets *s, int want)
{
	size_t used = 0;
	for (int c = 0; c < CAP_NAMES_COUNT; c++) {
		if (flags_of(s, c) != want)
			continue;
		char lower[32];
		size_t k;
		for (k = 0; cap_names[c][k] && k < sizeof(lower) - 1; k++)
			lower[k] = (char)tolower((unsigned char)cap_names[c][k]);
		lower[k] = '\0';
		used += snprintf(p + used, used < room ? room - used : 0, "%s%s",
				 used ? "," : "", lower);
	}
	return used;
}

/*
 * libcap's way: the state most capabilities share (the lowest such) is
 * written first as "=flags" for all, then each other state with its
 * capabilities as changes from it; a leading "= " for none is folded into
 * the first clause ("cap_net_raw=ep").
 */
char *captext_format(const struct cap_sets *s, char *buf, size_t len)
{
	int histo[8] = { 0 }, m = 7;
	for (int c = 0; c < CAP_NAMES_COUNT; c++)
		histo[flags_of(s, c)]++;
	for (int t = 7; t--;)
		if (histo[t] >= histo[m])
			m = t;
	char tmp[2048];
	size_t used = put_flags(tmp, sizeof(tmp), '=', m);
	bool folded = false;
	for (int t = 8; t--;) {
		if (t == m || !histo[t])
			continue;
		const char *sep = " ";
		if (m == 0 && !folded) {
			/* "= names+f" becomes "names=f" */
			used = 0;
			sep = "";
		}
		used += snprintf(tmp + used, sizeof(tmp) - used, "%s", sep);
		used += put_names(tmp + used, sizeof(tmp) - used, s, t);
		if (t & ~m)
			used += put_flags(tmp + used, sizeof(tmp) - used,
					  m == 0 && !folded ? '=' : '+', t & ~m);
		if (~t & m)
			used += put_flags(tmp + used, sizeof(tmp) - used, '-', ~t & m);
		folded = true;
	}
	snprintf(buf, len, "%s", tmp);
	return buf;
}

char *captext_list(uint64_t set, char *buf, size_t len)
{
	struct cap_sets s = { .eff = set, .inh = 0, .prm = 0 };
	buf[0] = '\0';
	put_names(buf, len, &s, FL_EFF);
	return buf;
}
