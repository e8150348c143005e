/*
 * mount: attach a filesystem, or list the mounted ones.
 *   mount                                   list /proc/mounts
 *   mount [-frvw] [-t type] [-o options] source dir
 *   mount [-frvw] -o remount[,options] dir
 *   mount [-fv] --bind|-B, --rbind|-R, --move|-M olddir newdir
 *   mount [-fv] --make-[r]shared|slave|private|unbindable dir
 * Options ro, rw, nosuid, nodev, noexec, sync, noatime, relatime, remount,
 * bind, rbind and the propagation words become MS_* flags; anything else
 * is passed to the filesystem as its data string.  As util-linux's mount,
 * a propagation change (an option word or --make-*) is a mount(2) call of
 * its own, after the mount asked with it (the kernel takes one type per
 * call), and a
 * failure is told in util-linux's words, with its exit status 32.  -f
 * (fake) parses everything but skips mount(2); -v prints what is done.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DATA 1024
#define MAX_PROPAGATION 8	/* --make-* options on one command line */
#define MSG_MAX 512
#define PROC_MOUNTS "/proc/mounts"
#define EXIT_USAGE 1
#define EXIT_FAILED 32		/* util-linux's MNT_EX_FAIL */
#define MS_PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)

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

/* The --make-* options: their long-option values index this table. */
enum { OPT_MAKE_FIRST = 256 };
static const struct mount_option make_options[] = {
	{ "make-shared", MS_SHARED, 0 },	{ "make-rshared", MS_SHARED | MS_REC, 0 },
	{ "make-slave", MS_SLAVE, 0 },		{ "make-rslave", MS_SLAVE | MS_REC, 0 },
	{ "make-private", MS_PRIVATE, 0 },	{ "make-rprivate", MS_PRIVATE | MS_REC, 0 },
	{ "make-unbindable", MS_UNBINDABLE, 0 },
	{ "make-runbindable", MS_UNBINDABLE | MS_REC, 0 },
};
#define N_MAKE (sizeof(make_options) / sizeof(make_options[0]))

static const struct option long_options[] = {
	{ "bind", no_argument, NULL, 'B' },
	{ "rbind", no_argument, NULL, 'R' },
	{ "move", no_argument, NULL, 'M' },
	{ "fake", no_argument, NULL, 'f' },
	{ "read-only", no_argument, NULL, 'r' },
	{ "rw", no_argument, NULL, 'w' },
	{ "read-write", no_argument, NULL, 'w' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "types", required_argument, NULL, 't' },
	{ "options", required_argument, NULL, 'o' },
	{ "make-shared", no_argument, NULL, OPT_MAKE_FIRST + 0 },
	{ "make-rshared", no_argument, NULL, OPT_MAKE_FIRST + 1 },
	{ "make-slave", no_argument, NULL, OPT_MAKE_FIRST + 2 },
	{ "make-rslave", no_argument, NULL, OPT_MAKE_FIRST + 3 },
	{ "make-private", no_argument, NULL, OPT_MAKE_FIRST + 4 },
	{ "make-rprivate", no_argument, NULL, OPT_MAKE_FIRST + 5 },
	{ "make-unbindable", no_argument, NULL, OPT_MAKE_FIRST + 6 },
	{ "make-runbindable", no_argument, NULL, OPT_MAKE_FIRST + 7 },
	{ NULL, 0, NULL, 0 },
};

/* What the command line asks. */
struct request {
	const char *type;
	unsigned long flags;		/* for the main mount(2) call */
	char data[MAX_DATA];
	unsigned long propagation[MAX_PROPAGATION];	/* calls after it */
	int n_propagation;
	int fake, verbose;
};

static void
usage(void)
{
	fprintf(stderr, "usage: mount [-frvw] [-t type] [-o options] source dir\n"
	    "       mount [-frvw] -o remount[,options] dir\n"
	    "       mount [-fv] --bind|--rbind|--move olddir newdir\n"
	    "       mount [-fv] --make-[r]shared|slave|private|unbindable dir\n");
	exit(EXIT_USAGE);
}

/* A propagation change to make with a call of its own. */
static void
add_propagation(struct request *r, unsigned long flags)
{
	if (r->n_propagation == MAX_PROPAGATION) {
		fprintf(stderr, "mount: more than %d propagation changes\n", MAX_PROPAGATION);
		exit(EXIT_USAGE);
	}
	r->propagation[r->n_propagation++] = flags;
}

/* Split a comma list into flags and the filesystem's data string. */
static void
parse_options(const char *list, struct request *r)
{
	char *copy = strdup(list), *word, *save = NULL;

	if (copy == NULL) {
		fprintf(stderr, "mount: %s\n", strerror(errno));
		exit(EXIT_FAILED);
	}
	for (word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		size_t i, n = sizeof(mount_options) / sizeof(mount_options[0]);

		for (i = 0; i < n; i++)
			if (strcmp(word, mount_options[i].name) == 0)
				break;
		if (i < n && (mount_options[i].set & MS_PROPAGATION)) {
			add_propagation(r, mount_options[i].set);
			continue;
		}
		if (i < n) {
			r->flags = (r->flags & ~mount_options[i].clear) | mount_options[i].set;
			continue;
		}
		size_t used = strlen(r->data);
		if (used + strlen(word) + 2 > sizeof(r->data)) {
			fprintf(stderr, "mount: %s: options too long\n", list);
			exit(EXIT_USAGE);
		}
		if (used)
			strcat(r->data, ",");
		strcat(r->data, word);
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
		return EXIT_FAILED;
	}
	while ((line_ok = fscanf(f, "%4095s %4095s %255s %4095s%*[^\n]", source, dir, type, opts)) != EOF) {
		if (line_ok == 4)
			printf("%s on %s type %s (%s)\n", source, dir, type, opts);
	}
	fclose(f);
	return 0;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * util-linux's words (libmount's) for mount(2) failing with err: what a
 * user is told after "mount: DIR: ".
 */
