/*
 * POSIX message queues: the "mqueue" file system and mq_open, mq_unlink,
 * mq_timedsend, mq_timedreceive, mq_notify and mq_getsetattr.
 *
 * Each IPC namespace owns one instance (struct mq_instance, the super
 * block's private part), kept mounted by the kernel (kern_mount) so that
 * mq_open finds it without any path; a mount of type "mqueue" shows the
 * mounting task's one.  The root directory is a list of queues; a queue is
 * an inode whose private part is a struct mqueue: its messages, highest
 * priority first and in arrival order within one priority.
 *
 * Locks:
 *  - the root inode's mutex guards the directory list (the VFS holds it
 *    around lookup, create, unlink and iterate; mq_open, mq_unlink and the
 *    namespace's end take it themselves);
 *  - mq_instance.lock (a spinlock) guards its inode-number counter and its
 *    count of queues;
 *  - mq_users_lock (a spinlock) guards the bytes charged to each user;
 *  - mqueue.lock (a spinlock) guards everything in a queue that changes:
 *    the message list and counts, the waiters' counts and the notification
 *    registration.  User memory is never touched under it: a message is
 *    copied in before it is queued and copied out after it is taken off.
 * Senders sleep on wait_send, receivers on wait_recv; poll waits on both.
 *
 * The super block, root inode and instance of a namespace that ended stay
 * allocated (marked dead, empty): a mount of it may still exist, and the
 * VFS does not count a super block's mounts.
 */
#include "mqueue.h"
#include "ns.h"
#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "cred.h"
#include "user_ns.h"
#include "signal.h"
#include "timer.h"
#include "poll.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "printk.h"
#include <linux/mqueue.h>
#include <linux/magic.h>
#include <linux/fcntl.h>
#include <linux/limits.h>
#include <linux/capability.h>
#include <linux/resource.h>

#define MQUEUE_MAGIC	0x19800202	/* statfs f_type: Linux's, not in the UAPI */

/*
 * What a queue costs its creator's RLIMIT_MSGQUEUE, Linux's sum (so the
 * same queues fit): the text it may hold, plus for each message a message
 * header and a priority-tree node of Linux's sizes.  The charge is per
 * real user id, across namespaces, and lasts until the queue is gone.
 */
#define MQ_MSG_HDR_BYTES	48	/* Linux's struct msg_msg */
#define MQ_PRIO_NODE_BYTES	48	/* Linux's struct posix_msg_tree_node */

struct mq_user {
	uid_t uid;
	unsigned long bytes;
	struct list_head link;
};

static struct list_head mq_users = LIST_HEAD_INIT(mq_users);
static struct spinlock mq_users_lock = SPINLOCK_INIT("mq_users");

struct mq_instance {
	struct spinlock lock;
	ino_t next_ino;
	int nr_queues;
	bool dead;			/* its namespace has ended */
	struct super_block *sb;
	struct mount *mnt;		/* the kernel's mount, for mq_open */
};

struct mq_dirent {
	struct list_head link;
	struct inode *inode;		/* referenced */
	size_t len;
	char name[];
};

struct mq_msg {
	struct list_head link;
	unsigned int prio;
	size_t len;
	char text[];
};

struct mqueue {
	struct spinlock lock;
	struct list_head msgs;		/* of struct mq_msg, by priority */
	long maxmsg, msgsize, curmsgs;
	unsigned long qsize;		/* bytes of text queued */
	int receivers;			/* tasks asleep in mq_timedreceive */
	int senders;			/* and in mq_timedsend */
	int opens;			/* open files of it */
	uid_t charged_uid;		/* whose RLIMIT_MSGQUEUE pays ... */
	unsigned long charged;		/* ... these bytes */
	bool unlinked;			/* its name is gone */
	bool gone;			/* and its last file: see mq_free_if_gone */
	struct waitqueue wait_send, wait_recv;
	struct pid *notify_owner;	/* referenced; NULL: nobody registered */
	struct sigevent notify;
};

/* The root directory's private part. */
struct mq_dir {
	struct list_head entries;	/* of struct mq_dirent */
};

static const struct inode_operations mq_dir_iops;
static const struct file_operations mq_dir_fops;
static const struct inode_operations mq_file_iops;
static const struct file_operations mq_file_fops;
static const struct super_operations mq_sops;
static struct file_system_type mqueue_type;

#define MQ_DIR(in)	((struct mq_dir *)(in)->private)
#define MQ(in)		((struct mqueue *)(in)->private)
#define MQ_SB(sb)	((struct mq_instance *)(sb)->private)

