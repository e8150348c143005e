/* Device numbers to drivers (fs/chrdev.c): opening a device inode finds
 * its file_operations here by major and minor. */
#ifndef KERNEL_CHRDEV_H
#define KERNEL_CHRDEV_H

#include "fs.h"

#define MEM_MAJOR	1	/* null 3, zero 5, full 7, random 8, urandom 9, kmsg 11 */
#define TTY_MAJOR	5	/* tty 0, console 1, ptmx 2 */
#define HVC_MAJOR	229	/* hvc0 0: the virtio console */

int register_chrdev(unsigned int major, unsigned int minor,
		    const struct file_operations *fops);
/* The file operations for a device or fifo inode, or NULL. */
const struct file_operations *device_fops(struct inode *inode);
void mem_devices_init(void);
extern const struct file_operations fifo_fops;
extern const struct file_operations blkdev_fops;
extern const struct file_operations pts_fops;	/* tty/pty.c */

#endif
