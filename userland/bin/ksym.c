/*
 * ksym: name kernel addresses with /boot/System.map, as Linux's kmemleak
 * and oops reports show them.
 *   ksym [-m MAP] [ADDRESS...]
 * With addresses (hex, 0x optional), prints "ADDRESS SYMBOL+0xOFF/0xSIZE"
 * for each.  Without, copies standard input to standard output and adds
 * " SYMBOL+0xOFF/0xSIZE" after every "[<ADDRESS>]" (ksym <
 * /sys/kernel/debug/kmemleak).  The size runs to the next text symbol;
 * an address outside the text prints "?".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MAP "/boot/System.map"
#define NAME_LEN 64

struct sym {
	uint64_t addr;
	char name[NAME_LEN];
};

static struct sym *syms;
static size_t nsyms;

static void
usage(void)
{
	fprintf(stderr, "usage: ksym [-m mapfile] [address ...]\n");
	exit(1);
}

/* The text symbols of an `nm -n` map, in address order. */
static void
load_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256], type, name[NAME_LEN];
	unsigned long long addr;
	size_t cap = 0;

	if (f == NULL) {
		fprintf(stderr, "ksym: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%llx %c %63s", &addr, &type, name) != 3 ||
		    (type != 't' && type != 'T'))
			continue;
		if (nsyms == cap) {
			cap = cap ? 2 * cap : 1024;
			syms = realloc(syms, cap * sizeof(*syms));
			if (syms == NULL) {
				fprintf(stderr, "ksym: %s\n", strerror(errno));
				exit(1);
			}
		}
		syms[nsyms].addr = addr;
		strcpy(syms[nsyms].name, name);
		nsyms++;
	}
	fclose(f);
}

/* "name+0xoff/0xsize" for addr into buf, or "?". */
static void
describe(uint64_t addr, char *buf, size_t len)
{
	size_t lo = 0, hi = nsyms;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (nsyms < 2 || addr < syms[lo].addr || lo + 1 >= nsyms) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%s+0x%llx/0x%llx", syms[lo].name,
		 (unsigned long long)(addr - syms[lo].addr),
		 (unsigned long long)(syms[lo + 1].addr - syms[lo].addr));
}

static void
annotate_stream(void)
{
	char line[1024], desc[128];

	while (fgets(line, sizeof(line), stdin) != NULL) {
		char *open = strstr(line, "[<"), *close = open ? strstr(open, ">]") : NULL;
		if (close == NULL) {
			fputs(line, stdout);
			continue;
		}
		describe(strtoull(open + 2, NULL, 16), desc, sizeof(desc));
		fwrite(line, 1, close + 2 - line, stdout);
		printf(" %s%s", desc, close + 2);
	}
}

int
main(int argc, char *argv[])
{
	const char *map = DEFAULT_MAP;
	char desc[128], *end;
	int c;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		switch (c) {
		case 'm': map = optarg; break;
		default: usage();
		}
	}
	load_map(map);
	if (optind == argc) {
		annotate_stream();
		return fflush(stdout) != 0;
	}
	for (; optind < argc; optind++) {
		uint64_t addr = strtoull(argv[optind], &end, 16);
		if (*argv[optind] == '\0' || *end != '\0')
			usage();
		describe(addr, desc, sizeof(desc));
		printf("%s %s\n", argv[optind], desc);
	}
	return fflush(stdout) != 0;
}
