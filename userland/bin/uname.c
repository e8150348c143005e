/*
 * uname: print system information from uname(2).  Fields in the fixed
 * order -s -n -r -v -m; -a prints them all; no option means -s.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

enum { F_SYSNAME = 1, F_NODENAME = 2, F_RELEASE = 4, F_VERSION = 8, F_MACHINE = 16 };

int
main(int argc, char *argv[])
{
	struct utsname u;
	unsigned fields = 0;
	int c, first = 1;

	while ((c = getopt(argc, argv, "asnrvmo")) != -1) {
		switch (c) {
		case 'a': fields |= F_SYSNAME | F_NODENAME | F_RELEASE | F_VERSION | F_MACHINE; break;
		case 's': case 'o': fields |= F_SYSNAME; break;
		case 'n': fields |= F_NODENAME; break;
		case 'r': fields |= F_RELEASE; break;
		case 'v': fields |= F_VERSION; break;
		case 'm': fields |= F_MACHINE; break;
		default:
			fprintf(stderr, "usage: uname [-amnrsv]\n");
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "usage: uname [-amnrsv]\n");
		return 1;
	}
	if (fields == 0)
		fields = F_SYSNAME;
	if (uname(&u) < 0) {
		fprintf(stderr, "uname: %s\n", strerror(errno));
		return 1;
	}
	const struct { unsigned flag; const char *value; } order[] = {
		{ F_SYSNAME, u.sysname }, { F_NODENAME, u.nodename },
		{ F_RELEASE, u.release }, { F_VERSION, u.version },
		{ F_MACHINE, u.machine },
	};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(fields & order[i].flag))
			continue;
		printf("%s%s", first ? "" : " ", order[i].value);
		first = 0;
	}
	putchar('\n');
	return 0;
}
