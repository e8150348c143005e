/* Open files and descriptor tables (fs/file.c). */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "fs.h"

struct file *file_get(struct file *f);
void file_put(struct file *f);
struct file *fd_get(int fd);		/* referenced, or NULL */
ssize_t kernel_read(struct file *f, void *buf, size_t len, off_t *pos);
/* Up to n bytes at pos into a page, the rest of the page zeroed. */
int kernel_read_page(struct file *f, void *page, size_t n, off_t pos);


/* A descriptor table, shared by CLONE_FILES tasks.  lock guards fds and
 * cloexec; the open files themselves are reference counted. */
#define NR_OPEN_DEFAULT	64
#define NR_OPEN_MAX	1024

struct files_struct {
	int refcnt;
	struct spinlock lock;
	unsigned int max;
	unsigned int next_fd;	/* every fd below it is in use: where fd_install looks first */
	struct file **fds;
	uint64_t *cloexec;	/* bitmap */
};

/* fds[fd] was just emptied (files->lock held). */
static inline void fd_freed(struct files_struct *files, unsigned int fd)
{
	if (fd < files->next_fd)
		files->next_fd = fd;
}

struct files_struct *files_alloc(void);
struct files_struct *files_dup(struct files_struct *old);
void files_put(struct files_struct *files);
/* Install f at the lowest free fd >= min: the fd, or -EMFILE/-ENOMEM. */
/* A descriptor of files that referred to f is gone: files's record locks
 * on f's inode go with it (POSIX), then the reference. */
void filp_close(struct file *f, struct files_struct *files);
/* open.c: give current a descriptor table of its own if it shares one. */
int unshare_files(void);
long sys_close(int fd);	/* also undoes a half-done pipe2 */
int fd_install(struct file *f, int min, bool cloexec);
struct file *file_alloc(struct inode *inode, const struct file_operations *fop,
			unsigned int flags);
/* The open file's flags as F_GETFL and fdinfo show them (Linux's f_flags:
 * the access mode and status flags, not O_CLOEXEC, which is the fd's). */
unsigned int file_status_flags(const struct file *f);
/* pipe.c: the number of the pipe f is an end of (a pipe(2) pipe or an open
 * fifo), or 0 when f is no pipe. */
unsigned long pipe_ino(const struct file *f);
/* pipe.c: the path of a fresh pipefs fifo inode bound to the pipe that f
 * (a pipe end) belongs to, referenced: opening it opens that pipe again. */
struct path;
int pipe_reopen_path(struct file *f, struct path *out);
/* pipe.c: an inode's last reference is gone; drop its fifo's pipe. */
struct inode;
void fifo_inode_evict(struct inode *in);

#endif
