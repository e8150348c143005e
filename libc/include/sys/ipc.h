/* sys/ipc.h - System V IPC: the flags, commands and struct ipc_perm of
 * Linux's generic (riscv64) ABI, laid out as glibc's. */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

#define IPC_PRIVATE	((key_t)0)

#define IPC_CREAT	01000
#define IPC_EXCL	02000
#define IPC_NOWAIT	04000

#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

/* The kernel's struct ipc64_perm.  The key is an int in the ABI (picolibc's
 * key_t is wider); __key and __seq are glibc's names. */
struct ipc_perm {
	int __key;
	uid_t uid;
	gid_t gid;
	uid_t cuid;
	gid_t cgid;
	unsigned int mode;
	unsigned short __seq;
	unsigned short __pad2;
	unsigned long __glibc_reserved1;
	unsigned long __glibc_reserved2;
};

/* A key from a file's inode and device numbers and id, as glibc makes it. */
key_t ftok(const char *path, int id);

__END_DECLS

#endif /* _SYS_IPC_H */
