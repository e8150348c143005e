/*
 * System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment's pages live in an unnamed tmpfs file (shmem_file_setup), and
 * an attach is a shared mapping of that file, made with the same vma and
 * page-cache machinery as mmap(MAP_SHARED) of a file: faults find the
 * file's cached pages, fork copies the vma, munmap, exec and exit drop it.
 * Each shmat makes its own struct file over the segment's inode
 * (shm_file_ops), whose private part (struct shm_attach) holds the
 * segment and its namespace; every vma of that attach holds a reference
 * to it, so the segment's shm_nattch is the sum of those references, and
 * the file's release is the last detach of that attach.  A segment
 * removed while attached is marked SHM_DEST with key IPC_PRIVATE and
 * destroyed at its last detach, as on Linux.
 *
 * The namespace's shm ids->lock guards the segments and their lists of
 * attaches (see ipc.h).  shmat takes mm->lock only after letting go of
 * ids->lock; the release of an attach takes ids->lock under mm->lock.
 */
#include "ipc.h"
#include "uapi_shm.h"
#include "ns.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "vm.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "cred.h"
#include "syscalls.h"
#include <linux/stat.h>
#include <linux/fcntl.h>

struct shmid_kernel {
	struct kern_ipc_perm perm;	/* first */
	size_t size;			/* shm_segsz, as asked */
	struct file *file;		/* the tmpfs file with the pages */
	long atime, dtime, ctime;
	struct pid *cpid, *lpid;
	struct list_head attaches;	/* of struct shm_attach */
};

struct shm_attach {
	struct list_head link;		/* in shp->attaches */
	struct shmid_kernel *shp;	/* referenced */
	struct ipc_namespace *ns;	/* referenced */
	struct file *file;		/* whose private part this is */
	unsigned long len;		/* the mapping's length, whole pages */
};

#define SHP(p) ((struct shmid_kernel *)(p))

static struct ipc_ids *shm_ids(struct ipc_namespace *ns)
{
	return &ns->ids[IPC_SHM_IDS];
}

void shm_free(struct kern_ipc_perm *p)
{
	struct shmid_kernel *shp = SHP(p);
	file_put(shp->file);
	ipc_put_pid(&shp->cpid);
	ipc_put_pid(&shp->lpid);
	kfree(shp);
}

static unsigned long shm_nattch(struct shmid_kernel *shp)
{
	unsigned long n = 0;
	struct shm_attach *a;
	list_for_each_entry(a, &shp->attaches, link)
		n += __atomic_load_n(&a->file->refcnt, __ATOMIC_RELAXED);
	return n;
}

/* Reads of an attach file (the page cache fills its pages so) go to the
 * segment's own file. */
static ssize_t shm_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct shm_attach *a = f->private;
	struct file *seg = a->shp->file;
	return seg->f_op->read(seg, buf, len, pos, user);
}

/* The last vma of an attach is gone. */
static int shm_release(struct inode *in, struct file *f)
{
	struct shm_attach *a = f->private;
	struct shmid_kernel *shp = a->shp;
	struct ipc_namespace *ns = a->ns;
	struct ipc_ids *ids = shm_ids(ns);
	mutex_lock(&ids->lock);
	list_del(&a->link);
	shp->dtime = ipc_seconds();
	ipc_set_pid(&shp->lpid);
	if ((shp->perm.mode & SHM_DEST) && list_empty(&shp->attaches) && !shp->perm.deleted)
		ipc_rmid(ids, &shp->perm);
	ipc_put(ids, &shp->perm);
	mutex_unlock(&ids->lock);
	put_ipc_ns(ns);
	kfree(a);
	return 0;
}

static const struct file_operations shm_file_ops = {
	.read = shm_read, .release = shm_release,
};

bool is_shm_file(const struct file *f)
{
	return f && f->f_op == &shm_file_ops;
}

static long newseg(struct ipc_namespace *ns, struct ipc_params *params)
{
	if (params->size < SHMMIN || params->size > SHMMAX)
		return -EINVAL;
	if (params->size > MMAP_BASE)
		return -ENOMEM;		/* more than an address space can map */
	struct shmid_kernel *shp = kzalloc(sizeof(*shp));
	if (!shp)
		return -ENOMEM;
	shp->file = shmem_file_setup(params->size);
	if (IS_ERR(shp->file)) {
		long err = PTR_ERR(shp->file);
		kfree(shp);
		return err;
	}
	shp->size = params->size;
	shp->ctime = ipc_seconds();
	list_init(&shp->attaches);
	int id = ipc_addid(shm_ids(ns), &shp->perm, params->key, params->flags);
	if (id < 0) {
		file_put(shp->file);
		kfree(shp);
		return id;
	}
	ipc_set_pid(&shp->cpid);
	return id;
}

