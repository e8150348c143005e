/*
 * mount: attach a filesystem, or list the mounted ones.
 *   mount                                   list /proc/mounts
 *   mount [-frv] [-t type] [-o options] source dir
 *   mount [-frv] -o remount[,options] dir
 * Options ro, rw, nosuid, nodev, noexec, sync, noatime, relatime, remount,
 * bind, rbind and the propagation words become MS_* flags; anything else
 * is passed to the filesystem as its data string.  -f (fake) parses
 * everything but skips mount(2); -v prints what is done.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define MAX_DATA 1024
#define PROC_MOUNTS "/proc/mounts"

struct mount_option {
	const char *name;
	unsigned long set;	/* flags the option adds */
	unsigned long clear;	/* flags the option removes */
};

static const struct mount_option mount_options[] = {
	{ "ro", MS_RDONLY, 0 },		{ "rw", 0, MS_RDONLY },
	{ "nosuid", MS_NOSUID, 0 },	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },	{ "exec", 0, MS_NOEXEC },
	{ "sync", MS_SYNCHRONOUS, 0 },	{ "async", 0, MS_SYNCHRONOUS },
	{ "noatime", MS_NOATIME, 0 },	{ "atime", 0, MS_NOATIME },
	{ "nodiratime", MS_NODIRATIME, 0 },
	{ "relatime", MS_RELATIME, 0 },	{ "norelatime", 0, MS_RELATIME },
	{ "remount", MS_REMOUNT, 0 },
	{ "bind", MS_BIND, 0 },		{ "rbind", MS_BIND | MS_REC, 0 },
	{ "private", MS_PRIVATE, 0 },	{ "rprivate", MS_PRIVATE | MS_REC, 0 },
	{ "shared", MS_SHARED, 0 },	{ "rshared", MS_SHARED | MS_REC, 0 },
	{ "slave", MS_SLAVE, 0 },	{ "rslave", MS_SLAVE | MS_REC, 0 },
	{ "unbindable", MS_UNBINDABLE, 0 },
	{ "runbindable", MS_UNBINDABLE | MS_REC, 0 },
	{ "defaults", 0, 0 },
};

static void
usage(void)
{
	fprintf(stderr, "usage: mount [-frv] [-t type] [-o options] source dir\n"
	    "       mount [-frv] -o remount[,options] dir\n");
	exit(1);
}

/* Split a comma list into flags and the filesystem's data string. */
static void
parse_options(const char *list, unsigned long *flags, char *data, size_t size)
{
	char *copy = strdup(list), *word, *save = NULL;

	if (copy == NULL) {
		fprintf(stderr, "mount: %s\n", strerror(errno));
		exit(1);
	}
	for (word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		size_t i, n = sizeof(mount_options) / sizeof(mount_options[0]);

		for (i = 0; i < n; i++)
			if (strcmp(word, mount_options[i].name) == 0)
				break;
		if (i < n) {
			*flags = (*flags & ~mount_options[i].clear) | mount_options[i].set;
			continue;
		}
		size_t used = strlen(data);
		if (used + strlen(word) + 2 > size) {
			fprintf(stderr, "mount: %s: options too long\n", list);
			exit(1);
		}
		if (used)
			strcat(data, ",");
		strcat(data, word);
	}
	free(copy);
}

/* Print each /proc/mounts line as "source on dir type type (options)". */
static int
list_mounts(void)
{
	char source[4096], dir[4096], type[256], opts[4096];
	FILE *f = fopen(PROC_MOUNTS, "r");
	int line_ok;

	if (f == NULL) {
		fprintf(stderr, "mount: %s: %s\n", PROC_MOUNTS, strerror(errno));
		return 1;
	}
	while ((line_ok = fscanf(f, "%4095s %4095s %255s %4095s%*[^\n]", source, dir, type, opts)) != EOF) {
		if (line_ok == 4)
			printf("%s on %s type %s (%s)\n", source, dir, type, opts);
	}
	fclose(f);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *type = NULL, *source, *dir;
	unsigned long flags = 0;
	char data[MAX_DATA] = "";
	int fake = 0, verbose = 0, c;

	while ((c = getopt(argc, argv, "frvt:o:")) != -1) {
		switch (c) {
		case 'f': fake = 1; break;
		case 'r': flags |= MS_RDONLY; break;
		case 'v': verbose = 1; break;
		case 't': type = optarg; break;
		case 'o': parse_options(optarg, &flags, data, sizeof(data)); break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && type == NULL && flags == 0 && data[0] == '\0')
		return list_mounts();
	if (argc == 1 && (flags & MS_REMOUNT)) {
		source = "none";
		dir = argv[0];
	} else if (argc == 2) {
		source = argv[0];
		dir = argv[1];
	} else
		usage();
	if (type == NULL && !(flags & (MS_REMOUNT | MS_BIND | MS_PRIVATE | MS_SHARED |
	    MS_SLAVE | MS_UNBINDABLE))) {
		fprintf(stderr, "mount: %s: filesystem type needed (-t)\n", dir);
		usage();
	}
	if (verbose)
		printf("mount: %s on %s type %s flags 0x%lx data '%s'\n", source, dir,
		    type ? type : "none", flags, data);
	if (fake)
		return 0;
	if (mount(source, dir, type, flags, data[0] ? data : NULL) < 0) {
		fprintf(stderr, "mount: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}
