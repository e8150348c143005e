/*
 * lib_test.c - host unit tests of userland/lib's pure parts: human sizes
 * (expectations recorded from GNU ls -lh and numfmt --to=iec --round=up),
 * mode strings (from GNU ls -l), mode expressions (GNU chmod's results)
 * and signal names (bash's kill -l, with
 * the C library's SIGRTMIN).  Prints PASS/FAIL lines, the names
 * prefixed by argv[1] ("utils-lib" by default, so that the guest build
 * run under qemu-riscv64 can say "utils-guest-lib"); never linked into a
 * program (userland/userland.mk leaves *_test.c out).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "human.h"
#include "modeexpr.h"
#include "modestr.h"
#include "signame.h"

static int failures;
static const char *prefix = "utils-lib";

static void
check_str(const char *name, const char *want, const char *got)
{
	if (got != NULL && strcmp(want, got) == 0) {
		printf("PASS %s-%s\n", prefix, name);
		return;
	}
	printf("FAIL %s-%s: expected '%s', got '%s'\n", prefix, name, want,
	    got ? got : "(null)");
	failures++;
}

static void
check_int(const char *name, int want, int got)
{
	char w[32], g[32];

	snprintf(w, sizeof(w), "%d", want);
	snprintf(g, sizeof(g), "%d", got);
	check_str(name, w, g);
}

static void
test_human(void)
{
	static const struct {
		unsigned long long bytes;
		const char *text;
	} cases[] = {
		{ 0, "0" }, { 1, "1" }, { 1023, "1023" }, { 1024, "1.0K" },
		{ 1025, "1.1K" }, { 1536, "1.5K" }, { 10239, "10K" }, { 10240, "10K" },
		{ 10241, "11K" }, { 1048575, "1.0M" }, { 1048576, "1.0M" },
		{ 1048577, "1.1M" }, { 10485760, "10M" }, { 1073741824, "1.0G" },
		{ 1099511627776ULL, "1.0T" }, { 1125899906842624ULL, "1.0P" },
		{ 1152921504606846976ULL, "1.0E" }, { 18446744073709551615ULL, "16E" },
	};
	char buf[HUMAN_SIZE_MAX], name[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "human-%llu", cases[i].bytes);
		check_str(name, cases[i].text, human_size(cases[i].bytes, buf));
	}
}

static void
test_mode(void)
{
	static const struct {
		mode_t mode;
		const char *text;
	} cases[] = {
		{ S_IFREG | 0644, "-rw-r--r--" }, { S_IFDIR | 0755, "drwxr-xr-x" },
		{ S_IFLNK | 0777, "lrwxrwxrwx" }, { S_IFREG | 04755, "-rwsr-xr-x" },
		{ S_IFREG | 04644, "-rwSr--r--" }, { S_IFDIR | 02775, "drwxrwsr-x" },
		{ S_IFREG | 02644, "-rw-r-Sr--" }, { S_IFDIR | 01777, "drwxrwxrwt" },
		{ S_IFREG | 01644, "-rw-r--r-T" }, { S_IFCHR | 0620, "crw--w----" },
		{ S_IFBLK | 0660, "brw-rw----" }, { S_IFIFO | 0600, "prw-------" },
		{ S_IFSOCK | 0755, "srwxr-xr-x" }, { S_IFREG, "----------" },
	};
	char buf[MODE_STRING_SIZE], name[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "mode-%s", cases[i].text);
		mode_string(cases[i].mode, buf);
		check_str(name, cases[i].text, buf);
	}
}

static void
test_mode_expressions(void)
{
	static const struct {
		const char *expr;
		mode_t old, umask_bits;
		long mode;
	} cases[] = {
		{ "755", S_IFREG | 0600, 0, 0755 },
		{ "4755", S_IFREG, 0, 04755 },
		{ "u+x", S_IFREG | 0644, 0, 0744 },
		{ "go-w", S_IFREG | 0666, 0, 0644 },
		{ "a=rX", S_IFDIR, 0, 0555 },
		{ "a=rX", S_IFREG, 0, 0444 },
		{ "a+X", S_IFREG | 0100, 0, 0111 },
		{ "g=u", S_IFREG | 0750, 0, 0770 },
		{ "u=rw,g=r,o=", S_IFREG | 0777, 0, 0640 },
		{ "+w", S_IFREG, 022, 0200 },
		{ "a+w", S_IFREG, 022, 0222 },
		{ "u+s,+t", S_IFREG | 0755, 0, 05755 },
		{ "u+q", S_IFREG, 0, -1 },
		{ "8", S_IFREG, 0, -1 },
		{ "77777", S_IFREG, 0, -1 },
		{ "u+x,", S_IFREG, 0, -1 },
		{ "", S_IFREG, 0, -1 },
	};
	char name[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "mode-expr-%zu-%s", i, cases[i].expr);
		check_int(name, (int)cases[i].mode,
		    (int)mode_apply(cases[i].expr, cases[i].old, cases[i].umask_bits));
	}
}

static void
test_signames(void)
{
	char buf[SIGNAME_MAX];

	check_str("sig-name-term", "TERM", sig_name(SIGTERM, buf));
	check_str("sig-name-poll", "POLL", sig_name(SIGIO, buf));
	check_str("sig-name-rtmin", "RTMIN", sig_name(SIGRTMIN, buf));
	check_str("sig-name-rtmin-plus", "RTMIN+1", sig_name(SIGRTMIN + 1, buf));
	check_str("sig-name-rtmax-minus", "RTMAX-1", sig_name(SIGRTMAX - 1, buf));
	check_str("sig-name-rtmax", "RTMAX", sig_name(SIGRTMAX, buf));
	check_str("sig-name-middle", SIGRTMIN + 15 <= (SIGRTMIN + SIGRTMAX) / 2 ?
	    "RTMIN+15" : "RTMAX-14", sig_name(SIGRTMIN + 15, buf));
	check_int("sig-name-zero", 1, sig_name(0, buf) == NULL);
	check_int("sig-name-too-big", 1, sig_name(NSIG, buf) == NULL);
	check_int("sig-number-name", SIGTERM, sig_number("TERM"));
	check_int("sig-number-prefix", SIGKILL, sig_number("SIGKILL"));
	check_int("sig-number-case", SIGHUP, sig_number("sigHup"));
	check_int("sig-number-decimal", 9, sig_number("9"));
	check_int("sig-number-null", 0, sig_number("0"));
	check_int("sig-number-alias-io", SIGIO, sig_number("IO"));
	check_int("sig-number-alias-iot", SIGABRT, sig_number("IOT"));
	check_int("sig-number-alias-cld", SIGCHLD, sig_number("CLD"));
	check_int("sig-number-rtmin", SIGRTMIN, sig_number("RTMIN"));
	check_int("sig-number-rtmin-plus", SIGRTMIN + 3, sig_number("SIGRTMIN+3"));
	check_int("sig-number-rtmax-minus", SIGRTMAX - 2, sig_number("rtmax-2"));
	check_int("sig-number-rt-too-far", -1, sig_number("RTMIN+99"));
	check_int("sig-number-rt-junk", -1, sig_number("RTMIN+2x"));
	check_int("sig-number-too-big", -1, sig_number("65"));
	check_int("sig-number-junk", -1, sig_number("9x"));
	check_int("sig-number-unknown", -1, sig_number("NOSUCH"));
	check_int("sig-number-empty", -1, sig_number(""));
	check_int("sig-number-bare-sig", -1, sig_number("SIG"));
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig_name(sig, buf) != NULL && sig_number(buf) != sig) {
			printf("FAIL %s-sig-round-trip: %d -> %s -> %d\n", prefix, sig,
			    buf, sig_number(buf));
			failures++;
			return;
		}
	}
	printf("PASS %s-sig-round-trip\n", prefix);
}

int
main(int argc, char *argv[])
{
	if (argc > 1)
		prefix = argv[1];
	test_human();
	test_mode();
	test_mode_expressions();
	test_signames();
	return failures != 0;
}