static int shm_more_checks(struct kern_ipc_perm *p, struct ipc_params *params)
{
	return SHP(p)->size < params->size ? -EINVAL : 0;
}

long sys_shmget(key_t key, size_t size, int flags)
{
	struct ipc_params params = { .key = key, .flags = flags, .size = size };
	return ipcget(current_ipc_ns(), IPC_SHM_IDS, &params, newseg, shm_more_checks);
}

/* A new attach of shp with access mode fmode: its file, or NULL.
 * ids->lock held. */
static struct file *new_attach(struct ipc_namespace *ns, struct shmid_kernel *shp,
			       unsigned int fmode)
{
	struct shm_attach *a = kzalloc(sizeof(*a));
	if (!a)
		return NULL;
	struct file *f = file_alloc(shp->file->inode, &shm_file_ops,
				    fmode & FMODE_WRITE ? O_RDWR : O_RDONLY);
	if (!f) {
		kfree(a);
		return NULL;
	}
	f->mode = fmode;
	f->private = a;
	a->file = f;
	a->shp = shp;
	ipc_get(&shp->perm);
	a->ns = get_ipc_ns(ns);
	a->len = ALIGN_UP(shp->size, PAGE_SIZE);
	list_add_tail(&a->link, &shp->attaches);
	shp->atime = ipc_seconds();
	ipc_set_pid(&shp->lpid);
	return f;
}

/* Map attach f at addr (0: anywhere); the address or -errno. */
static long map_attach(struct file *f, unsigned long addr, int shmflg, unsigned int vflags)
{
	struct mm *mm = current->mm;
	unsigned long len = ((struct shm_attach *)f->private)->len;
	long err = 0;
	mutex_lock(&mm->lock);
	if (addr) {
		if (addr + len > mm->stack_top || addr + len < addr)
			err = -EINVAL;
		else if (!(shmflg & SHM_REMAP) && vma_range_used(mm, addr, addr + len))
			err = -EINVAL;
	} else if (!(addr = vma_find_free(mm, len, 0))) {
		err = -ENOMEM;
	}
	if (!err)
		err = vma_map(mm, addr, len, vflags, f, 0, len);
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	return err ? err : (long)addr;
}

