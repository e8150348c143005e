/*
 * Host test of init's pure helpers (parse.c): prints one PASS/FAIL
 * line per check, like every suite.
 */
#include <stdio.h>
#include <string.h>

#include "init.h"

static int failures;

static void
check(int ok, const char *name, const char *why)
{
	if (ok)
		printf("PASS %s\n", name);
	else {
		printf("FAIL %s: %s\n", name, why);
		failures++;
	}
}

static void
check_hostname(const char *name, const char *text, int want_rc, const char *want)
{
	char out[16] = "";
	int rc = hostname_parse(text, out, sizeof(out));

	check(rc == want_rc && (rc < 0 || strcmp(out, want) == 0), name,
	    rc != want_rc ? "wrong return code" : out);
}

static void
check_respawn(void)
{
	struct respawn r = { 100, 0 };
	unsigned delay = 0;

	for (int i = 0; i < RESPAWN_FAST_LIMIT - 1; i++)
		delay |= respawn_delay(&r, 100);
	check(delay == 0, "init-respawn-few-fast-exits", "delayed before the limit");
	check(respawn_delay(&r, 100 + RESPAWN_FAST_SECONDS) == RESPAWN_DELAY,
	    "init-respawn-fast-exits-in-a-row", "no delay at the limit");
	check(respawn_delay(&r, 100) == RESPAWN_DELAY, "init-respawn-keeps-waiting",
	    "no delay after the limit");
	r.started = 200;
	check(respawn_delay(&r, 200 + RESPAWN_FAST_SECONDS + 1) == 0 && r.fast_exits == 0,
	    "init-respawn-normal-run-resets", "still delayed after a normal run");
}

/* What inittab_parse complained of: "LINE:WHY;" for each skipped line. */
struct complaints {
	char text[512];
};

static void
record_complaint(void *ctx, int line, const char *why)
{
	struct complaints *c = ctx;
	size_t used = strlen(c->text);

	snprintf(c->text + used, sizeof(c->text) - used, "%d:%s;", line, why);
}

/* Parse text; the entries must print as want ("TTY PROG ARGS|..."). */
static void
check_inittab_case(const char *name, const char *text, int max, const char *want,
    const char *want_complaints)
{
	struct inittab_entry entries[INITTAB_MAX_ENTRIES];
	struct complaints c = { "" };
	char copy[1024], got[512] = "";

	snprintf(copy, sizeof(copy), "%s", text);
	int n = inittab_parse(copy, entries, max, record_complaint, &c);
	for (int i = 0; i < n; i++) {
		strcat(got, entries[i].tty);
		for (char **a = entries[i].argv; *a != NULL; a++) {
			strcat(got, " ");
			strcat(got, *a);
		}
		strcat(got, "|");
	}
	if (strcmp(got, want) != 0)
		check(0, name, got);
	else
		check(strcmp(c.text, want_complaints) == 0, name, c.text);
}

static void
check_inittab(void)
{
	check_inittab_case("init-inittab-two-terminals",
	    "/dev/console /bin/login\n/dev/hvc0 /bin/login\n", INITTAB_MAX_ENTRIES,
	    "/dev/console /bin/login|/dev/hvc0 /bin/login|", "");
	check_inittab_case("init-inittab-arguments-and-blanks",
	    "  /dev/hvc0\t/bin/sh  -l \r\n", INITTAB_MAX_ENTRIES,
	    "/dev/hvc0 /bin/sh -l|", "");
	check_inittab_case("init-inittab-comments",
	    "# terminals\n\n/dev/console /bin/sh -l # the first\n   # indented\n",
	    INITTAB_MAX_ENTRIES, "/dev/console /bin/sh -l|", "");
	check_inittab_case("init-inittab-no-newline-at-end", "/dev/console /bin/sh",
	    INITTAB_MAX_ENTRIES, "/dev/console /bin/sh|", "");
	check_inittab_case("init-inittab-empty", "", INITTAB_MAX_ENTRIES, "", "");
	check_inittab_case("init-inittab-no-program", "/dev/console\n/dev/hvc0 /bin/sh\n",
	    INITTAB_MAX_ENTRIES, "/dev/hvc0 /bin/sh|", "1:no program after the terminal;");
	check_inittab_case("init-inittab-relative-terminal", "hvc0 /bin/sh\n",
	    INITTAB_MAX_ENTRIES, "", "1:the terminal is not an absolute path;");
	check_inittab_case("init-inittab-relative-program", "\n/dev/hvc0 sh -l\n",
	    INITTAB_MAX_ENTRIES, "", "2:the program is not an absolute path;");
	check_inittab_case("init-inittab-terminal-twice",
	    "/dev/hvc0 /bin/sh\n/dev/hvc0 /bin/login\n", INITTAB_MAX_ENTRIES,
	    "/dev/hvc0 /bin/sh|", "2:the terminal already has a program;");
	check_inittab_case("init-inittab-too-many-arguments",
	    "/dev/hvc0 /bin/echo 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n/dev/console /bin/sh\n",
	    INITTAB_MAX_ENTRIES, "/dev/console /bin/sh|", "1:too many arguments;");
	check_inittab_case("init-inittab-most-arguments",
	    "/dev/hvc0 /bin/echo 1 2 3 4 5 6 7 8 9 10 11 12 13 14\n", INITTAB_MAX_ENTRIES,
	    "/dev/hvc0 /bin/echo 1 2 3 4 5 6 7 8 9 10 11 12 13 14|", "");
	check_inittab_case("init-inittab-too-many-entries",
	    "/dev/console /bin/sh\n/dev/hvc0 /bin/sh\n/dev/ttyS1 /bin/sh\n", 2,
	    "/dev/console /bin/sh|/dev/hvc0 /bin/sh|", "3:too many entries;");
}

int
main(void)
{
	check_hostname("init-hostname-plain", "box\n", 0, "box");
	check_hostname("init-hostname-no-newline", "box", 0, "box");
	check_hostname("init-hostname-blanks", "  box \t\n", 0, "box");
	check_hostname("init-hostname-comments", "# name\n\nbox\nother\n", 0, "box");
	check_hostname("init-hostname-empty", "\n \n", -1, "");
	check_hostname("init-hostname-too-long", "a-very-long-host-name\n", -1, "");

	char *ok_args[] = { "init", "single", "S", "3", NULL };
	char *bad_args[] = { "init", "single", "bogus", NULL };
	char *no_args[] = { "init", NULL };
	check(init_args_check(4, ok_args) == 0, "init-args-runlevels", "rejected");
	check(init_args_check(3, bad_args) == 2, "init-args-unknown", "not reported");
	check(init_args_check(1, no_args) == 0, "init-args-none", "rejected");

	check_respawn();
	check_inittab();
	return 0;
}
