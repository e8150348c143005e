/*
 * System V IPC (kernel/ipc/): message queues, semaphore sets and shared
 * memory segments, each living in an IPC namespace.
 *
 * Every namespace has one table (struct ipc_ids) per kind of object.  An
 * object is named by an id, seq * SEQ_MULTIPLIER + index as on Linux: the
 * index is its slot in the table, handed out cyclically, and seq is bumped
 * each time the index wraps, so a removed object's id is not soon reused.
 * A key other than IPC_PRIVATE names at most one object of a kind.
 *
 * Locking: ids->lock (a mutex) guards its table and every field of every
 * object in it, the objects' waiters included; one lock per kind and
 * namespace keeps the rules simple.  Blocking calls (msgsnd, msgrcv,
 * semop) sleep on the object's wait queue with the lock dropped, holding
 * a reference on the object (refcnt, under ids->lock) so that its memory
 * lives on after an IPC_RMID, which marks it deleted and wakes them (they
 * return EIDRM).  Lock order: mm->lock, then ids->lock (the last detach of
 * a segment happens while an address space is torn down); no ids->lock is
 * held while user memory is touched.
 *
 * Ids in objects are kernel ids (user_ns.h); they are shown mapped through
 * the caller's user namespace, and IPC_SET maps what it is given.  The
 * privileges are asked in the namespace's owning user namespace:
 * CAP_IPC_OWNER overrides the permission bits, CAP_SYS_ADMIN lets a
 * non-owner IPC_SET or IPC_RMID.
 *
 * The namespace's objects go with it (ipc_ns_destroy, from put_ipc_ns).
 * Nothing outlives it: a sleeper is in the namespace (it holds it through
 * its nsproxy), and a SEM_UNDO entry and an attached segment each hold a
 * reference to it.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "types.h"
#include "list.h"
#include "lock.h"
#include <linux/ipc.h>
#include <linux/stat.h>

typedef __kernel_key_t key_t;

#define SEQ_MULTIPLIER	32768		/* Linux's IPCMNI: ids per sequence */
#define SHMLBA		PAGE_SIZE	/* riscv: attach addresses align to a page */
#define SHM_DEST	01000		/* removed; destroyed at the last detach */
#define SHM_LOCKED	02000		/* SHM_LOCK was asked (nothing is swapped here) */

/* The permission bits of ipc_perm.mode, by class (Linux's names). */
#define S_IRWXUGO	(S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IRUGO		(S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO		(S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO		(S_IXUSR | S_IXGRP | S_IXOTH)

enum { IPC_MSG_IDS, IPC_SEM_IDS, IPC_SHM_IDS, IPC_NR_IDS };

struct pid;
struct user_namespace;

/* The part every object starts with. */
struct kern_ipc_perm {
	int id;
	key_t key;
	uid_t uid, cuid;		/* kernel ids: owner and creator */
	gid_t gid, cgid;
	unsigned int mode;		/* the permission bits and SHM_DEST, SHM_LOCKED */
	unsigned short seq;
	bool deleted;			/* out of the table: waiters see EIDRM */
	int refcnt;			/* the table's and each sleeper's */
};

struct ipc_ids {
	struct mutex lock;
	int in_use;			/* objects in the table */
	int max;			/* the most it may hold */
	int size;			/* slots allocated in entries */
	int last_idx;			/* the index handed out last; -1 at first */
	unsigned short seq;		/* wraps at 65536, as Linux's (INT_MAX / IPCMNI) */
	struct kern_ipc_perm **entries;
	void (*free)(struct kern_ipc_perm *p);	/* the kind's destructor */
};

/* struct ipc_namespace (ns.h) holds ids[IPC_NR_IDS], one per kind; its
 * user_ns owns it: the IPC privileges count there. */
struct ipc_namespace;

/* ns/ipc.c calls these for a new namespace and a dying one. */
void ipc_ns_init(struct ipc_namespace *ns);
void ipc_ns_destroy(struct ipc_namespace *ns);
extern struct ipc_namespace init_ipc_ns;
struct ipc_namespace *current_ipc_ns(void);

