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

	check(respawn_delay(100, 100) == RESPAWN_DELAY, "init-respawn-fast-exit", "no delay");
	check(respawn_delay(100, 100 + RESPAWN_MIN_LIFETIME) == 0, "init-respawn-normal", "delayed");
	return 0;
}
