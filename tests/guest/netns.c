/*
 * netns: network namespaces have devices of their own.  /proc/net (a link
 * to self/net) shows the devices of the reader's namespace in Linux's
 * /proc/net/dev layout; a new namespace has exactly one, the loopback
 * device; what the first namespace has is not visible in a new one, and
 * the namespace's devices go with it.  Runs as root, or as an ordinary
 * user inside a new user namespace; also natively on the Linux host.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

#define HEADER1 "Inter-|   Receive                                                |  Transmit\n"
#define HEADER2 " face |bytes    packets errs drop fifo frame compressed multicast|" \
		"bytes    packets errs drop fifo colls carrier compressed\n"

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, got;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (got = read(fd, buf + n, size - 1 - n)) > 0)
		n += got;
	close(fd);
	buf[n] = 0;
	return n;
}

/* The device names in a /proc/net/dev text, space separated. */
static void dev_names(const char *text, char *out, size_t size)
{
	const char *line = strchr(text, '\n');

	out[0] = 0;
	line = line ? strchr(line + 1, '\n') : NULL;	/* past the two headers */
	while (line && line[1]) {
		const char *name = line + 1;
		while (*name == ' ')
			name++;
		const char *colon = strchr(name, ':');
		if (!colon)
			break;
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%.*s", used ? " " : "", (int)(colon - name),
			 name);
		line = strchr(colon, '\n');
	}
}

/* In a new network namespace: only lo, and the row's counters are zero. */
static int in_new_netns(void)
{
	char buf[4096], names[256];

	if (slurp("/proc/self/net/dev", buf, sizeof(buf)) <= 0)
		return 1;
	dev_names(buf, names, sizeof(names));
	if (strcmp(names, "lo") != 0) {
		fprintf(stderr, "devices '%s'\n", names);
		return 2;
	}
	const char *row = strstr(buf, "    lo:");
	unsigned long long v[16];
	if (!row || sscanf(row, "    lo:%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
			   "%llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			   &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12], &v[13], &v[14],
			   &v[15]) != 16)
		return 3;
	for (int i = 0; i < 16; i++)
		if (v[i])
			return 4;
	return 0;
}

int main(void)
{
	char buf[4096], buf2[4096], names[256], link[64];

	ssize_t n = readlink("/proc/net", link, sizeof(link) - 1);
	check("netns-proc-net-link", n == 8 && memcmp(link, "self/net", 8) == 0, "readlink gave %zd",
	      n);
	struct stat st;
	check("netns-proc-self-net-dir", stat("/proc/self/net", &st) == 0 && S_ISDIR(st.st_mode),
	      "%s", strerror(errno));
	long len = slurp("/proc/net/dev", buf, sizeof(buf));
	check("netns-dev-headers", len > 0 && strncmp(buf, HEADER1 HEADER2, strlen(HEADER1 HEADER2)) == 0,
	      "got '%.160s'", buf);
	dev_names(buf, names, sizeof(names));
	check("netns-dev-has-lo", strcmp(names, "lo") == 0 || strncmp(names, "lo ", 3) == 0 ||
	      strstr(names, " lo") != NULL, "devices '%s'", names);
	slurp("/proc/self/net/dev", buf2, sizeof(buf2));
	dev_names(buf2, link, sizeof(link));
	check("netns-self-net-same", strcmp(names, link) == 0, "'%s' against '%s'", names, link);

	pid_t pid = fork();
	if (pid == 0) {
		int flags = CLONE_NEWNET | (getuid() ? CLONE_NEWUSER : 0);
		if (unshare(flags) != 0)
			_exit(10);
		_exit(in_new_netns());
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("netns-new-has-only-lo", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x (10: unshare failed, 2: other devices, 3: bad row, 4: counters)", status);

	/* The first namespace keeps its devices after the new one is gone. */
	slurp("/proc/net/dev", buf2, sizeof(buf2));
	dev_names(buf2, link, sizeof(link));
	check("netns-outside-unchanged", strcmp(names, link) == 0, "'%s' against '%s'", names, link);
	return 0;
}