/*
 * util.c: the tables.  All but ipcget take ids->lock held.
 */
/* What msgget, semget and shmget share: the id for key and flags.
 * newobj makes and adds an object (ids->lock held): its id or -errno;
 * check, if any, refuses an existing one (-EINVAL for a size). */
struct ipc_params {
	key_t key;
	int flags;
	unsigned long size;		/* nsems, or a segment's bytes */
};
long ipcget(struct ipc_namespace *ns, int kind, struct ipc_params *params,
	    long (*newobj)(struct ipc_namespace *ns, struct ipc_params *params),
	    int (*check)(struct kern_ipc_perm *p, struct ipc_params *params));
/* Fill the common part of a new object (owner and creator current) and
 * put it in the table: its id, or -ENOSPC. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, key_t key, int mode);
/* Take p out of the table; it is marked deleted and the table's reference
 * dropped (the kind's free runs when none is left). */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
struct kern_ipc_perm *ipc_find_id(struct ipc_ids *ids, int id);	/* or NULL */
struct kern_ipc_perm *ipc_find_idx(struct ipc_ids *ids, int idx);	/* or NULL */
void ipc_get(struct kern_ipc_perm *p);
void ipc_put(struct ipc_ids *ids, struct kern_ipc_perm *p);
int ipc_max_idx(struct ipc_ids *ids);	/* the highest index in use, or -1 */
/* May current do flag's accesses (S_IRUGO, S_IWUGO bits) to p?  0 or -EACCES. */
int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *p, int flag);
/* IPC_SET and IPC_RMID: current must be the owner or creator, or have
 * CAP_SYS_ADMIN in ns's user namespace.  0 or -EPERM. */
int ipc_owner_check(struct ipc_namespace *ns, struct kern_ipc_perm *p);
/* IPC_SET of the owner and mode from user values: 0 or -EINVAL. */
int ipc_set_perm(struct kern_ipc_perm *p, unsigned int uid, unsigned int gid, unsigned int mode);
/* The common part as the caller sees it. */
struct ipc64_perm;
void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out);
/* The commands: cmd without IPC_64, which the generic ABI ignores. */
static inline int ipc_cmd(int cmd)
{
	return cmd & ~IPC_64;
}
long ipc_seconds(void);			/* CLOCK_REALTIME, for the times shown */
/* A pid kept in an object: set (referenced) to current's process, and
 * shown as the caller's pid namespace numbers it. */
void ipc_set_pid(struct pid **slot);
void ipc_put_pid(struct pid **slot);
int ipc_pid_vnr(struct pid *pid);

/* Sleep on wq, an object's queue, with ids->lock dropped, until woken
 * or until the monotonic deadline (0: none); the lock is held again on
 * return.  -EINTR when a signal is pending, -EAGAIN when the deadline
 * has passed (then it does not sleep), else 0: the caller looks again. */
int ipc_sleep(struct ipc_ids *ids, struct waitqueue *wq, uint64_t deadline_ns);

/* msg.c, sem.c, shm.c: the destructors ipc_ns_init installs. */
void msg_free(struct kern_ipc_perm *p);
void sem_free(struct kern_ipc_perm *p);
void shm_free(struct kern_ipc_perm *p);

/* sem.c: SEM_UNDO lists, one per process (shared by CLONE_SYSVSEM).
 * copy_semundo gives a new task its parent's with CLONE_SYSVSEM (made
 * then if the parent has none yet, as Linux), else none (-ENOMEM);
 * exit_sem drops the task's, and the last holder's drop applies its
 * adjustments. */
struct task;
int copy_semundo(unsigned long clone_flags, struct task *t);
void exit_sem(struct task *t);

/* shm.c: is this file an attached segment (shmdt looks for it)? */
struct file;
bool is_shm_file(const struct file *f);

#endif
