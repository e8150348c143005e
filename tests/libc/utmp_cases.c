/*
 * utmp_cases.c - the login-record functions of utmp.h run through one
 * sequence of cases.  Built twice, for the host against glibc and as a
 * guest against our libc; the libc suite compares the outputs case by
 * case and the files the two leave behind byte for byte.
 *
 *   utmp_cases write DIR   runs every case on files in DIR, printing
 *                          "case N: ..." with the records each leaves;
 *                          DIR/full keeps records with every field set
 *   utmp_cases read FILE   prints each record of FILE, every field
 *
 * Case 0 prints the size and offsets of struct utmp: the host's glibc is
 * x86-64 and ours riscv64, so it also shows that the two share a layout.
 */
#define _GNU_SOURCE	/* glibc's updwtmpx */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

static char file[512];
static int case_no;

static void make_empty(const char *dir, const char *name)
{
	int fd;

	snprintf(file, sizeof(file), "%s/%s", dir, name);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	endutent();
	utmpname(file);
}

/* A character field: not '\0'-terminated when full, as in the files. */
static void set_field(char *field, size_t size, const char *value)
{
	size_t len = strlen(value);

	memset(field, 0, size);
	memcpy(field, value, len < size ? len : size);
}

static struct utmp record(short type, const char *line, const char *id,
			  const char *user)
{
	struct utmp ut;

	memset(&ut, 0, sizeof(ut));
	ut.ut_type = type;
	set_field(ut.ut_line, sizeof(ut.ut_line), line);
	set_field(ut.ut_id, sizeof(ut.ut_id), id);
	set_field(ut.ut_user, sizeof(ut.ut_user), user);
	return ut;
}

/* setutent, then pututline: a fresh search from the start. */
static void put(short type, const char *line, const char *id,
		const char *user)
{
	struct utmp ut = record(type, line, id, user);

	setutent();
	if (!pututline(&ut))
		printf("(pututline: %s) ", strerror(errno));
}

static void show(const struct utmp *ut)
{
	printf(" [%d %.*s '%.*s' %.*s]", ut->ut_type, UT_LINESIZE, ut->ut_line,
	       4, ut->ut_id, UT_NAMESIZE, ut->ut_user);
}

/* Ends the current case's line with every record of the file. */
static void dump(void)
{
	struct utmp *ut;

	setutent();
	while ((ut = getutent()))
		show(ut);
	printf("\n");
}

static void begin(const char *what)
{
	printf("case %d: %s:", case_no++, what);
}

static void layout(void)
{
	begin("layout");
	printf(" size %zu utmpx %zu type %zu pid %zu line %zu id %zu user %zu"
	       " host %zu exit %zu session %zu tv %zu tv_usec %zu addr %zu\n",
	       sizeof(struct utmp), sizeof(struct utmpx),
	       offsetof(struct utmp, ut_type), offsetof(struct utmp, ut_pid),
	       offsetof(struct utmp, ut_line), offsetof(struct utmp, ut_id),
	       offsetof(struct utmp, ut_user), offsetof(struct utmp, ut_host),
	       offsetof(struct utmp, ut_exit),
	       offsetof(struct utmp, ut_session),
	       offsetof(struct utmp, ut_tv),
	       offsetof(struct utmp, ut_tv.tv_usec),
	       offsetof(struct utmp, ut_addr_v6));
}

/* Which record pututline replaces: by ut_id when both have one, else by
 * ut_line; by type for the time records; never a record of another kind. */
