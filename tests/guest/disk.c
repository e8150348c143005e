/*
 * disk.c - a round trip through the block device: write a file of a known
 * pattern on the ext2 disk (T_DISK), fsync it, read it back, and leave it
 * there so that the host can read it out of the image after poweroff
 * (tests/boot/run-boot does, with debugfs) and e2fsck can judge the image.
 * Byte i of the file is i % DISK_PATTERN_MOD; the host checks the same rule.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "t.h"

#define DISK_FILE_SIZE   (512 * 1024)	/* larger than one ext2 indirect block's reach */
#define DISK_PATTERN_MOD 251		/* a prime, so no block repeats another */
#define DISK_CHUNK       4096

static void fill(unsigned char *buf, size_t off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (off + i) % DISK_PATTERN_MOD;
}

static int write_file(const char *path)
{
	unsigned char buf[DISK_CHUNK];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return check("disk-write", 0, "open %s: %s", path, strerror(errno));
	for (size_t off = 0; off < DISK_FILE_SIZE; off += sizeof(buf)) {
		fill(buf, off, sizeof(buf));
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			close(fd);
			return check("disk-write", 0, "write at %zu: %s", off, strerror(errno));
		}
	}
	int ok = fsync(fd) == 0;
	int err = errno;
	close(fd);
	return check("disk-write", ok, "fsync: %s", strerror(err));
}

static int read_file(const char *path)
{
	unsigned char buf[DISK_CHUNK], want[DISK_CHUNK];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return check("disk-read", 0, "open %s: %s", path, strerror(errno));
	for (size_t off = 0; off < DISK_FILE_SIZE; off += sizeof(buf)) {
		fill(want, off, sizeof(want));
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n != (ssize_t)sizeof(buf) || memcmp(buf, want, sizeof(buf)) != 0) {
			close(fd);
			return check("disk-read", 0, "block at %zu differs (read %zd)", off, n);
		}
	}
	ssize_t n = read(fd, buf, 1);
	close(fd);
	return check("disk-read", n == 0, "read past the end gave %zd", n);
}

int main(void)
{
	const char *path = t_path(T_DISK, "disk-pattern");
	struct stat st;

	if (write_file(path))
		read_file(path);
	check("disk-size", stat(path, &st) == 0 && st.st_size == DISK_FILE_SIZE,
	      "size %lld", (long long)st.st_size);
	return 0;
}
