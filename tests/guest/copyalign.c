/*
 * copyalign: copies between user memory and the kernel at every relative
 * alignment of the two ends (the kernel's memcpy and __copy_user go a word
 * at a time even when the ends are misaligned against each other, building
 * each word from two aligned source words).  Bytes through a pipe and
 * through a file at every source and destination offset 0..15 and many
 * lengths, nothing written outside the destination; buffers that end
 * exactly where an unmapped page begins (a copy that read a word past the
 * end would fault and fail); a destination in an unmapped page is EFAULT;
 * a TCP stream over loopback (in a fresh network namespace) written in
 * chunks of odd sizes and read at odd offsets arrives intact.  Also
 * natively on the Linux host, and built with glibc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "t.h"

#define PAGE 4096
#define GUARD 0x5a

static const size_t lengths[] = { 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100,
				  127, 128, 129, 255, 1000, 4095, 4096, 4097, 9001 };
#define NLEN (sizeof(lengths) / sizeof(lengths[0]))

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 131 + (i >> 8) * 7 + 1);
}

/* Fill from..to with the pattern starting at seed. */
static void fill(unsigned char *p, size_t n, size_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(seed + i);
}

/* dst[off..off+n) holds the pattern from seed, GUARD elsewhere in size. */
static int intact(const unsigned char *dst, size_t size, size_t off, size_t n, size_t seed)
{
	for (size_t i = 0; i < size; i++) {
		unsigned char want = i >= off && i < off + n ? pattern(seed + i - off) : GUARD;
		if (dst[i] != want)
			return 0;
	}
	return 1;
}

static size_t full_read(int fd, unsigned char *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r <= 0)
			break;
		got += r;
	}
	return got;
}

/* Every (source offset, destination offset, length) through a pipe:
 * copy_from_user into the pipe's buffer, copy_to_user out of it. */
static void through_pipe(void)
{
	static unsigned char src[16 + 9001 + 16], dst[16 + 9001 + 16];
	int p[2], bad = 0;
	char why[160] = "";
	if (pipe(p) != 0) {
		check("copyalign-pipe", 0, "pipe: %s", strerror(errno));
		return;
	}
	for (size_t li = 0; li < NLEN && !bad; li++) {
		size_t n = lengths[li];
		for (size_t so = 0; so < 16 && !bad; so++)
			for (size_t dof = 0; dof < 16 && !bad; dof++) {
				size_t seed = n + so * 16 + dof;
				fill(src + so, n, seed);
				memset(dst, GUARD, sizeof(dst));
				ssize_t w = write(p[1], src + so, n);
				size_t r = full_read(p[0], dst + dof, n);
				if (w != (ssize_t)n || r != n || !intact(dst, sizeof(dst), dof, n, seed)) {
					snprintf(why, sizeof(why), "length %zu, source offset %zu, "
						 "destination offset %zu: wrote %zd, read %zu, %s", n, so,
						 dof, w, r, r == n ? "bytes differ" : "short");
					bad = 1;
				}
			}
	}
	close(p[0]);
	close(p[1]);
	check("copyalign-pipe", !bad, "%s", why);
}

/* The same through a file at odd file offsets: the page cache's copies. */
static void through_file(void)
{
	static unsigned char src[16 + 9001 + 16], dst[16 + 9001 + 16];
	const char *path = t_path(T_TMP, "copyalign.dat");
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), bad = 0;
	char why[160] = "";
	if (fd < 0) {
		check("copyalign-file", 0, "open %s: %s", path, strerror(errno));
		return;
	}
	unlink(path);
	for (size_t li = 0; li < NLEN && !bad; li++) {
		size_t n = lengths[li];
		for (size_t so = 0; so < 16 && !bad; so += 3)
			for (size_t dof = 0; dof < 16 && !bad; dof += 5)
				for (off_t fo = 0; fo < 12 && !bad; fo += 5) {
					size_t seed = n * 3 + so + dof * 16 + fo;
					fill(src + so, n, seed);
					memset(dst, GUARD, sizeof(dst));
					ssize_t w = pwrite(fd, src + so, n, PAGE - 3 + fo);
					ssize_t r = pread(fd, dst + dof, n, PAGE - 3 + fo);
					if (w != (ssize_t)n || r != (ssize_t)n ||
					    !intact(dst, sizeof(dst), dof, n, seed)) {
						snprintf(why, sizeof(why), "length %zu, offsets %zu/%zu, "
							 "file offset %ld: wrote %zd, read %zd", n, so, dof,
							 (long)(PAGE - 3 + fo), w, r);
						bad = 1;
					}
				}
	}
	close(fd);
	check("copyalign-file", !bad, "%s", why);
}

/* Buffers ending exactly at an unmapped page: each copy of n bytes that
 * ends there succeeds (none reads or writes past the end); a destination
 * inside the unmapped page is EFAULT. */
