/*
 * ss: list sockets, as iproute2's ss (6.1) prints them when it reads
 * /proc (its PROC_ROOT mode: this kernel has no sock_diag netlink).
 *
 *   ss [-HaelnptuxX4] (long forms: --tcp --udp --unix --listening --all
 *      --numeric --processes --extended --no-header --ipv4)
 *
 * Sources: /proc/net/unix, /proc/net/udp and /proc/net/tcp, printed in
 * that order (unix sockets sorted by type, then inode, as ss does).  The
 * families default to all three; the states to the connected ones (not
 * LISTEN, UNCONN, TIME-WAIT nor SYN-RECV); -l selects listeners (and
 * unconnected datagram sockets), -a all.  -p adds the processes holding
 * each socket, users:(("NAME",pid=PID,fd=FD),...), found through
 * /proc/PID/fd's "socket:[INODE]" links (processes whose fds cannot be
 * read are left out, as by ss); -e adds uid (when not 0), ino and sk.
 *
 * Columns are as wide as their widest field, the header's included (ss
 * spreads spare width only over a terminal wider than the table; not
 * done here), the addresses right-aligned before their ":PORT".  Ports
 * are always numbers (no /etc/services), hosts never resolved; -n is
 * accepted for that reason.  A missing /proc/net file shows no sockets
 * of its family.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The columns, as ss names and lays them out. */
enum {
	COL_NETID, COL_STATE, COL_RECVQ, COL_SENDQ, COL_LADDR, COL_LPORT,
	COL_PADDR, COL_PPORT, COL_PROCESS, NCOLS,
};

static const struct column {
	const char *header;
	const char *ldelim;	/* printed before the field, unless it is first */
	bool right;
} columns[NCOLS] = {
	{ "Netid", "", false }, { "State", " ", false }, { "Recv-Q", " ", false },
	{ "Send-Q", " ", false }, { "Local Address:", " ", true }, { "Port", "", false },
	{ "Peer Address:", " ", true }, { "Port", "", false }, { "Process", "", false },
};

/* TCP states as /proc/net/tcp numbers them (TCP_ESTABLISHED = 1 ...). */
enum {
	SS_UNKNOWN, SS_ESTABLISHED, SS_SYN_SENT, SS_SYN_RECV, SS_FIN_WAIT1,
	SS_FIN_WAIT2, SS_TIME_WAIT, SS_CLOSE, SS_CLOSE_WAIT, SS_LAST_ACK,
	SS_LISTEN, SS_CLOSING, SS_MAX,
};

static const char *const state_names[SS_MAX] = {
	"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
	"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
};

#define STATES_ALL	((1u << SS_MAX) - 1)
#define STATES_CONN	(STATES_ALL & ~(1u << SS_LISTEN | 1u << SS_CLOSE | \
			 1u << SS_TIME_WAIT | 1u << SS_SYN_RECV))
#define STATES_LISTEN	(1u << SS_LISTEN | 1u << SS_CLOSE)

enum { FAM_UNIX = 1, FAM_UDP = 2, FAM_TCP = 4 };

/* Linux's __SO_ACCEPTCON in /proc/net/unix's flags: a listener. */
#define UNIX_ACCEPTCON	0x10000
/* SS_UNCONNECTED .. SS_DISCONNECTING of /proc/net/unix's St. */
static const int unix_states[] = { SS_CLOSE, SS_SYN_SENT, SS_ESTABLISHED, SS_CLOSING };

struct row {
	char *field[NCOLS];
};

static struct {
	struct row *rows;
	size_t n, cap;
} table;

/* The holders of sockets, for -p: one entry per socket descriptor. */
struct holder {
	unsigned long ino;
	char name[32];
	int pid, fd;
};

static struct {
	struct holder *h;
	size_t n, cap;
} holders;

static bool show_processes, show_extended;
static unsigned states = STATES_CONN;

static void
usage(void)
{
	fprintf(stderr, "usage: ss [-HaelnptuxX4]\n");
	exit(1);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "ss: %s\n", strerror(ENOMEM));
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static struct row *
new_row(void)
{
	if (table.n == table.cap) {
		table.cap = table.cap ? table.cap * 2 : 64;
		table.rows = xrealloc(table.rows, table.cap * sizeof(*table.rows));
	}
	struct row *r = &table.rows[table.n++];
	for (int i = 0; i < NCOLS; i++)
		r->field[i] = NULL;
	return r;
}