/* A new inode numbered in its instance; private part and ops left to the caller. */
static struct inode *mq_new_inode(struct super_block *sb, umode_t mode)
{
	struct mq_instance *mi = MQ_SB(sb);
	spin_lock(&mi->lock);
	ino_t ino = mi->next_ino++;
	spin_unlock(&mi->lock);
	struct inode *in = new_inode(sb, ino);
	if (!in)
		return NULL;
	in->mode = mode;
	in->nlink = S_ISDIR(mode) ? 2 : 1;
	in->atime = in->mtime = in->ctime = current_time();
	return in;
}

static unsigned long mq_bytes(long maxmsg, long msgsize)
{
	return maxmsg * (MQ_MSG_HDR_BYTES + msgsize) + MIN(maxmsg, MQ_PRIO_MAX) * MQ_PRIO_NODE_BYTES;
}

static struct mq_user *mq_user_find(uid_t uid)
{
	struct mq_user *u;
	list_for_each_entry(u, &mq_users, link)
		if (u->uid == uid)
			return u;
	return NULL;
}

/* Charge bytes to uid, within limit: 0, -EMFILE past it, -ENOMEM. */
static int mq_charge(uid_t uid, unsigned long bytes, unsigned long limit)
{
	struct mq_user *fresh = kzalloc(sizeof(*fresh));
	int err = 0;
	spin_lock(&mq_users_lock);
	struct mq_user *u = mq_user_find(uid);
	if (!u && fresh) {
		u = fresh;
		fresh = NULL;
		u->uid = uid;
		list_add(&u->link, &mq_users);
	}
	if (!u)
		err = -ENOMEM;
	else if (bytes > limit || u->bytes > limit - bytes)
		err = -EMFILE;
	else
		u->bytes += bytes;
	spin_unlock(&mq_users_lock);
	kfree(fresh);
	return err;
}

static void mq_uncharge(uid_t uid, unsigned long bytes)
{
	struct mq_user *gone = NULL;
	spin_lock(&mq_users_lock);
	struct mq_user *u = mq_user_find(uid);
	if (u) {
		u->bytes -= MIN(bytes, u->bytes);
		if (u->bytes == 0) {
			list_del(&u->link);
			gone = u;
		}
	}
	spin_unlock(&mq_users_lock);
	kfree(gone);
}

/* Is attr (from mq_open) within what the caller may ask for? */
static int mq_attr_check(const struct mq_attr *attr)
{
	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (capable(CAP_SYS_RESOURCE)) {
		if (attr->mq_maxmsg > MQ_HARD_MSGMAX || attr->mq_msgsize > MQ_HARD_MSGSIZEMAX)
			return -EINVAL;
	} else if (attr->mq_maxmsg > MQ_MSG_MAX || attr->mq_msgsize > MQ_MSGSIZE_MAX) {
		return -EINVAL;
	}
	return 0;
}

/* Make a queue inode in dir (locked) named name: attr NULL for the defaults. */
static int mq_make(struct inode *dir, const char *name, size_t len, umode_t mode,
		   const struct mq_attr *attr, struct inode **out)
{
	struct mq_instance *mi = MQ_SB(dir->sb);
	spin_lock(&mi->lock);
	int err = mi->dead ? -ENOENT : 0;
	if (!err && mi->nr_queues >= MQ_QUEUES_MAX && !capable(CAP_SYS_RESOURCE))
		err = -ENOSPC;
	if (!err)
		mi->nr_queues++;
	spin_unlock(&mi->lock);
	if (err)
		return err;
	long maxmsg = attr ? attr->mq_maxmsg : MQ_MSG_DEFAULT;
	long msgsize = attr ? attr->mq_msgsize : MQ_MSGSIZE_DEFAULT;
	unsigned long bytes = mq_bytes(maxmsg, msgsize);
	uid_t uid = current->cred->uid;
	err = mq_charge(uid, bytes, current->signal->rlim_cur[RLIMIT_MSGQUEUE]);
	struct mqueue *q = err ? NULL : kzalloc(sizeof(*q));
	struct mq_dirent *e = q ? kmalloc(sizeof(*e) + len + 1) : NULL;
	struct inode *in = e ? mq_new_inode(dir->sb, S_IFREG | (mode & 0777)) : NULL;
	if (!in) {
		if (!err)
			mq_uncharge(uid, bytes);
		kfree(q);
		kfree(e);
		spin_lock(&mi->lock);
		mi->nr_queues--;
		spin_unlock(&mi->lock);
		return err ? err : -ENOMEM;
	}
	spin_init(&q->lock, "mqueue");
	list_init(&q->msgs);
	waitqueue_init(&q->wait_send);
	waitqueue_init(&q->wait_recv);
	q->maxmsg = maxmsg;
	q->msgsize = msgsize;
	q->charged_uid = uid;
	q->charged = bytes;
	in->private = q;
	in->i_op = &mq_file_iops;
	in->i_fop = &mq_file_fops;
	in->uid = current->cred->fsuid;
	in->gid = current->cred->fsgid;
	e->inode = igrab(in);
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	list_add_tail(&e->link, &MQ_DIR(dir)->entries);
	dir->mtime = dir->ctime = current_time();
	*out = in;
	return 0;
}