static void replacing(const char *dir)
{
	static const struct {
		const char *what;
		short type1; const char *line1, *id1;
		short type2; const char *line2, *id2;
	} pairs[] = {
		{ "same id", USER_PROCESS, "tty1", "1", DEAD_PROCESS, "tty9", "1" },
		{ "other id same line", USER_PROCESS, "tty1", "1", USER_PROCESS, "tty1", "2" },
		{ "new id empty", USER_PROCESS, "tty1", "1", USER_PROCESS, "tty1", "" },
		{ "old id empty", USER_PROCESS, "tty1", "", LOGIN_PROCESS, "tty1", "1" },
		{ "both empty other line", USER_PROCESS, "tty1", "", USER_PROCESS, "tty2", "" },
		{ "init then user", INIT_PROCESS, "tty1", "1", USER_PROCESS, "tty2", "1" },
		{ "empty slot", EMPTY, "tty1", "1", USER_PROCESS, "tty1", "1" },
		{ "run level then user", RUN_LVL, "tty1", "", USER_PROCESS, "tty1", "" },
		{ "boot time twice", BOOT_TIME, "~", "~~", BOOT_TIME, "x", "" },
		{ "boot then new time", BOOT_TIME, "~", "", NEW_TIME, "~", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		make_empty(dir, "pairs");
		begin(pairs[i].what);
		put(pairs[i].type1, pairs[i].line1, pairs[i].id1, "first");
		put(pairs[i].type2, pairs[i].line2, pairs[i].id2, "second");
		dump();
	}
}

/* The searches: getutid, getutline and where pututline's search starts. */
static void searching(const char *dir)
{
	struct utmp key, *ut;

	make_empty(dir, "search");
	put(LOGIN_PROCESS, "tty1", "1", "LOGIN");
	put(DEAD_PROCESS, "tty2", "2", "gone");
	put(USER_PROCESS, "tty3", "3", "carol");
	put(RUN_LVL, "~", "~~", "runlevel");

	begin("getutline skips dead");
	key = record(EMPTY, "tty2", "", "");
	setutent();
	ut = getutline(&key);
	printf(" %s", ut ? ut->ut_user : "none");
	key = record(EMPTY, "tty1", "", "");
	setutent();
	ut = getutline(&key);
	printf(" %s\n", ut ? ut->ut_user : "none");

	begin("getutid");
	key = record(USER_PROCESS, "", "2", "");
	setutent();
	ut = getutid(&key);
	printf(" %s", ut ? ut->ut_user : "none");
	key = record(RUN_LVL, "", "", "");
	ut = getutid(&key);
	printf(" from-here %s", ut ? ut->ut_user : "none");
	ut = getutid(&key);
	printf(" again %s", ut ? ut->ut_user : "none");
	errno = 0;
	key = record(ACCOUNTING, "", "", "");
	setutent();
	ut = getutid(&key);
	printf(" accounting %s errno %d\n", ut ? "found" : "none", errno);

	begin("put after reading past the match");
	setutent();
	while (getutent())
		;
	key = record(USER_PROCESS, "tty1", "1", "alice");
	pututline(&key);
	dump();

	begin("put over what getutid found");
	key = record(USER_PROCESS, "tty3", "3", "");
	setutent();
	ut = getutid(&key);
	key = record(DEAD_PROCESS, "tty3", "3", "");
	pututline(&key);
	dump();
}

static void missing_and_logs(const char *dir)
{
	struct utmp ut = record(USER_PROCESS, "pts/0", "ts/0", "bob");
	int fd;

	begin("missing file");
	endutent();
	snprintf(file, sizeof(file), "%s/no-such-file", dir);
	utmpname(file);
	setutent();
	printf(" getutent %s", getutent() ? "found" : "none");
	printf(" pututline %s\n", pututline(&ut) ? "wrote" : "failed");

	begin("updwtmp appends and drops a partial record");
	make_empty(dir, "wtmp");
	updwtmp(file, &ut);
	fd = open(file, O_WRONLY | O_APPEND);
	if (fd >= 0) {
		if (write(fd, "partial", 7) != 7)
			printf(" (write failed)");
		close(fd);
	}
	ut = record(DEAD_PROCESS, "pts/0", "ts/0", "");
	updwtmpx(file, (struct utmpx *)&ut);
	dump();
}

/* Records with every field set, for the byte comparison. */
static void full_records(const char *dir)
{
	struct utmp ut = record(USER_PROCESS, "pts/12", "s/12", "alice");
	int i;

	for (i = 0; i < UT_HOSTSIZE; i++)
		ut.ut_host[i] = (char)('a' + i % 26);
	ut.ut_pid = 4242;
	ut.ut_exit.e_termination = 9;
	ut.ut_exit.e_exit = 3;
	ut.ut_session = 77;
	ut.ut_tv.tv_sec = 1765000000;
	ut.ut_tv.tv_usec = 123456;
	ut.ut_addr_v6[0] = 0x0100007f;
	ut.ut_addr_v6[3] = -1;
	make_empty(dir, "full");
	setutent();
	pututline(&ut);
	ut.ut_type = DEAD_PROCESS;
	ut.ut_user[0] = '\0';
	updwtmp(file, &ut);
	begin("full");
	dump();
}

static void read_file(const char *name)
{
	struct utmp *ut;
	int n = 0;

	utmpname(name);
	setutent();
	while ((ut = getutent())) {
		printf("case read-%d: %d %d %.*s %.4s %.*s %.*s %d %d %d %d %d"
		       " %d %d %d %d\n", n++, ut->ut_type, ut->ut_pid,
		       UT_LINESIZE, ut->ut_line, ut->ut_id, UT_NAMESIZE,
		       ut->ut_user, UT_HOSTSIZE, ut->ut_host,
		       ut->ut_exit.e_termination, ut->ut_exit.e_exit,
		       ut->ut_session, ut->ut_tv.tv_sec, ut->ut_tv.tv_usec,
		       ut->ut_addr_v6[0], ut->ut_addr_v6[1], ut->ut_addr_v6[2],
		       ut->ut_addr_v6[3]);
	}
	endutent();
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "read") == 0) {
		read_file(argv[2]);
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "write") != 0) {
		fprintf(stderr, "usage: utmp_cases write DIR | read FILE\n");
		return 2;
	}
	setvbuf(stdout, 0, _IOLBF, 0);
	layout();
	replacing(argv[2]);
	searching(argv[2]);
	missing_and_logs(argv[2]);
	full_records(argv[2]);
	endutent();
	return 0;
}
