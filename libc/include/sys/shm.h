/* sys/shm.h - System V shared memory (Linux's struct shmid64_ds). */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>

__BEGIN_DECLS

#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000

#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

/* In shm_perm.mode. */
#define SHM_DEST	01000
#define SHM_LOCKED	02000
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000

#define SHMLBA		4096	/* riscv64: the page size */

typedef unsigned long shmatt_t;

struct shmid_ds {
	struct ipc_perm shm_perm;
	size_t shm_segsz;
	time_t shm_atime;
	time_t shm_dtime;
	time_t shm_ctime;
	pid_t shm_cpid;
	pid_t shm_lpid;
	shmatt_t shm_nattch;
	unsigned long __glibc_reserved5;
	unsigned long __glibc_reserved6;
};

/* IPC_INFO. */
struct shminfo {
	unsigned long shmmax;
	unsigned long shmmin;
	unsigned long shmmni;
	unsigned long shmseg;
	unsigned long shmall;
	unsigned long __glibc_reserved1;
	unsigned long __glibc_reserved2;
	unsigned long __glibc_reserved3;
	unsigned long __glibc_reserved4;
};

/* SHM_INFO. */
struct shm_info {
	int used_ids;
	unsigned long shm_tot;
	unsigned long shm_rss;
	unsigned long shm_swp;
	unsigned long swap_attempts;
	unsigned long swap_successes;
};

int shmget(key_t key, size_t size, int flags);
void *shmat(int shmid, const void *shmaddr, int flags);
int shmdt(const void *shmaddr);
int shmctl(int shmid, int cmd, struct shmid_ds *buf);

__END_DECLS

#endif /* _SYS_SHM_H */