static struct mq_dirent *mq_find(struct inode *dir, const char *name, size_t len)
{
	struct mq_dirent *e;
	list_for_each_entry(e, &MQ_DIR(dir)->entries, link)
		if (e->len == len && memcmp(e->name, name, len) == 0)
			return e;
	return NULL;
}

/* Free the messages and the registration (q->lock held); the pid to put. */
static struct pid *mq_purge(struct mqueue *q)
{
	struct mq_msg *m, *tmp;
	list_for_each_entry_safe(m, tmp, &q->msgs, link)
		kfree(m);
	list_init(&q->msgs);
	q->curmsgs = 0;
	q->qsize = 0;
	struct pid *owner = q->notify_owner;
	q->notify_owner = NULL;
	return owner;
}

/*
 * A queue with neither a name nor an open file is gone: its messages and
 * registration are freed now and it stops counting against its
 * namespace's MQ_QUEUES_MAX.  Its inode may stay a while longer, held by
 * a cached dentry (the dcache keeps names until their directory goes).
 */
static void mq_free_if_gone(struct inode *in)
{
	struct mqueue *q = MQ(in);
	struct pid *owner = NULL;
	spin_lock(&q->lock);
	bool gone = q->unlinked && q->opens == 0 && !q->gone;
	if (gone) {
		q->gone = true;
		owner = mq_purge(q);
	}
	spin_unlock(&q->lock);
	if (!gone)
		return;
	if (owner)
		put_pid(owner);
	mq_uncharge(q->charged_uid, q->charged);
	struct mq_instance *mi = MQ_SB(in->sb);
	spin_lock(&mi->lock);
	mi->nr_queues--;
	spin_unlock(&mi->lock);
}

/* Take the name away (dir locked): the queue lives on while open. */
static void mq_drop(struct inode *dir, struct mq_dirent *e)
{
	struct mqueue *q = MQ(e->inode);
	spin_lock(&q->lock);
	q->unlinked = true;
	spin_unlock(&q->lock);
	mq_free_if_gone(e->inode);
	list_del(&e->link);
	e->inode->nlink = 0;
	e->inode->ctime = dir->mtime = dir->ctime = current_time();
	iput(e->inode);
	kfree(e);
}

static int mq_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	struct mq_dirent *e = mq_find(dir, name, len);
	if (!e)
		return -ENOENT;
	*out = igrab(e->inode);
	return 0;
}

/* open(O_CREAT) in a mounted instance: a queue with the default attributes. */
static int mq_create(struct inode *dir, const char *name, size_t len, umode_t mode,
		     dev_t rdev, struct inode **out)
{
	(void)rdev;
	if (!S_ISREG(mode))
		return -EINVAL;
	return mq_make(dir, name, len, mode, NULL, out);
}

static int mq_unlink_op(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	(void)victim;
	struct mq_dirent *e = mq_find(dir, name, len);
	if (!e)
		return -ENOENT;
	mq_drop(dir, e);
	return 0;
}

static int mq_setattr(struct inode *in, const struct iattr *a)
{
	if (a->valid & ATTR_SIZE)
		return -EINVAL;
	if (a->valid & ATTR_MODE)
		in->mode = (in->mode & S_IFMT) | (a->mode & 07777);
	if (a->valid & ATTR_UID)
		in->uid = a->uid;
	if (a->valid & ATTR_GID)
		in->gid = a->gid;
	if (a->valid & ATTR_ATIME)
		in->atime = a->atime;
	if (a->valid & ATTR_MTIME)
		in->mtime = a->mtime;
	if (a->valid & ATTR_CTIME)
		in->ctime = a->ctime;
	return 0;
}