static void page_edge(void)
{
	unsigned char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int p[2], bad = 0;
	char why[160] = "";
	if (m == MAP_FAILED || munmap(m + PAGE, PAGE) != 0 || pipe(p) != 0) {
		check("copyalign-page-edge", 0, "setup: %s", strerror(errno));
		return;
	}
	unsigned char *src_end = m + PAGE;
	for (size_t n = 1; n <= 300 && !bad; n += (n < 40 ? 1 : 13))
		for (size_t back = 0; back < 8 && !bad; back++) {
			unsigned char *s = src_end - n - back, *d = m + 2 * PAGE + PAGE / 2 - n;
			fill(s, n, n + back);
			ssize_t w = write(p[1], s, n + back);	/* up to the hole */
			size_t r = full_read(p[0], d, n + back);
			if (w != (ssize_t)(n + back) || r != n + back ||
			    memcmp(d, s, n + back) != 0) {
				snprintf(why, sizeof(why), "source ending at the hole, %zu bytes: "
					 "wrote %zd, read %zu", n + back, w, r);
				bad = 1;
			}
		}
	check("copyalign-page-edge-source", !bad, "%s", why);

	/* Into a destination that ends at the hole: bytes read from a pipe. */
	unsigned char src[320];
	bad = 0;
	for (size_t n = 1; n <= 300 && !bad; n += (n < 40 ? 1 : 13))
		for (size_t back = 0; back < 8 && !bad; back++) {
			unsigned char *d = src_end - n - back;
			fill(src, n + back, 2 * n + back);
			ssize_t w = write(p[1], src, n + back);
			size_t r = full_read(p[0], d, n + back);
			if (w != (ssize_t)(n + back) || r != n + back ||
			    memcmp(d, src, n + back) != 0) {
				snprintf(why, sizeof(why), "destination ending at the hole, %zu bytes: "
					 "wrote %zd, read %zu", n + back, w, r);
				bad = 1;
			}
		}
	check("copyalign-page-edge-destination", !bad, "%s", why);

	/* A destination wholly in the hole: EFAULT, and the bytes stay. */
	if (write(p[1], "0123456789abcdef0123456789abcdef0123", 36) == 36) {
		ssize_t r = read(p[0], src_end + 3, 36);
		int err = errno;
		check_errno("copyalign-efault", r, err, EFAULT);
		r = full_read(p[0], src, 36);
		check("copyalign-efault-kept", r == 36 && memcmp(src, "0123456789abcdef", 16) == 0,
		      "read %zd after the EFAULT", r);
	}
	close(p[0]);
	close(p[1]);
	munmap(m, PAGE);
	munmap(m + 2 * PAGE, PAGE);
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A user and a network namespace of our own, with lo up. */
static int own_netns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_text("/proc/self/uid_map", map) || write_text("/proc/self/setgroups", "deny"))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_text("/proc/self/gid_map", map))
		return -1;
	struct ifreq r;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	r.ifr_flags |= IFF_UP;
	int err = ioctl(fd, SIOCSIFFLAGS, &r);
	close(fd);
	return err;
}

/* 2 MiB over TCP, written in chunks of 1 to 9,001 bytes from odd offsets
 * and read into odd offsets with odd lengths: segments start anywhere in
 * the send queue's packets and in the reader's buffer. */
#define STREAM (2ul << 20)
static void tcp_stream(void)
{
	static unsigned char buf[16 + 9001];
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr = { htonl(INADDR_LOOPBACK) } };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len)) {
		check("copyalign-tcp", 0, "listener: %s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)))
			_exit(1);
		size_t sent = 0;
		for (size_t k = 0; sent < STREAM; k++) {
			size_t n = 1 + (k * 2654435761u) % 9001, off = k % 16;
			if (n > STREAM - sent)
				n = STREAM - sent;
			fill(buf + off, n, sent);
			for (size_t done = 0; done < n;) {
				ssize_t w = write(c, buf + off + done, n - done);
				if (w <= 0)
					_exit(2);
				done += w;
			}
			sent += n;
		}
		_exit(close(c) ? 3 : 0);
	}
	int s = accept(l, NULL, NULL);
	size_t got = 0, bad_at = (size_t)-1;
	ssize_t r = 1;
	for (size_t k = 0; s >= 0 && r > 0; k++) {
		size_t n = 1 + (k * 40503u) % 9001, off = (k * 7) % 16;
		r = read(s, buf + off, n);
		for (ssize_t i = 0; i < r && bad_at == (size_t)-1; i++)
			if (buf[off + i] != pattern(got + i))
				bad_at = got + i;
		if (r > 0)
			got += r;
	}
	int st = -1;
	waitpid(pid, &st, 0);
	if (s >= 0)
		close(s);
	close(l);
	check("copyalign-tcp", got == STREAM && bad_at == (size_t)-1 && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "received %zu of %lu bytes, first wrong byte %zd, writer %#x",
	      got, STREAM, (ssize_t)bad_at, st);
}

int main(void)
{
	through_pipe();
	through_file();
	page_edge();
	pid_t pid = fork();
	if (pid == 0) {
		if (own_netns() != 0) {
			check("copyalign-tcp", 0, "a network namespace with lo up: %s",
			      strerror(errno));
			_exit(1);
		}
		tcp_stream();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
