/*
 * debugfs: a small in-memory file system (type "debugfs", mounted at
 * /sys/kernel/debug as Linux's) whose files are kernel callbacks, for
 * debugging interfaces such as kmemleak.  A subsystem registers a file
 * once, at boot, with the file operations that serve it; the files sit
 * in the root directory, belong to root, and every mount shows them all.
 */
#ifndef KERNEL_DEBUGFS_H
#define KERNEL_DEBUGFS_H

#include "types.h"

struct file_operations;

#define DEBUGFS_MAX_FILES	16

/* 0, or -ENOSPC when DEBUGFS_MAX_FILES are registered already.  name and
 * fops must live for good. */
int debugfs_create_file(const char *name, umode_t mode, const struct file_operations *fops);
void debugfs_init(void);	/* registers the file system type */

#endif