static int mq_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, dir->ino, DT_DIR))
			return 0;
		f->pos = 1;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, dir->ino, DT_DIR))
			return 0;
		f->pos = 2;
	}
	off_t i = 0;
	struct mq_dirent *e;
	list_for_each_entry(e, &MQ_DIR(dir)->entries, link) {
		if (i++ < ctx->pos - 2)
			continue;
		ctx->pos++;
		if (!ctx->emit(ctx, e->name, e->len, e->inode->ino, DT_REG))
			return 0;
		f->pos = ctx->pos;
	}
	return 0;
}

/* The notification registration goes (q->lock held); the pid to put. */
static struct pid *mq_unregister(struct mqueue *q)
{
	struct pid *owner = q->notify_owner;
	q->notify_owner = NULL;
	return owner;
}

static void mq_evict(struct inode *in)
{
	if (S_ISDIR(in->mode)) {
		kfree(in->private);
		return;
	}
	struct mqueue *q = in->private;
	if (!q)
		return;
	q->unlinked = true;	/* the last reference: no name, no file */
	mq_free_if_gone(in);
	kfree(q);
}

static int mq_statfs(struct super_block *sb, struct statfs_info *st)
{
	(void)sb;
	st->type = MQUEUE_MAGIC;
	st->bsize = PAGE_SIZE;
	st->namelen = NAME_MAX;
	return 0;
}

/* The line `cat /dev/mqueue/NAME` shows, Linux's format. */
static ssize_t mq_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct mqueue *q = MQ(f->inode);
	char line[96];
	spin_lock(&q->lock);
	unsigned long qsize = q->qsize;
	int how = q->notify_owner ? q->notify.sigev_notify : 0;
	int signo = q->notify_owner && how == SIGEV_SIGNAL ? q->notify.sigev_signo : 0;
	struct pid *owner = q->notify_owner ? get_pid(q->notify_owner) : NULL;
	spin_unlock(&q->lock);
	int owner_nr = 0;
	if (owner) {
		spin_lock(&pidmap_lock);
		owner_nr = pid_nr_ns(owner, task_active_pid_ns(current));
		spin_unlock(&pidmap_lock);
		put_pid(owner);
	}
	int n = snprintf(line, sizeof(line), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
			 qsize, how, signo, owner_nr);
	if (*pos >= n)
		return 0;
	size_t count = MIN(len, (size_t)(n - *pos));
	if (copy_out(buf, line + *pos, count, user))
		return -EFAULT;
	*pos += count;
	return count;
}

static unsigned int mq_poll(struct file *f, struct poll_table *pt)
{
	struct mqueue *q = MQ(f->inode);
	poll_wait(&q->wait_recv, pt);
	poll_wait(&q->wait_send, pt);
	unsigned int events = 0;
	spin_lock(&q->lock);
	if (q->curmsgs)
		events |= POLLIN | POLLRDNORM;
	if (q->curmsgs < q->maxmsg)
		events |= POLLOUT | POLLWRNORM;
	spin_unlock(&q->lock);
	return events;
}

/* Is the calling process the one registered for notification? */
static bool mq_is_owner(struct mqueue *q)
{
	return q->notify_owner && q->notify_owner == current->group_leader->pid;
}

static int mq_file_open(struct inode *in, struct file *f)
{
	(void)f;
	struct mqueue *q = MQ(in);
	spin_lock(&q->lock);
	q->opens++;
	spin_unlock(&q->lock);
	return 0;
}

/* Closing: the registration of the process that made it goes with it
 * (Linux drops it at any close by that process; here at the last close
 * of an open file description), and so does an unlinked queue. */
static int mq_release(struct inode *in, struct file *f)
{
	(void)f;
	struct mqueue *q = MQ(in);
	struct pid *owner = NULL;
	spin_lock(&q->lock);
	if (mq_is_owner(q))
		owner = mq_unregister(q);
	q->opens--;
	spin_unlock(&q->lock);
	if (owner)
		put_pid(owner);
	mq_free_if_gone(in);
	return 0;
}

static const struct inode_operations mq_dir_iops = {
	.lookup = mq_lookup, .create = mq_create, .unlink = mq_unlink_op, .setattr = mq_setattr,
};
static const struct file_operations mq_dir_fops = { .iterate = mq_iterate };
static const struct inode_operations mq_file_iops = { .setattr = mq_setattr };
static const struct file_operations mq_file_fops = {
	.open = mq_file_open, .read = mq_read, .poll = mq_poll, .release = mq_release,
};
static const struct super_operations mq_sops = { .evict_inode = mq_evict, .statfs = mq_statfs };