static void
explain(int err, unsigned long flags, const char *source, const char *dir,
    const char *type, char *msg, size_t size)
{
	struct stat st;

	switch (err) {
	case EPERM:
		snprintf(msg, size, geteuid() ? "must be superuser to use mount." :
		    "permission denied.");
		return;
	case EBUSY:
		if (flags & MS_REMOUNT)
			snprintf(msg, size, "mount point is busy.");
		else
			snprintf(msg, size, "%s already mounted or mount point busy.", source);
		return;
	case ENOENT:
		if (lstat(dir, &st) != 0)
			snprintf(msg, size, "mount point does not exist.");
		else if (source && lstat(source, &st) != 0)
			snprintf(msg, size, "special device %s does not exist.", source);
		else
			break;
		return;
	case ENOTDIR:
		if (!is_dir(dir))
			snprintf(msg, size, "mount point is not a directory.");
		else
			snprintf(msg, size, "special device %s does not exist "
			    "(a path prefix is not a directory).", source);
		return;
	case EINVAL:
		if (flags & MS_REMOUNT)
			snprintf(msg, size, "mount point not mounted or bad option.");
		else if (flags & MS_PROPAGATION)
			snprintf(msg, size, "not mount point or bad option.");
		else
			snprintf(msg, size, "wrong fs type, bad option, bad superblock on %s, "
			    "missing codepage or helper program, or other error.", source);
		return;
	case ENODEV:
		snprintf(msg, size, "unknown filesystem type '%s'.", type ? type : "");
		return;
	case ENOTBLK:
		snprintf(msg, size, "%s is not a block device.", source);
		return;
	}
	snprintf(msg, size, "mount(2) system call failed: %s.", strerror(err));
}

/* One mount(2) call, told with -v, skipped with -f; 0 or EXIT_FAILED. */
static int
do_mount(const struct request *r, const char *source, const char *dir, const char *type,
    unsigned long flags, const char *data)
{
	char msg[MSG_MAX];

	if (r->verbose)
		printf("mount: %s on %s type %s flags 0x%lx data '%s'\n", source, dir,
		    type ? type : "none", flags, data ? data : "");
	if (r->fake || mount(source, dir, type, flags, data) == 0)
		return 0;
	explain(errno, flags, source, dir, type, msg, sizeof(msg));
	fprintf(stderr, "mount: %s: %s\n", dir, msg);
	return EXIT_FAILED;
}

int
main(int argc, char *argv[])
{
	struct request r = { 0 };
	const char *source, *dir;
	int c, status;

	while ((c = getopt_long(argc, argv, "BRMfrvwt:o:", long_options, NULL)) != -1) {
		if (c >= OPT_MAKE_FIRST && c < OPT_MAKE_FIRST + (int)N_MAKE) {
			add_propagation(&r, make_options[c - OPT_MAKE_FIRST].set);
			continue;
		}
		switch (c) {
		case 'B': r.flags |= MS_BIND; break;
		case 'R': r.flags |= MS_BIND | MS_REC; break;
		case 'M': r.flags |= MS_MOVE; break;
		case 'f': r.fake = 1; break;
		case 'r': r.flags |= MS_RDONLY; break;
		case 'w': r.flags &= ~MS_RDONLY; break;
		case 'v': r.verbose = 1; break;
		case 't': r.type = optarg; break;
		case 'o': parse_options(optarg, &r); break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && r.type == NULL && r.flags == 0 && r.data[0] == '\0' &&
	    r.n_propagation == 0)
		return list_mounts();
	int only_propagation = r.flags == 0 && r.type == NULL && r.n_propagation > 0;
	if (argc == 1 && ((r.flags & MS_REMOUNT) || only_propagation)) {
		source = "none";
		dir = argv[0];
	} else if (argc == 2 && !only_propagation) {
		source = argv[0];
		dir = argv[1];
	} else
		usage();
	if (r.type == NULL && !(r.flags & (MS_REMOUNT | MS_BIND | MS_MOVE)) && !only_propagation) {
		fprintf(stderr, "mount: %s: filesystem type needed (-t)\n", dir);
		usage();
	}
	status = 0;
	if (!only_propagation)
		status = do_mount(&r, source, dir, r.type, r.flags, r.data[0] ? r.data : NULL);
	for (int i = 0; status == 0 && i < r.n_propagation; i++)
		status = do_mount(&r, "none", dir, NULL, r.propagation[i], NULL);
	return status;
}
