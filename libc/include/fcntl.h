/*
 * fcntl.h - open flags, fcntl commands and *at() flags with Linux's values
 * (asm-generic/fcntl.h, linux/fcntl.h).
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

#define O_ACCMODE    0003
#define O_RDONLY     00
#define O_WRONLY     01
#define O_RDWR       02
#define O_CREAT      0100
#define O_EXCL       0200
#define O_NOCTTY     0400
#define O_TRUNC      01000
#define O_APPEND     02000
#define O_NONBLOCK   04000
#define O_NDELAY     O_NONBLOCK
#define O_DSYNC      010000
#define O_ASYNC      020000
#define O_DIRECT     040000
#define O_LARGEFILE  0100000
#define O_DIRECTORY  0200000
#define O_NOFOLLOW   0400000
#define O_NOATIME    01000000
#define O_CLOEXEC    02000000
#define O_SYNC       04010000
#define O_RSYNC      O_SYNC
#define O_PATH       010000000
#define O_TMPFILE    020200000
#define O_SEARCH     O_PATH
#define O_EXEC       O_PATH

#define F_DUPFD          0
#define F_GETFD          1
#define F_SETFD          2
#define F_GETFL          3
#define F_SETFL          4
#define F_GETLK          5
#define F_SETLK          6
#define F_SETLKW         7
#define F_SETOWN         8
#define F_GETOWN         9
#define F_SETSIG         10
#define F_GETSIG         11
#define F_DUPFD_CLOEXEC  1030
#define F_SETPIPE_SZ     1031
#define F_GETPIPE_SZ     1032

#define FD_CLOEXEC       1

#define F_RDLCK          0
#define F_WRLCK          1
#define F_UNLCK          2

#define AT_FDCWD             (-100)
#define AT_SYMLINK_NOFOLLOW  0x100
#define AT_EACCESS           0x200
#define AT_REMOVEDIR         0x200
#define AT_SYMLINK_FOLLOW    0x400
#define AT_NO_AUTOMOUNT      0x800
#define AT_EMPTY_PATH        0x1000

/* renameat2() flags. */
#define RENAME_NOREPLACE     1
#define RENAME_EXCHANGE      2
#define RENAME_WHITEOUT      4

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* The kernel's struct flock (asm-generic). */
struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	pid_t l_pid;
};

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

__END_DECLS

#endif /* _FCNTL_H */
