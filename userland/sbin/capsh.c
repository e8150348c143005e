/*
 * capsh --print: the calling process's capability state, in the lines
 * libcap's capsh prints (Current, Bounding set, Ambient set, Securebits and
 * its four flags, the ids), with its text forms (captext.h).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include "captext.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT		47
#define PR_CAP_AMBIENT_IS_SET	1
#endif

static void
usage(void)
{
	fprintf(stderr, "usage: capsh --print\n");
	exit(1);
}

static void
print_sets(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	struct cap_sets s;
	uint64_t bounding = 0, ambient = 0;
	char text[2048];

	if (syscall(SYS_capget, &h, d) != 0) {
		fprintf(stderr, "capsh: capget: %s\n", strerror(errno));
		exit(1);
	}
	s.eff = d[0].effective | (uint64_t)d[1].effective << 32;
	s.prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	s.inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	for (int c = 0; c < CAP_NAMES_COUNT; c++) {
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			bounding |= 1ull << c;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1)
			ambient |= 1ull << c;
	}
	printf("Current: %s\n", captext_format(&s, text, sizeof(text)));
	printf("Bounding set =%s\n", captext_list(bounding, text, sizeof(text)));
	printf("Ambient set =%s\n", captext_list(ambient, text, sizeof(text)));
}

static void
print_securebits(void)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "secure-noroot", SECURE_NOROOT },
		{ "secure-no-suid-fixup", SECURE_NO_SETUID_FIXUP },
		{ "secure-keep-caps", SECURE_KEEP_CAPS },
		{ "secure-no-ambient-raise", SECURE_NO_CAP_AMBIENT_RAISE },
	};
	int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	char binary[40];
	int n = 0;

	if (bits < 0)
		bits = 0;
	for (int i = 31; i >= 0; i--)
		if (n || (bits >> i) & 1 || i == 0)
			binary[n++] = (char)('0' + ((bits >> i) & 1));
	binary[n] = '\0';
	printf("Securebits: 0%o/0x%x/%d'b%s (no-new-privs=%d)\n", bits, bits, n, binary, nnp);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		printf(" %s: %s (%s)\n", flags[i].name, (bits >> flags[i].bit) & 1 ? "yes" : "no",
		    (bits >> (flags[i].bit + 1)) & 1 ? "locked" : "unlocked");
}

static const char *
user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	return pw ? pw->pw_name : "";
}

static const char *
group_name(gid_t gid)
{
	struct group *gr = getgrgid(gid);
	return gr ? gr->gr_name : "";
}

static void
print_ids(void)
{
	gid_t groups[64];
	int n = getgroups(64, groups);

	printf("uid=%u(%s) euid=%u(%s)\n", getuid(), user_name(getuid()), geteuid(),
	    user_name(geteuid()));
	printf("gid=%u(%s)\n", getgid(), group_name(getgid()));
	printf("groups=");
	for (int i = 0; i < n; i++)
		printf("%s%u(%s)", i ? "," : "", groups[i], group_name(groups[i]));
	printf("\n");
}

int
main(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "--print") != 0)
		usage();
	print_sets();
	print_securebits();
	print_ids();
	return 0;
}