long sys_shmat(int shmid, void __user *shmaddr, int shmflg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_ids *ids = shm_ids(ns);
	unsigned long addr = (unsigned long)shmaddr;
	unsigned int vflags = VM_READ | VM_SHARED, fmode = FMODE_READ;
	int acc = S_IRUGO;
	long err;

	if (shmid < 0)
		return -EINVAL;
	if (!addr && (shmflg & SHM_REMAP))
		return -EINVAL;		/* nothing to replace */
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr &= ~(unsigned long)(SHMLBA - 1);
		if (!addr && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	if (!(shmflg & SHM_RDONLY)) {
		vflags |= VM_WRITE | VM_MAYWRITE;
		fmode |= FMODE_WRITE;
		acc |= S_IWUGO;
	}
	if (shmflg & SHM_EXEC) {
		vflags |= VM_EXEC;
		acc |= S_IXUGO;
	}
	mutex_lock(&ids->lock);
	struct shmid_kernel *shp = SHP(ipc_find_id(ids, shmid));
	struct file *f = NULL;
	if (!shp)
		err = -EINVAL;
	else if (!(err = ipcperms(ns, &shp->perm, acc)) && !(f = new_attach(ns, shp, fmode)))
		err = -ENOMEM;
	mutex_unlock(&ids->lock);
	if (!f)
		return err;
	err = map_attach(f, addr, shmflg, vflags);
	file_put(f);	/* the vma holds it; on failure this is the detach */
	return err;
}

long sys_shmdt(void __user *shmaddr)
{
	struct mm *mm = current->mm;
	unsigned long addr = (unsigned long)shmaddr;
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	mutex_lock(&mm->lock);
	struct vma *v = find_vma(mm, addr);
	long err = -EINVAL;
	if (v && v->start == addr && v->file_off == 0 && is_shm_file(v->file)) {
		/* Every piece of this attach within the segment's length. */
		struct file *f = v->file;
		unsigned long end = addr + ((struct shm_attach *)f->private)->len;
		for (unsigned long a = addr; a < end;) {
			v = find_vma(mm, a);
			if (v && v->file == f) {
				a = v->end;
				vma_unmap(mm, v->start, v->end - v->start);
			} else {
				a += PAGE_SIZE;
			}
		}
		err = 0;
	}
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	return err;
}

static void fill_shmid(struct shmid_kernel *shp, struct shmid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	ipc_fill_perm(&shp->perm, &out->shm_perm);
	out->shm_segsz = shp->size;
	out->shm_atime = shp->atime;
	out->shm_dtime = shp->dtime;
	out->shm_ctime = shp->ctime;
	out->shm_cpid = ipc_pid_vnr(shp->cpid);
	out->shm_lpid = ipc_pid_vnr(shp->lpid);
	out->shm_nattch = shm_nattch(shp);
}

static long shm_info(struct ipc_ids *ids, int cmd, void __user *buf)
{
	union {
		struct shminfo64 limits;
		struct shm_info use;
	} info;
	size_t len;
	memset(&info, 0, sizeof(info));
	mutex_lock(&ids->lock);
	if (cmd == IPC_INFO) {
		info.limits.shmmax = SHMMAX;
		info.limits.shmmin = SHMMIN;
		info.limits.shmmni = SHMMNI;
		info.limits.shmseg = SHMSEG;
		info.limits.shmall = SHMALL;
		len = sizeof(info.limits);
	} else {
		info.use.used_ids = ids->in_use;
		for (int i = 0; i < ids->size; i++) {
			struct shmid_kernel *shp = SHP(ids->entries[i]);
			if (shp)
				info.use.shm_tot += ALIGN_UP(shp->size, PAGE_SIZE) / PAGE_SIZE;
		}
		info.use.shm_rss = info.use.shm_tot;
		len = sizeof(info.use);
	}
	int max = ipc_max_idx(ids);
	mutex_unlock(&ids->lock);
	if (copy_to_user(buf, &info, len))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long shm_stat(struct ipc_namespace *ns, int id, int cmd, void __user *buf)
{
	struct ipc_ids *ids = shm_ids(ns);
	struct shmid64_ds ds;
	long ret;
	mutex_lock(&ids->lock);
	struct kern_ipc_perm *p = cmd == IPC_STAT ? ipc_find_id(ids, id) : ipc_find_idx(ids, id);
	if (!p)
		ret = -EINVAL;
	else if (cmd != SHM_STAT_ANY && (ret = ipcperms(ns, p, S_IRUGO)))
		;
	else {
		fill_shmid(SHP(p), &ds);
		ret = cmd == IPC_STAT ? 0 : p->id;
	}
	mutex_unlock(&ids->lock);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_RMID: gone now if nobody has it attached, else at the last detach. */
static void do_shm_rmid(struct ipc_ids *ids, struct shmid_kernel *shp)
{
	if (list_empty(&shp->attaches)) {
		ipc_rmid(ids, &shp->perm);
		return;
	}
	shp->perm.mode |= SHM_DEST;
	shp->perm.key = IPC_PRIVATE;
}

/* SHM_LOCK and SHM_UNLOCK: nothing is ever swapped out here, so only the
 * flag and its checks (the owner, or CAP_IPC_LOCK). */
static int shm_lock(struct ipc_namespace *ns, struct shmid_kernel *shp, int cmd)
{
	uid_t euid = current->cred->euid;
	if (!ns_capable(ns->user_ns, CAP_IPC_LOCK) && euid != shp->perm.uid &&
	    euid != shp->perm.cuid)
		return -EPERM;
	if (cmd == SHM_LOCK)
		shp->perm.mode |= SHM_LOCKED;
	else
		shp->perm.mode &= ~SHM_LOCKED;
	return 0;
}

static long shm_change(struct ipc_namespace *ns, int shmid, int cmd, void __user *buf)
{
	struct ipc_ids *ids = shm_ids(ns);
	struct shmid64_ds ds;
	long ret;
	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&ids->lock);
	struct shmid_kernel *shp = SHP(ipc_find_id(ids, shmid));
	if (!shp)
		ret = -EINVAL;
	else if (cmd == SHM_LOCK || cmd == SHM_UNLOCK)
		ret = shm_lock(ns, shp, cmd);
	else if ((ret = ipc_owner_check(ns, &shp->perm)))
		;
	else if (cmd == IPC_RMID)
		do_shm_rmid(ids, shp);
	else if (!(ret = ipc_set_perm(&shp->perm, ds.shm_perm.uid, ds.shm_perm.gid,
				      ds.shm_perm.mode)))
		shp->ctime = ipc_seconds();
	mutex_unlock(&ids->lock);
	return ret;
}

long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();
	if (shmid < 0 || cmd < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info(shm_ids(ns), cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_stat(ns, shmid, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shm_change(ns, shmid, cmd, buf);
	}
	return -EINVAL;
}
