/*
 * mmabi.c - the memory-mapping system calls as Linux defines them: the
 * signal a bad access raises (SIGSEGV with SEGV_ACCERR or SEGV_MAPERR,
 * SIGBUS with BUS_ADRERR past the end of a mapped file) and its si_addr,
 * MAP_FIXED and MAP_FIXED_NOREPLACE, mremap, shared writable file mappings
 * (write-back, coherence with read and write, fork, truncation) and mincore.
 *
 * The same source, built static with glibc and run under qemu-riscv64 on
 * the host (T_DISK and T_TMP pointing at host directories), must print
 * only PASS lines: Linux is the oracle for every assertion.
 */
#define _GNU_SOURCE
#include "t.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SEGV_MAPERR
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#endif
#ifndef BUS_ADRERR
#define BUS_ADRERR	2
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC	0x080000
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PG 4096

/* What the last fault handler saw, and how it lets the access go on. */
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static char *volatile fix_page;		/* made read/write by the handler */
static volatile int fix_fd = -1;	/* or: this file grown to fix_size */
static volatile off_t fix_size;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	if (fix_fd >= 0) {
		(void)!ftruncate(fix_fd, fix_size);
		return;
	}
	/* Map (or re-map) the page read/write so the access succeeds. */
	if (mmap(fix_page, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		_exit(99);
}

static void catch_faults(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static void expect_fault(const char *name, int sig, int code, volatile char *where)
{
	check(name, got_sig == sig && got_code == code && got_addr == (uintptr_t)where,
	      "signal %d code %d addr %#lx, want %d %d %p", got_sig, got_code,
	      (unsigned long)got_addr, sig, code, (void *)where);
	got_sig = got_code = 0;
	got_addr = 0;
}

static char *map_anon(size_t len, int prot)
{
	char *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void fault_codes(void)
{
	char *p = map_anon(2 * PG, PROT_READ | PROT_WRITE);
	if (!p) {
		check("segv-setup", 0, "mmap: %s", strerror(errno));
		return;
	}
	catch_faults();
	volatile char *v = p;
	v[0] = 1;
	mprotect(p, PG, PROT_READ);
	fix_page = p;
	v[123] = 2;
	expect_fault("segv-write-readonly-accerr", SIGSEGV, SEGV_ACCERR, v + 123);

	mprotect(p, PG, PROT_NONE);
	char c = v[77];
	(void)c;
	expect_fault("segv-read-protnone-accerr", SIGSEGV, SEGV_ACCERR, v + 77);

	mprotect(p, PG, PROT_NONE);
	v[4000] = 3;
	expect_fault("segv-write-protnone-accerr", SIGSEGV, SEGV_ACCERR, v + 4000);

	munmap(p + PG, PG);
	fix_page = p + PG;
	v[PG + 9] = 4;
	expect_fault("segv-unmapped-maperr", SIGSEGV, SEGV_MAPERR, v + PG + 9);
	check("segv-handler-fixed-it", v[PG + 9] == 4 && v[4000] == 3, "values %d %d",
	      v[PG + 9], v[4000]);
	munmap(p, 2 * PG);
}

static int make_file(const char *dir, const char *name, int pages, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	char buf[PG];
	for (int i = 0; i < pages; i++) {
		memset(buf, 'a' + i, sizeof(buf));
		if (write(fd, buf, sizeof(buf)) != PG) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

static int all_are(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void map_fixed(void)
{
	char path[256];
	char *p = map_anon(3 * PG, PROT_READ | PROT_WRITE);
	int fd = make_file(T_TMP, "mmabi-fixed", 1, path, sizeof(path));
	if (!p || fd < 0) {
		check("fixed-setup", 0, "mmap or file: %s", strerror(errno));
		return;
	}
	memset(p, 'x', 3 * PG);
	char *q = mmap(p, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("fixed-replaces-anon", q == p && all_are(p, PG, 0) && p[PG] == 'x',
	      "got %p (want %p), first byte %d", (void *)q, (void *)p, p[0]);
	q = mmap(p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
	check("fixed-replaces-with-file", q == p + PG && all_are(q, PG, 'a'),
	      "got %p, first byte %d", (void *)q, q == MAP_FAILED ? -1 : q[0]);

	errno = 0;
	q = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("noreplace-eexist", q == MAP_FAILED && errno == EEXIST && p[0] == 0,
	      "got %p errno %d", (void *)q, errno);
	munmap(p + 2 * PG, PG);
	errno = 0;
	q = mmap(p + PG, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("noreplace-partly-taken-eexist", q == MAP_FAILED && errno == EEXIST,
	      "got %p errno %d", (void *)q, errno);
	q = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("noreplace-free-works", q == p + 2 * PG && q[5] == 0, "got %p errno %d",
	      (void *)q, errno);
	munmap(p, 3 * PG);

	errno = 0;
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0);
	check("shared-validate-sync-eopnotsupp", q == MAP_FAILED && errno == EOPNOTSUPP,
	      "got %p errno %d", (void *)q, errno);
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
	check("shared-validate-works", q != MAP_FAILED && q[0] == 'a', "errno %d", errno);
	if (q != MAP_FAILED)
		munmap(q, PG);
	errno = 0;
	q = mmap(NULL, PG, PROT_READ, 0x0f, fd, 0);
	check("map-type-bad-einval", q == MAP_FAILED && errno == EINVAL, "got %p errno %d",
	      (void *)q, errno);
	close(fd);
	unlink(path);
}

static int file_has(int fd, off_t off, const char *want, size_t n)
{
	char buf[64];
	return pread(fd, buf, n, off) == (ssize_t)n && !memcmp(buf, want, n);
}

static char *mremap5(void *old, size_t old_len, size_t new_len, int flags, void *new_addr)
{
	return (char *)syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

static long mincore3(void *addr, size_t len, unsigned char *vec)
{
	return syscall(SYS_mincore, addr, len, vec);
}

/* Is [p, p+len) mapped at all?  mincore says ENOMEM where it is not. */
static int mapped(char *p, size_t len)
{
	unsigned char vec[16];
	return mincore3(p, len, vec) == 0;
}

/* Three pages: [p, p+2) ours with a pattern, the third free or taken. */
static char *two_pages(int block_third)
{
	char *p = map_anon(3 * PG, PROT_READ | PROT_WRITE);
	if (!p)
		return NULL;
	memset(p, 'm', 2 * PG);
	munmap(p + 2 * PG, PG);
	if (block_third)
		mmap(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return p;
}

static void mremap_cases(void)
{
	char *p = two_pages(0), *q;
	if (!p) {
		check("mremap-setup", 0, "mmap: %s", strerror(errno));
		return;
	}
	q = mremap5(p, 2 * PG, 3 * PG, 0, NULL);
	check("mremap-grow-in-place", q == p && all_are(p, 2 * PG, 'm') && all_are(p + 2 * PG, PG, 0),
	      "got %p want %p errno %d", (void *)q, (void *)p, errno);
	q = mremap5(p, 3 * PG, PG, 0, NULL);
	check("mremap-shrink", q == p && p[0] == 'm' && !mapped(p + PG, 2 * PG) && mapped(p, PG),
	      "got %p want %p", (void *)q, (void *)p);
	munmap(p, PG);

	p = two_pages(1);
	errno = 0;
	q = mremap5(p, 2 * PG, 3 * PG, 0, NULL);
	check("mremap-blocked-enomem", q == MAP_FAILED && errno == ENOMEM, "got %p errno %d",
	      (void *)q, errno);
	q = mremap5(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE, NULL);
	check("mremap-maymove", q != MAP_FAILED && q != p && all_are(q, 2 * PG, 'm') &&
	      all_are(q + 2 * PG, 2 * PG, 0) && !mapped(p, 2 * PG) && mapped(p + 2 * PG, PG),
	      "got %p from %p errno %d", (void *)q, (void *)p, errno);
	if (q != MAP_FAILED)
		munmap(q, 4 * PG);
	munmap(p + 2 * PG, PG);

	p = two_pages(0);
	char *t = map_anon(2 * PG, PROT_READ | PROT_WRITE);
	memset(t, 'T', 2 * PG);
	q = mremap5(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	check("mremap-fixed-replaces", q == t && all_are(t, 2 * PG, 'm') && !mapped(p, 2 * PG),
	      "got %p want %p errno %d", (void *)q, (void *)t, errno);
	munmap(t, 2 * PG);

	p = two_pages(0);
	errno = 0;
	q = mremap5(p + 1, PG, 2 * PG, MREMAP_MAYMOVE, NULL);
	check("mremap-unaligned-einval", q == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	errno = 0;
	q = mremap5(p, PG, 2 * PG, MREMAP_FIXED, p + 8 * PG);
	check("mremap-fixed-needs-maymove", q == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	errno = 0;
	q = mremap5(p, PG, 0, MREMAP_MAYMOVE, NULL);
	check("mremap-zero-einval", q == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	errno = 0;
	q = mremap5(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p + PG);
	check("mremap-overlap-einval", q == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	errno = 0;
	q = mremap5(p, PG, 2 * PG, 0x80, NULL);
	check("mremap-bad-flags-einval", q == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	errno = 0;
	q = mremap5(p, 3 * PG, 4 * PG, MREMAP_MAYMOVE, NULL);
	check("mremap-past-vma-efault", q == MAP_FAILED && errno == EFAULT, "errno %d", errno);
	munmap(p, 2 * PG);
	errno = 0;
	q = mremap5(p, PG, 2 * PG, MREMAP_MAYMOVE, NULL);
	check("mremap-unmapped-efault", q == MAP_FAILED && errno == EFAULT, "errno %d", errno);

	p = two_pages(0);
	q = mremap5(p, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	check("mremap-dontunmap", q != MAP_FAILED && q != p && q[0] == 'm' && mapped(p, PG) &&
	      p[0] == 0 && p[PG] == 'm', "got %p errno %d", (void *)q, errno);
	errno = 0;
	char *r = mremap5(p, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	check("mremap-dontunmap-same-size", r == MAP_FAILED && errno == EINVAL, "errno %d", errno);
	if (q != MAP_FAILED)
		munmap(q, PG);
	munmap(p, 2 * PG);
	errno = 0;
	check("msync-unmapped-enomem", msync(p, PG, MS_SYNC) < 0 && errno == ENOMEM, "errno %d",
	      errno);
}

/* mremap of a shared file mapping: the grown part shows more of the file. */
static void mremap_file(void)
{
	char path[256];
	int fd = make_file(T_DISK, "mmabi-remap", 2, path, sizeof(path));
	char *p = fd < 0 ? MAP_FAILED : mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!check("mremap-file-map", p != MAP_FAILED, "mmap: %s", strerror(errno)))
		return;
	p[1] = 'R';
	char *q = mremap5(p, PG, 2 * PG, MREMAP_MAYMOVE, NULL);
	check("mremap-file-grows", q != MAP_FAILED && q[0] == 'a' && q[1] == 'R' && q[PG] == 'b',
	      "got %p errno %d", (void *)q, errno);
	if (q != MAP_FAILED) {
		q[PG + 1] = 'S';
		munmap(q, 2 * PG);
	}
	check("mremap-file-stores-kept", file_has(fd, 1, "R", 1) && file_has(fd, PG + 1, "S", 1),
	      "file lost a store");
	close(fd);
	unlink(path);
}

/* A shared writable mapping of a two-page file in dir. */
static void shared_file(const char *dir, const char *fs)
{
	char name[96], path[256];
	int fd = make_file(dir, "mmabi-shared", 2, path, sizeof(path));
	char *p = fd < 0 ? MAP_FAILED : mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	snprintf(name, sizeof(name), "%s-shared-map", fs);
	if (!check(name, p != MAP_FAILED, "mmap: %s", strerror(errno)))
		return;

	memcpy(p + 10, "store", 5);
	snprintf(name, sizeof(name), "%s-shared-store-seen-by-read", fs);
	check(name, file_has(fd, 10, "store", 5), "pread does not see the store");
	(void)!pwrite(fd, "WRITE", 5, PG + 20);
	snprintf(name, sizeof(name), "%s-shared-write-seen-by-map", fs);
	check(name, !memcmp(p + PG + 20, "WRITE", 5), "mapping reads %.5s", p + PG + 20);

	char *p2 = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
	p2[30] = 'Z';
	snprintf(name, sizeof(name), "%s-shared-two-maps", fs);
	check(name, p2 != MAP_FAILED && p[PG + 30] == 'Z' && p2[20] == 'W', "p %c", p[PG + 30]);
	munmap(p2, PG);

	pid_t pid = fork();
	if (pid == 0) {
		memcpy(p + 100, "child", 5);
		int fd2 = open(path, O_RDWR);
		char *own = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
		if (own != MAP_FAILED)
			memcpy(own + 200, "other", 5);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	snprintf(name, sizeof(name), "%s-shared-across-fork", fs);
	check(name, !memcmp(p + 100, "child", 5), "reads %.5s", p + 100);
	snprintf(name, sizeof(name), "%s-shared-between-processes", fs);
	check(name, !memcmp(p + 200, "other", 5), "reads %.5s", p + 200);

	memcpy(p + 300, "msync", 5);
	snprintf(name, sizeof(name), "%s-msync", fs);
	check(name, msync(p, 2 * PG, MS_SYNC) == 0 && msync(p, PG, MS_ASYNC) == 0 &&
	      file_has(fd, 300, "msync", 5), "msync: %s", strerror(errno));
	errno = 0;
	snprintf(name, sizeof(name), "%s-msync-einval", fs);
	check(name, msync(p + 1, PG, MS_SYNC) < 0 && errno == EINVAL &&
	      msync(p, PG, MS_SYNC | MS_ASYNC) < 0, "errno %d", errno);
	/* Written back, the page takes a new store, which reaches the file too. */
	memcpy(p + 300, "again", 5);
	snprintf(name, sizeof(name), "%s-store-after-msync", fs);
	check(name, msync(p, 2 * PG, MS_SYNC) == 0 && file_has(fd, 300, "again", 5) &&
	      (p[301] = 'A', file_has(fd, 300, "aAain", 5)), "the file misses a later store");
	memcpy(p + 400, "fsync", 5);
	snprintf(name, sizeof(name), "%s-fsync", fs);
	check(name, fsync(fd) == 0 && file_has(fd, 400, "fsync", 5), "fsync: %s", strerror(errno));

	/* Truncate to one page: the second page is gone (SIGBUS); the
	 * handler grows the file again and the access then reads zeros. */
	catch_faults();
	(void)!ftruncate(fd, PG);
	fix_fd = fd;
	fix_size = 2 * PG;
	volatile char *v = p;
	char c = v[PG + 5];
	fix_fd = -1;
	snprintf(name, sizeof(name), "%s-truncate-sigbus", fs);
	expect_fault(name, SIGBUS, BUS_ADRERR, v + PG + 5);
	snprintf(name, sizeof(name), "%s-grow-readable-zeros", fs);
	check(name, c == 0 && v[PG + 20] == 0 && v[10] == 's', "reads %d %d %c", c, v[PG + 20], v[10]);

	memcpy(p + PG + 500, "unmap", 5);
	munmap(p, 2 * PG);
	snprintf(name, sizeof(name), "%s-munmap-writes-back", fs);
	check(name, file_has(fd, PG + 500, "unmap", 5) && file_has(fd, 10, "store", 5),
	      "file lost the stores");
	close(fd);

	fd = open(path, O_RDONLY);
	errno = 0;
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	snprintf(name, sizeof(name), "%s-shared-readonly-fd-eacces", fs);
	check(name, p == MAP_FAILED && errno == EACCES, "got %p errno %d", (void *)p, errno);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	errno = 0;
	snprintf(name, sizeof(name), "%s-mprotect-shared-readonly-eacces", fs);
	check(name, p != MAP_FAILED && mprotect(p, PG, PROT_READ | PROT_WRITE) < 0 && errno == EACCES,
	      "errno %d", errno);
	munmap(p, PG);
	close(fd);
	unlink(path);
}

/* A private mapping past the end of its file: SIGBUS there too. */
static void private_past_eof(const char *dir, const char *fs)
{
	char name[96], path[256];
	int fd = make_file(dir, "mmabi-private", 1, path, sizeof(path));
	char *p = fd < 0 ? MAP_FAILED : mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	snprintf(name, sizeof(name), "%s-private-map", fs);
	if (!check(name, p != MAP_FAILED, "mmap: %s", strerror(errno)))
		return;
	catch_faults();
	fix_fd = fd;
	fix_size = 2 * PG;
	volatile char *v = p;
	char c = v[PG + 1];
	fix_fd = -1;
	snprintf(name, sizeof(name), "%s-private-past-eof-sigbus", fs);
	expect_fault(name, SIGBUS, BUS_ADRERR, v + PG + 1);
	snprintf(name, sizeof(name), "%s-private-grown-readable", fs);
	check(name, c == 0 && v[0] == 'a', "reads %d %c", c, v[0]);
	munmap(p, 2 * PG);
	close(fd);
	unlink(path);
}

static void mincore_cases(void)
{
	unsigned char vec[4] = { 9, 9, 9, 9 };
	char *p = map_anon(4 * PG, PROT_READ | PROT_WRITE);
	p[0] = 1;
	p[2 * PG] = 1;
	long r = mincore3(p, 4 * PG, vec);
	check("mincore-vector", r == 0 && (vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1) &&
	      !(vec[3] & 1), "r %ld vec %d %d %d %d", r, vec[0], vec[1], vec[2], vec[3]);
	errno = 0;
	check("mincore-unaligned-einval", mincore3(p + 1, PG, vec) < 0 && errno == EINVAL,
	      "errno %d", errno);
	munmap(p + 3 * PG, PG);
	errno = 0;
	check("mincore-unmapped-enomem", mincore3(p, 4 * PG, vec) < 0 && errno == ENOMEM,
	      "errno %d", errno);
	check("mincore-len-rounds-up", mincore3(p + 2 * PG, 1, vec) == 0 && (vec[0] & 1),
	      "errno %d", errno);
	munmap(p, 3 * PG);
}

int main(void)
{
	fault_codes();
	map_fixed();
	mremap_cases();
	mremap_file();
	shared_file(T_DISK, "ext2");
	shared_file(T_TMP, "tmpfs");
	private_past_eof(T_DISK, "ext2");
	private_past_eof(T_TMP, "tmpfs");
	mincore_cases();
	return 0;
}