static struct mq_instance *mq_instance_create(void)
{
	struct mq_instance *mi = kzalloc(sizeof(*mi));
	struct mq_dir *d = kzalloc(sizeof(*d));
	struct super_block *sb = mi && d ? sb_alloc(&mqueue_type, NULL) : NULL;
	if (!sb)
		goto fail;
	spin_init(&mi->lock, "mq_instance");
	mi->next_ino = 1;
	mi->sb = sb;
	list_init(&d->entries);
	sb->private = mi;
	sb->s_op = &mq_sops;
	sb->magic = MQUEUE_MAGIC;
	sb->no_dcache = true;	/* another mount's dentries see our changes */
	sb->block_size = PAGE_SIZE;
	sb->root = mq_new_inode(sb, S_IFDIR | S_ISVTX | 0777);
	if (!sb->root)
		goto fail;
	sb->root->private = d;
	d = NULL;
	sb->root->i_op = &mq_dir_iops;
	sb->root->i_fop = &mq_dir_fops;
	mi->mnt = kern_mount(sb, "mqueue");
	if (!mi->mnt)
		goto fail;
	/* From here the mounts hold the instance: the kernel's own, and any a
	 * task makes; the last one gone frees it (mq_kill_sb). */
	deactivate_super(sb);
	return mi;
fail:
	if (sb && sb->root)
		iput(sb->root);
	if (sb)
		sb_free(sb);
	kfree(d);
	kfree(mi);
	return NULL;
}

int mq_init_ns(struct ipc_namespace *ns)
{
	ns->mq = mq_instance_create();
	return ns->mq ? 0 : -ENOMEM;
}

/*
 * ns's instance, made on first use (a mount of mqueue, mq_open,
 * mq_unlink): most IPC namespaces (a container's) never have a queue,
 * and an instance is a super block, a root inode and a kernel mount to
 * make and to take down.  Two first users may race: one instance is
 * kept, the other let go.  NULL when memory is short.
 */
