/*
 * accounts_test.c - host unit tests of userland/lib's account pieces:
 * the /etc tables (accounts.c, read from a scratch root through
 * USERLAND_ROOT), name checks, member lists and rewrites (pwdb.c) and the
 * time formats of who, w, last and uptime (logins.c, as procps and
 * util-linux print them).  Prints PASS/FAIL lines; never linked into a
 * program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"
#include "pwdb.h"

static int failures;

static void
check_str(const char *name, const char *want, const char *got)
{
	if (got != NULL && strcmp(want, got) == 0) {
		printf("PASS utils-accounts-%s\n", name);
		return;
	}
	printf("FAIL utils-accounts-%s: expected '%s', got '%s'\n", name, want,
	    got ? got : "(null)");
	failures++;
}

static void
check_int(const char *name, long want, long got)
{
	char w[32], g[32];

	snprintf(w, sizeof(w), "%ld", want);
	snprintf(g, sizeof(g), "%ld", got);
	check_str(name, w, g);
}

static void
write_text(const char *root, const char *file, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, file);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void
test_tables(const char *root)
{
	gid_t list[8];
	uid_t uid;
	int n;

	write_text(root, "/etc/passwd",
		   "root:x:0:0:root:/root:/bin/sh\n"
		   "broken line\n"
		   "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
		   "bob:x:1001:100::/home/bob:/bin/sh\n");
	write_text(root, "/etc/group",
		   "root:x:0:\nusers:x:100:alice,bob\nalice:x:1000:\n"
		   "wheel:x:10:carol,alice\n");
	setenv("USERLAND_ROOT", root, 1);
	accounts_reload();
	check_str("user-by-id", "alice", user_by_id(1000) ? user_by_id(1000)->name : NULL);
	check_str("user-home", "/home/bob", user_by_name("bob") ? user_by_name("bob")->home : NULL);
	check_int("user-missing", 1, user_by_id(4242) == NULL);
	check_str("group-by-id", "users", group_by_id(100) ? group_by_id(100)->name : NULL);
	check_int("parse-user-name", 0, parse_user("bob", &uid) == 0 ? (long)uid - 1001 : -1);
	check_int("parse-user-number", 77, parse_user("77", &uid) == 0 ? (long)uid : -1);
	check_int("parse-user-bad", -1, parse_user("nobody-here", &uid));
	n = user_groups("alice", 1000, list, 8);
	check_int("user-groups-count", 3, n);
	check_int("user-groups-order", 1, n == 3 && list[0] == 1000 && list[1] == 100 && list[2] == 10);
	check_int("is-member", 1, is_member("alice,bob", "bob") && !is_member("alice,bob", "bo"));
}

static void
test_pwdb(void)
{
	static const char *const good[] = { "alice", "_x", "a-b_9", "m$",
		"abcdefghijklmnopqrstuvwxyz012345" };
	static const char *const bad[] = { "", "Alice", "9a", "-a", "a b",
		"a:b", "a$b", "abcdefghijklmnopqrstuvwxyz0123456" };
	char *m;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		check_int(good[i], 1, valid_account_name(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_int("bad-name", 0, valid_account_name(bad[i]));
	m = edit_members("", "bob", NULL);
	check_str("members-add-empty", "bob", m);
	free(m);
	m = edit_members("alice,bob", "bob", NULL);
	check_str("members-add-present", "alice,bob", m);
	free(m);
	m = edit_members("alice,bob,carol", NULL, "bob");
	check_str("members-remove", "alice,carol", m);
	free(m);
	m = edit_members("bob", NULL, "bob");
	check_str("members-remove-last", "", m);
	free(m);

}

/* A line edit that keeps every line. */
static int
keep(const char *line, FILE *out, void *arg)
{
	(void)arg;
	fprintf(out, "%s\n", line);
	return 0;
}

static void
test_rewrite(const char *root)
{
	char path[512], text[128] = "";
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/etc/shadow", root);
	write_text(root, "/etc/shadow", "root::1:0:99999:7:::\n");
	chmod(path, 0640);
	check_int("rewrite", 0, rewrite_file("/etc/shadow", keep, NULL, "x:!:2::::::\n"));
	f = fopen(path, "r");
	if (f) {
		size_t n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		fclose(f);
	}
	check_str("rewrite-text", "root::1:0:99999:7:::\nx:!:2::::::\n", text);
	check_int("rewrite-mode", 0640, stat(path, &st) == 0 ? (long)(st.st_mode & 07777) : -1);
	strcat(path, "+");
	check_int("rewrite-no-temp", -1, access(path, F_OK));
	check_int("rewrite-missing", -1, rewrite_file("/etc/nothing", keep, NULL, NULL));
}

static void
test_formats(void)
{
	char buf[160];
	double load[3] = { 0.5, 0.25, 0.125 };
	time_t noon = 1765022400;	/* 2025-12-06 12:00:00 UTC */

	format_idle(buf, sizeof(buf), 5);
	check_str("idle-seconds", "5.00s", buf);
	format_idle(buf, sizeof(buf), 187);
	check_str("idle-minutes", "3:07", buf);
	format_idle(buf, sizeof(buf), 7500);
	check_str("idle-hours", "2:05m", buf);
	format_idle(buf, sizeof(buf), 3 * 86400 + 5);
	check_str("idle-days", "3days", buf);
	format_session(buf, sizeof(buf), 31 * 60);
	check_str("session", "(00:31)", buf);
	format_session(buf, sizeof(buf), 86400 + 3720);
	check_str("session-days", "(1+01:02)", buf);
	format_uptime(buf, sizeof(buf), noon, 3 * 60, 1, NULL);
	check_str("uptime-minutes",  " 12:00:00 up 3 min,  1 user", buf);
	format_uptime(buf, sizeof(buf), noon, 2 * 86400 + 3 * 3600 + 4 * 60, 2, load);
	check_str("uptime-days", " 12:00:00 up 2 days,  3:04,  2 users,  load average: 0.50, 0.25, 0.12", buf);
	format_uptime(buf, sizeof(buf), noon, 86400 + 600, -1, NULL);
	check_str("uptime-no-users", " 12:00:00 up 1 day, 10 min", buf);
}

int
main(void)
{
	static const char *const scratch[] = { "/etc/passwd", "/etc/group",
		"/etc/shadow", "/etc", "" };
	char root[] = "/tmp/accounts_test.XXXXXX", etc[64];

	setenv("TZ", "UTC", 1);
	tzset();
	if (mkdtemp(root) == NULL) {
		printf("FAIL utils-accounts-setup: mkdtemp\n");
		return 1;
	}
	snprintf(etc, sizeof(etc), "%s/etc", root);
	mkdir(etc, 0755);
	test_tables(root);
	test_pwdb();
	test_rewrite(root);
	test_formats();
	for (size_t i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++) {
		snprintf(etc, sizeof(etc), "%s%s", root, scratch[i]);
		remove(etc);
	}
	return failures != 0;
}
