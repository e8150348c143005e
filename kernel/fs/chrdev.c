/*
 * Character devices by number, the memory devices (/dev/null, zero, full,
 * random, urandom) and block device files.  The table is filled at boot and
 * only read afterwards.
 */
#include "chrdev.h"
#include "bcache.h"
#include "random.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "printk.h"

#define MAX_CHRDEV 32

static struct {
	unsigned int major, minor;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEV];
static int nchrdevs;

int register_chrdev(unsigned int major, unsigned int minor,
		    const struct file_operations *fops)
{
	if (nchrdevs >= MAX_CHRDEV)
		return -ENOSPC;
	chrdevs[nchrdevs].major = major;
	chrdevs[nchrdevs].minor = minor;
	chrdevs[nchrdevs].fops = fops;
	nchrdevs++;
	return 0;
}

const struct file_operations *device_fops(struct inode *in)
{
	if (S_ISFIFO(in->mode))
		return &fifo_fops;
	if (S_ISBLK(in->mode))
		return blockdev_get(in->rdev) ? &blkdev_fops : NULL;
	if (MAJOR(in->rdev) >= 136 && MAJOR(in->rdev) < 144)
		return &pts_fops;
	for (int i = 0; i < nchrdevs; i++)
		if (chrdevs[i].major == MAJOR(in->rdev) && chrdevs[i].minor == MINOR(in->rdev))
			return chrdevs[i].fops;
	return NULL;
}

static ssize_t null_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return 0;
}

static ssize_t null_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	return len;
}

static ssize_t zero_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return zero_out(buf, len, user) ? -EFAULT : (ssize_t)len;
}

static ssize_t full_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	char tmp[256];
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(tmp));
		get_random_bytes(tmp, n);
		if (copy_out((char *)buf + done, tmp, n, user))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
		if (signal_pending_current())
			break;
	}
	return done;
}

/* /dev/kmsg, written: each write is one record of the kernel log, at the
 * level and facility of its "<N>" priority prefix (as syslog's: the level
 * in the low three bits), else default_message_loglevel; as Linux, the
 * facility is LOG_USER unless the prefix names another than the kernel's.  Reading records in Linux's
 * structured form is not offered: dmesg reads the log with syslog(2). */
#define KMSG_LINE_MAX 1024
#define KMSG_FACILITY_USER	1	/* syslog's LOG_USER >> 3 */
#define KMSG_FACILITY_MAX	0xff
static ssize_t kmsg_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	char *line = kmalloc(KMSG_LINE_MAX);
	size_t n = MIN(len, (size_t)KMSG_LINE_MAX - 1), skip = 0;
	int level = READ_ONCE(default_message_loglevel), facility = KMSG_FACILITY_USER;
	if (!line)
		return -ENOMEM;
	if (copy_in(line, buf, n, user)) {
		kfree(line);
		return -EFAULT;
	}
	line[n] = 0;
	if (line[0] == '<') {
		size_t i = 1;
		while (i < n && line[i] >= '0' && line[i] <= '9')
			i++;
		if (i > 1 && i < n && line[i] == '>') {
			skip = i + 1;
			int prio = 0;
			for (size_t j = 1; j < i && j < 10; j++)
				prio = prio * 10 + (line[j] - '0');
			level = prio & 7;
			if (prio >> 3)
				facility = (prio >> 3) & KMSG_FACILITY_MAX;
		}
	}
	while (n > skip && line[n - 1] == '\n')
		n--;
	line[n] = 0;
	printk_line(facility, level, line + skip);
	kfree(line);
	return len;
}

static ssize_t kmsg_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return -EINVAL;
}

static off_t nop_llseek(struct file *f, off_t off, int whence)
{
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = nop_llseek };
static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = nop_llseek };
static const struct file_operations full_fops = {
	.read = zero_read, .write = full_write, .llseek = nop_llseek };
static const struct file_operations kmsg_fops = {
	.read = kmsg_read, .write = kmsg_write, .llseek = nop_llseek };
static const struct file_operations random_fops = {
	.read = random_read, .write = null_write, .llseek = nop_llseek };

void mem_devices_init(void)
{
	register_chrdev(MEM_MAJOR, 3, &null_fops);
	register_chrdev(MEM_MAJOR, 5, &zero_fops);
	register_chrdev(MEM_MAJOR, 7, &full_fops);
	register_chrdev(MEM_MAJOR, 8, &random_fops);
	register_chrdev(MEM_MAJOR, 9, &random_fops);
	register_chrdev(MEM_MAJOR, 11, &kmsg_fops);
}

/* Block device files: byte access through the block cache, 4 KiB blocks. */
#define BDEV_BLOCK 4096

static ssize_t blkdev_rw(struct file *f, void *buf, size_t len, off_t *pos, bool user,
			 bool write)
{
	struct blockdev *bdev = blockdev_get(f->inode->rdev);
	off_t size = (off_t)bdev->nsectors * SECTOR_SIZE;
	size_t done = 0;
	while (done < len && *pos < size) {
		uint64_t blk = *pos / BDEV_BLOCK;
		size_t off = *pos % BDEV_BLOCK;
		size_t n = MIN(len - done, BDEV_BLOCK - off);
		if ((off_t)n > size - *pos)
			n = size - *pos;
		struct buf *b = bread(bdev, blk, BDEV_BLOCK);
		if (IS_ERR(b))
			return done ? (ssize_t)done : PTR_ERR(b);
		int err = write ? copy_in(b->data + off, (const char *)buf + done, n, user)
				: copy_out((char *)buf + done, b->data + off, n, user);
		if (!err && write)
			bdirty(b);
		brelse(b);
		if (err)
			return done ? (ssize_t)done : err;
		done += n;
		*pos += n;
	}
	return done;
}

static ssize_t blkdev_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return blkdev_rw(f, buf, len, pos, user, false);
}

static ssize_t blkdev_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	return blkdev_rw(f, (void *)buf, len, pos, user, true);
}

static int blkdev_fsync(struct file *f)
{
	return bsync(blockdev_get(f->inode->rdev));
}

const struct file_operations blkdev_fops = {
	.read = blkdev_read, .write = blkdev_write, .fsync = blkdev_fsync };