static struct mq_instance *ns_mq(struct ipc_namespace *ns)
{
	struct mq_instance *mi = __atomic_load_n(&ns->mq, __ATOMIC_ACQUIRE), *none = NULL;
	if (mi)
		return mi;
	if (!(mi = mq_instance_create()))
		return NULL;
	if (__atomic_compare_exchange_n(&ns->mq, &none, mi, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return mi;
	mnt_put(mi->mnt);	/* its only mount: the instance goes (mq_kill_sb) */
	return none;
}

void mq_put_ns(struct ipc_namespace *ns)
{
	struct mq_instance *mi = ns->mq;
	if (!mi)
		return;
	struct inode *dir = mi->sb->root;
	mutex_lock(&dir->lock);
	spin_lock(&mi->lock);
	mi->dead = true;
	spin_unlock(&mi->lock);
	while (!list_empty(&MQ_DIR(dir)->entries))
		mq_drop(dir, list_first_entry(&MQ_DIR(dir)->entries, struct mq_dirent, link));
	mutex_unlock(&dir->lock);
	mnt_put(mi->mnt);
	ns->mq = NULL;
}

/* A mount shows the mounting task's namespace's instance. */
static int mqueue_mount(struct file_system_type *type, struct blockdev *bdev,
			unsigned long flags, const char *data, struct super_block **out)
{
	(void)type, (void)bdev, (void)flags, (void)data;
	struct mq_instance *mi = ns_mq(current->nsproxy->ipc_ns);
	if (!mi)
		return -ENOMEM;
	if (!ns_capable(current->nsproxy->ipc_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	*out = sb_get(mi->sb);	/* the mount takes its own; this one is dropped */
	return 0;
}

/* The last mount of a namespace's instance went (the namespace is gone,
 * and any mount of it made by a task): the root and the instance go. */
static void mq_kill_sb(struct super_block *sb)
{
	struct mq_instance *mi = sb->private;
	kill_anon_super(sb);
	kfree(mi);
}

static struct file_system_type mqueue_type = {
	.name = "mqueue", .mount = mqueue_mount, .kill_sb = mq_kill_sb,
};

void mqueue_init(void)
{
	register_filesystem(&mqueue_type);
	if (mq_init_ns(&init_ipc_ns))
		printk("mqueue: no instance for the initial IPC namespace\n");
}

/* ---- the system calls ---- */

/* The queue open at fd, referenced, or NULL (EBADF: none, or no queue). */
static struct file *mq_fd_get(int fd)
{
	struct file *f = fd_get(fd);
	if (f && f->f_op != &mq_file_fops) {
		file_put(f);
		return NULL;
	}
	return f;
}

/* Names (NUL-terminated) as Linux's lookup takes them: no "/", not "." or
 * "..", and "" names nothing. */
static int mq_check_name(const char *name, size_t len)
{
	if (len == 0)
		return -ENOENT;
	if (strchr(name, '/') || (name[0] == '.' && (len == 1 ||
	    (len == 2 && name[1] == '.'))))
		return -EACCES;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	return 0;
}

static struct mq_instance *current_mq(void)
{
	return ns_mq(current->nsproxy->ipc_ns);
}

/* Open the queue d (positive) names in instance mi, checking permission. */
static long mq_open_existing(struct mq_instance *mi, struct dentry *d, int oflag)
{
	int acc = oflag & O_ACCMODE;
	int mask = (acc != O_WRONLY ? MAY_READ : 0) | (acc != O_RDONLY ? MAY_WRITE : 0);
	int err = vfs_permission(d->inode, mask);
	if (err)
		return err;
	struct path p = { mi->mnt, d };
	struct file *f = vfs_open(&p, acc | (oflag & O_NONBLOCK));
	if (IS_ERR(f))
		return PTR_ERR(f);
	int fd = fd_install(f, 0, true);	/* close-on-exec always, as Linux */
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_mq_open(const char __user *uname, int oflag, umode_t mode,
		 const struct mq_attr __user *uattr)
{
	struct mq_attr attr;
	if (uattr && copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;	/* as Linux, even when nothing is made */
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct mq_instance *mi = current_mq();
	size_t len = strlen(name);
	long err = mq_check_name(name, len);
	if (err || !mi) {
		putname(name);
		return err ? err : -ENOMEM;
	}
	struct dentry *root = mi->mnt->root;
	struct inode *dir = root->inode;
	mutex_lock(&dir->lock);
	struct dentry *d = d_lookup_or_fetch(root, name, len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out_unlock;
	}
	if (d->inode) {
		/* O_ACCMODE's fourth value opens a queue being made for neither
		 * reading nor writing (as Linux), and an existing one not at all. */
		err = (oflag & O_CREAT) && (oflag & O_EXCL) ? -EEXIST :
		      (oflag & O_ACCMODE) == O_ACCMODE ? -EINVAL : 0;
		mutex_unlock(&dir->lock);
		if (!err)
			err = mq_open_existing(mi, d, oflag);
		goto out_put;
	}
	if (!(oflag & O_CREAT)) {
		err = -ENOENT;
		goto out_unlock_put;
	}
	if (uattr && (err = mq_attr_check(&attr)))
		goto out_unlock_put;
	if ((err = vfs_permission(dir, MAY_WRITE | MAY_EXEC)))
		goto out_unlock_put;
	struct inode *in;
	err = mq_make(dir, name, len, mode & ~current->fs->umask, uattr ? &attr : NULL, &in);
	if (err)
		goto out_unlock_put;
	d_instantiate(d, in);
	mutex_unlock(&dir->lock);
	/* The creator opens what it made whatever its mode says, as open(2). */
	struct path p = { mi->mnt, d };
	struct file *f = vfs_open(&p, (oflag & O_ACCMODE) | (oflag & O_NONBLOCK));
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
	} else {
		err = fd_install(f, 0, true);
		if (err < 0)
			file_put(f);
	}
	goto out_put;
out_unlock_put:
	mutex_unlock(&dir->lock);
out_put:
	dput(d);
	putname(name);
	return err;
out_unlock:
	mutex_unlock(&dir->lock);
	putname(name);
	return err;
}

long sys_mq_unlink(const char __user *uname)
{
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct mq_instance *mi = current_mq();
	size_t len = strlen(name);
	long err = mq_check_name(name, len);
	if (err || !mi) {
		putname(name);
		return err ? err : -ENOMEM;
	}
	struct dentry *root = mi->mnt->root;
	struct inode *dir = root->inode;
	mutex_lock(&dir->lock);
	struct dentry *d = d_lookup_or_fetch(root, name, len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		struct inode *in = d->inode;
		const struct cred *c = current->cred;
		if (!in)
			err = -ENOENT;
		else if ((err = vfs_permission(dir, MAY_WRITE | MAY_EXEC)))
			;
		else if (c->fsuid != in->uid && c->fsuid != dir->uid &&
			 !capable_wrt_inode_uidgid(in, CAP_FOWNER))
			err = -EPERM;	/* the sticky root: glibc turns it into EACCES */
		else if (!(err = mq_unlink_op(dir, name, len, in)))
			d_make_negative(d);
		dput(d);
	}
	mutex_unlock(&dir->lock);
	putname(name);
	return err;
}

/* The monotonic deadline of an absolute CLOCK_REALTIME timeout (0: none). */
static int mq_deadline(const struct timespec64 __user *uts, uint64_t *deadline)
{
	struct timespec64 ts;
	*deadline = 0;
	if (!uts)
		return 0;
	int err = timespec_from_user(&ts, uts);
	if (err)
		return err;
	uint64_t t = timespec_to_ns(&ts), rt = realtime_ns(), now = timer_now_ns();
	*deadline = t > rt ? now + (t - rt) : now;
	if (!*deadline)
		*deadline = 1;
	return 0;
}

/*
 * Sleep on wq until ready(q) (checked under q->lock, which the caller does
 * not hold), a signal (restarted after a SA_RESTART handler, as Linux: the
 * deadline is absolute) or the deadline (ETIMEDOUT).  *count is the queue's count of such sleepers.
 */
static int mq_wait(struct mqueue *q, struct waitqueue *wq, bool (*ready)(struct mqueue *),
		   int *count, uint64_t deadline)
{
	struct wait_entry w = WAIT_ENTRY_INIT(w, NULL);
	int err = 0;
	spin_lock(&q->lock);
	(*count)++;
	spin_unlock(&q->lock);
	for (;;) {
		prepare_to_wait(wq, &w, true);
		spin_lock(&q->lock);
		bool ok = ready(q);
		spin_unlock(&q->lock);
		if (ok)
			break;
		if (signal_pending_current()) {
			err = -ERESTARTSYS;
			break;
		}
		if (deadline && timer_now_ns() >= deadline) {
			err = -ETIMEDOUT;
			break;
		}
		if (deadline)
			schedule_until(deadline);
		else
			schedule();
		try_to_freeze();
	}
	finish_wait(wq, &w);
	spin_lock(&q->lock);
	(*count)--;
	spin_unlock(&q->lock);
	return err;
}

static bool mq_has_room(struct mqueue *q)
{
	return q->curmsgs < q->maxmsg;
}

static bool mq_has_msg(struct mqueue *q)
{
	return q->curmsgs > 0;
}

/* Queue m behind every message of its priority or higher (q->lock held). */
static void mq_insert(struct mqueue *q, struct mq_msg *m)
{
	struct mq_msg *pos;
	list_for_each_entry(pos, &q->msgs, link) {
		if (pos->prio < m->prio) {
			list_add_tail(&m->link, &pos->link);
			goto added;
		}
	}
	list_add_tail(&m->link, &q->msgs);
added:
	q->curmsgs++;
	q->qsize += m->len;
}

/* The message made a queue that nobody waits on non-empty: signal the
 * registered process, once (its registration goes). */
static void mq_notify_owner(struct pid *owner, const struct sigevent *ev)
{
	if (ev->sigev_notify == SIGEV_SIGNAL) {
		struct kinfo info = { SI_MESGQ, current->group_leader->pid->numbers[0].nr,
				      current->cred->uid, 0, (long)ev->sigev_value.sival_ptr };
		spin_lock(&pidmap_lock);
		if (!list_empty(&owner->tasks[PIDTYPE_PID])) {
			struct task *t = list_first_entry(&owner->tasks[PIDTYPE_PID], struct task,
							  pid_links[PIDTYPE_PID]);
			send_signal_info(t, ev->sigev_signo, &info);
		}
		spin_unlock(&pidmap_lock);
	}
	put_pid(owner);
}

long sys_mq_timedsend(int fd, const char __user *utext, size_t len, unsigned int prio,
		      const struct timespec64 __user *uts)
{
	uint64_t deadline;
	if (prio >= MQ_PRIO_MAX)
		return -EINVAL;
	long err = mq_deadline(uts, &deadline);
	if (err)
		return err;
	struct file *f = mq_fd_get(fd);
	if (!f)
		return -EBADF;
	struct mqueue *q = MQ(f->inode);
	struct mq_msg *m = NULL;
	if (!(f->mode & FMODE_WRITE)) {
		err = -EBADF;
		goto out;
	}
	if ((long)len > q->msgsize || len > MQ_HARD_MSGSIZEMAX) {
		err = -EMSGSIZE;
		goto out;
	}
	m = kmalloc(sizeof(*m) + len);
	if (!m) {
		err = -ENOMEM;
		goto out;
	}
	m->prio = prio;
	m->len = len;
	if (copy_from_user(m->text, utext, len)) {
		err = -EFAULT;
		goto out;
	}
	for (;;) {
		spin_lock(&q->lock);
		if (mq_has_room(q))
			break;
		spin_unlock(&q->lock);
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			goto out;
		}
		if ((err = mq_wait(q, &q->wait_send, mq_has_room, &q->senders, deadline)))
			goto out;
	}
	bool first = q->curmsgs == 0;
	mq_insert(q, m);
	m = NULL;
	struct pid *owner = NULL;
	struct sigevent ev;
	if (first && q->notify_owner && q->receivers == 0) {
		ev = q->notify;
		owner = mq_unregister(q);
	}
	spin_unlock(&q->lock);
	wake_up(&q->wait_recv);
	if (owner)
		mq_notify_owner(owner, &ev);
	f->inode->mtime = f->inode->ctime = current_time();
out:
	kfree(m);
	file_put(f);
	return err;
}

long sys_mq_timedreceive(int fd, char __user *utext, size_t len, unsigned int __user *uprio,
			 const struct timespec64 __user *uts)
{
	uint64_t deadline;
	long err = mq_deadline(uts, &deadline);
	if (err)
		return err;
	struct file *f = mq_fd_get(fd);
	if (!f)
		return -EBADF;
	struct mqueue *q = MQ(f->inode);
	if (!(f->mode & FMODE_READ)) {
		err = -EBADF;
		goto out;
	}
	if ((long)len < q->msgsize) {
		err = -EMSGSIZE;
		goto out;
	}
	for (;;) {
		spin_lock(&q->lock);
		if (mq_has_msg(q))
			break;
		spin_unlock(&q->lock);
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			goto out;
		}
		if ((err = mq_wait(q, &q->wait_recv, mq_has_msg, &q->receivers, deadline)))
			goto out;
	}
	struct mq_msg *m = list_first_entry(&q->msgs, struct mq_msg, link);
	list_del(&m->link);
	q->curmsgs--;
	q->qsize -= m->len;
	spin_unlock(&q->lock);
	wake_up(&q->wait_send);
	f->inode->atime = f->inode->ctime = current_time();
	err = m->len;
	if (copy_to_user(utext, m->text, m->len) ||
	    (uprio && put_user(m->prio, uprio)))
		err = -EFAULT;	/* the message is lost, as on Linux */
	kfree(m);
out:
	file_put(f);
	return err;
}

static int mq_check_sigevent(const struct sigevent *ev)
{
	switch (ev->sigev_notify) {
	case SIGEV_NONE:
		return 0;
	case SIGEV_SIGNAL:
		return ev->sigev_signo >= 0 && ev->sigev_signo <= _NSIG ? 0 : -EINVAL;
	case SIGEV_THREAD:
		/* glibc's SIGEV_THREAD hands the kernel a netlink socket,
		 * and there are no sockets yet. */
		return -ENOSYS;
	}
	return -EINVAL;
}

long sys_mq_notify(int fd, const struct sigevent __user *uev)
{
	struct sigevent ev;
	long err = 0;
	if (uev) {
		if (copy_from_user(&ev, uev, sizeof(ev)))
			return -EFAULT;
		if ((err = mq_check_sigevent(&ev)))
			return err;
	}
	struct file *f = mq_fd_get(fd);
	if (!f)
		return -EBADF;
	struct mqueue *q = MQ(f->inode);
	struct pid *gone = NULL;
	spin_lock(&q->lock);
	if (!uev) {
		if (mq_is_owner(q))
			gone = mq_unregister(q);
	} else if (q->notify_owner) {
		err = -EBUSY;
	} else {
		q->notify = ev;
		q->notify_owner = get_pid(current->group_leader->pid);
	}
	spin_unlock(&q->lock);
	if (gone)
		put_pid(gone);
	file_put(f);
	return err;
}

long sys_mq_getsetattr(int fd, const struct mq_attr __user *unew, struct mq_attr __user *uold)
{
	struct mq_attr new, old;
	if (unew) {
		if (copy_from_user(&new, unew, sizeof(new)))
			return -EFAULT;
		if (new.mq_flags & ~O_NONBLOCK)
			return -EINVAL;
	}
	struct file *f = mq_fd_get(fd);
	if (!f)
		return -EBADF;
	struct mqueue *q = MQ(f->inode);
	memset(&old, 0, sizeof(old));
	spin_lock(&q->lock);
	old.mq_flags = f->flags & O_NONBLOCK;
	old.mq_maxmsg = q->maxmsg;
	old.mq_msgsize = q->msgsize;
	old.mq_curmsgs = q->curmsgs;
	if (unew)
		f->flags = (f->flags & ~O_NONBLOCK) | (new.mq_flags & O_NONBLOCK);
	spin_unlock(&q->lock);
	file_put(f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