static void
set(struct row *r, int col, const char *fmt, ...)
{
	char buf[PATH_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->field[col] = xstrdup(buf);
}

/* ---- -p: who holds which socket ---- */

/* The command name in /proc/PID/stat: between the first '(' and the
 * last ')'. */
static void
read_comm(const char *pid, char *name, size_t size)
{
	char path[64], buf[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	name[0] = 0;
	if (!(f = fopen(path, "r")))
		return;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	if (open && close && close > open)
		snprintf(name, size, "%.*s", (int)(close - open - 1), open + 1);
}

static void
scan_process(const char *pid)
{
	char dir[64], link[320], target[64], name[32];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%s/fd", pid);
	if (!(d = opendir(dir)))
		return;
	read_comm(pid, name, sizeof(name));
	while ((e = readdir(d))) {
		unsigned long ino;
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
		ssize_t n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = 0;
		if (sscanf(target, "socket:[%lu]", &ino) != 1)
			continue;
		if (holders.n == holders.cap) {
			holders.cap = holders.cap ? holders.cap * 2 : 64;
			holders.h = xrealloc(holders.h, holders.cap * sizeof(*holders.h));
		}
		struct holder *h = &holders.h[holders.n++];
		h->ino = ino;
		snprintf(h->name, sizeof(h->name), "%s", name);
		h->pid = atoi(pid);
		h->fd = atoi(e->d_name);
	}
	closedir(d);
}

static void
scan_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (isdigit((unsigned char)e->d_name[0]))
			scan_process(e->d_name);
	closedir(d);
}

/* " users:(...)" for inode, then -e's details, each after a blank; the
 * holders found last first, as ss lists them. */
static void
set_process(struct row *r, unsigned long ino, unsigned uid, const char *sk, bool details)
{
	char buf[4096];
	size_t n = 0;

	buf[0] = 0;
	if (show_processes) {
		for (size_t i = holders.n; i-- > 0 && n < sizeof(buf);) {
			const struct holder *h = &holders.h[i];
			if (h->ino != ino)
				continue;
			n += snprintf(buf + n, sizeof(buf) - n, "%s(\"%s\",pid=%d,fd=%d)",
			    n ? "," : " users:(", h->name, h->pid, h->fd);
		}
		if (n && n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, ")");
	}
	if (show_extended && details && n < sizeof(buf)) {
		if (uid)
			n += snprintf(buf + n, sizeof(buf) - n, " uid:%u", uid);
		if (n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, " ino:%lu", ino);
		if (sk && n < sizeof(buf))
			snprintf(buf + n, sizeof(buf) - n, " sk:%s", sk);
	}
	set(r, COL_PROCESS, "%s", buf);
}

/* ---- the /proc/net files ---- */

static void
set_inet(struct row *r, int col, unsigned addr, unsigned port)
{
	struct in_addr a = { addr };	/* the kernel printed the word as is */
	char text[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, text, sizeof(text));
	set(r, col, "%s:", text);
	if (port)
		set(r, col + 1, "%u", port);
	else
		set(r, col + 1, "*");
}

/* One /proc/net/tcp or udp: "sl: LADDR:LPORT RADDR:RPORT ST TXQ:RXQ ..." */
static void
read_inet(const char *path, const char *netid)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned laddr, lport, raddr, rport, st, txq, rxq, uid;
		unsigned long ino = 0;
		char sk[32] = "";
		int n = sscanf(line, " %*d: %x:%x %x:%x %x %x:%x %*x:%*x %*x %u %*d %lu %*d %31s",
		    &laddr, &lport, &raddr, &rport, &st, &txq, &rxq, &uid, &ino, sk);
		if (n < 9 || st >= SS_MAX || !(states & (1u << st)))
			continue;
		struct row *r = new_row();
		set(r, COL_NETID, "%s", netid);
		set(r, COL_STATE, "%s", state_names[st]);
		set(r, COL_RECVQ, "%-6u", rxq);
		set(r, COL_SENDQ, "%-6u", txq);
		set_inet(r, COL_LADDR, laddr, lport);
		set_inet(r, COL_PADDR, raddr, rport);
		/* ss prints the kernel's pointer column (hashed) as hex. */
		unsigned long long ptr = strtoull(sk, NULL, 16);
		char skhex[24];
		snprintf(skhex, sizeof(skhex), "%llx", ptr);
		set_process(r, ino, uid, n >= 10 ? skhex : NULL, true);
	}
	fclose(f);
}

struct unix_sock {
	unsigned type, state;
	unsigned long ino;
	char path[PATH_MAX];
};

