/*
 * POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW), as Linux keeps
 * them: advisory, per inode, owned by a descriptor table (a process and its
 * CLONE_FILES threads), read locks shared and write locks exclusive between
 * owners, an owner's own locks replaced, split and trimmed by its later
 * requests.  Closing any descriptor of the inode drops every lock its table
 * holds there (filp_close in file.c calls locks_remove_posix).
 *
 * Locking: one spinlock (file_lock_lock in locks.c) guards every inode's
 * i_flock list; waiters sleep on one wait queue, woken whenever a lock goes
 * or shrinks, and look again.
 */
#ifndef KERNEL_LOCKS_H
#define KERNEL_LOCKS_H

#include "fs.h"

struct files_struct;

/* fcntl's lock commands on f; arg is the user's struct flock. */
long fcntl_getlk(struct file *f, unsigned long arg);
long fcntl_setlk(struct file *f, unsigned int cmd, unsigned long arg);

/* Drop every lock owner holds on in (a descriptor of it was closed). */
void locks_remove_posix(struct inode *in, struct files_struct *owner);

#endif