static int
unix_cmp(const void *a, const void *b)
{
	const struct unix_sock *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static const char *
unix_netid(unsigned type)
{
	switch (type) {
	case SOCK_STREAM: return "u_str";
	case SOCK_DGRAM: return "u_dgr";
	case SOCK_SEQPACKET: return "u_seq";
	default: return "???";
	}
}

/* "Num: RefCount Protocol Flags Type St Inode [Path]" */
static void
read_unix(const char *path)
{
	FILE *f = fopen(path, "r");
	struct unix_sock *socks = NULL;
	size_t n = 0, cap = 0;
	char line[PATH_MAX + 128];

	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		struct unix_sock u;
		unsigned flags, st;
		u.path[0] = 0;
		if (sscanf(line, "%*x: %*x %*x %x %x %x %lu %4095s", &flags, &u.type, &st,
		    &u.ino, u.path) < 4)
			continue;
		if (flags & UNIX_ACCEPTCON)
			u.state = SS_LISTEN;
		else if (u.type == SOCK_DGRAM)	/* ss says ESTAB of every one */
			u.state = SS_ESTABLISHED;
		else if (st >= 1 && st <= 4)
			u.state = unix_states[st - 1];
		else
			u.state = SS_UNKNOWN;
		if (!(states & (1u << u.state)))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			socks = xrealloc(socks, cap * sizeof(*socks));
		}
		socks[n++] = u;
	}
	fclose(f);
	if (n)
		qsort(socks, n, sizeof(*socks), unix_cmp);
	for (size_t i = 0; i < n; i++) {
		struct row *r = new_row();
		set(r, COL_NETID, "%s", unix_netid(socks[i].type));
		set(r, COL_STATE, "%s", state_names[socks[i].state]);
		set(r, COL_RECVQ, "%-6u", 0);
		set(r, COL_SENDQ, "%-6u", 0);
		set(r, COL_LADDR, "%s ", socks[i].path[0] ? socks[i].path : "*");
		set(r, COL_LPORT, "%lu", socks[i].ino);
		set(r, COL_PADDR, "* ");
		set(r, COL_PPORT, "0");
		/* ss's details come from sock_diag; from /proc it has none
		 * for unix sockets. */
		set_process(r, socks[i].ino, 0, NULL, false);
	}
	free(socks);
}

/* ---- the table ---- */

static void
print_table(bool header, bool netid)
{
	size_t width[NCOLS] = { 0 };
	struct row head;

	for (int c = 0; c < NCOLS; c++) {
		head.field[c] = (char *)columns[c].header;
		if (header)
			width[c] = strlen(columns[c].header);
	}
	/* ss measures every field but the very last one it prints (the
	 * last row's Process), which it never flushes before measuring. */
	for (size_t i = 0; i < table.n; i++)
		for (int c = 0; c < NCOLS; c++) {
			if (i == table.n - 1 && c == NCOLS - 1)
				continue;
			size_t l = table.rows[i].field[c] ? strlen(table.rows[i].field[c]) : 0;
			if (l > width[c])
				width[c] = l;
		}
	if (!netid)
		width[COL_NETID] = 0;
	for (size_t i = header ? 0 : 1; i <= table.n; i++) {
		const struct row *r = i ? &table.rows[i - 1] : &head;
		bool first = true;
		for (int c = 0; c < NCOLS; c++) {
			if (!width[c])
				continue;
			const char *s = r->field[c] ? r->field[c] : "";
			int pad = (int)width[c] - (int)strlen(s);
			if (pad < 0)
				pad = 0;
			printf("%s", first ? "" : columns[c].ldelim);
			if (columns[c].right)
				printf("%*s%s", pad, "", s);
			else
				printf("%s%*s", s, pad, "");
			first = false;
		}
		putchar('\n');
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "tcp", no_argument, NULL, 't' }, { "udp", no_argument, NULL, 'u' },
		{ "unix", no_argument, NULL, 'x' }, { "listening", no_argument, NULL, 'l' },
		{ "all", no_argument, NULL, 'a' }, { "numeric", no_argument, NULL, 'n' },
		{ "processes", no_argument, NULL, 'p' }, { "extended", no_argument, NULL, 'e' },
		{ "no-header", no_argument, NULL, 'H' }, { "ipv4", no_argument, NULL, '4' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned families = 0;
	bool header = true, ipv4 = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "HaelnptuxX4", longopts, NULL)) != -1) {
		switch (opt) {
		case 'H': header = false; break;
		case 'a': states = STATES_ALL; break;
		case 'e': show_extended = true; break;
		case 'l': states = STATES_LISTEN; break;
		case 'n': break;
		case '4': ipv4 = true; break;
		case 'p': show_processes = true; break;
		case 't': families |= FAM_TCP; break;
		case 'u': families |= FAM_UDP; break;
		case 'x': case 'X': families |= FAM_UNIX; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	/* ss -4 alone means the IPv4 families only. */
	if (!families)
		families = ipv4 ? FAM_UDP | FAM_TCP : FAM_UNIX | FAM_UDP | FAM_TCP;
	if (show_processes)
		scan_processes();
	if (families & FAM_UNIX)
		read_unix("/proc/net/unix");
	if (families & FAM_UDP)
		read_inet("/proc/net/udp", "udp");
	if (families & FAM_TCP)
		read_inet("/proc/net/tcp", "tcp");
	/* Netid is shown when more than one kind of socket may be; the
	 * unix ones are three (stream, datagram, seqpacket). */
	print_table(header, families != FAM_UDP && families != FAM_TCP);
	return 0;
}
