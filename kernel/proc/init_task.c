/*
 * Bringing up user space: the first kernel thread mounts the root file
 * system named by root= and then becomes init (once exec exists).
 */
#include "debugfs.h"
#include "ucount.h"
#include "cgroup.h"
#include "proc.h"
#include "boot.h"
#include "bcache.h"
#include "fs.h"
#include "file.h"
#include "printk.h"
#include "string.h"
#include "sbi.h"
#include "vfs.h"
#include "ns.h"
#include "cred.h"
#include "signal.h"
#include "kmalloc.h"
#include "chrdev.h"
#include "tty.h"
#include "virtio.h"
#include "inet.h"
#include "mqueue.h"
#include <linux/fcntl.h>
#include <linux/mount.h>

struct super_block *root_sb;

/* Device names we know: /dev/vdX. */
static struct blockdev *root_device(const char *spec)
{
	if (strncmp(spec, "/dev/vd", 7) != 0 || spec[7] < 'a' || spec[7] > 'p' || spec[8])
		return NULL;
	return blockdev_get(MKDEV(254, 16 * (spec[7] - 'a')));
}

struct count_ctx {
	struct dir_context ctx;
	int entries;
};

static bool count_entry(struct dir_context *ctx, const char *name, size_t len,
			ino_t ino, unsigned int dtype)
{
	container_of(ctx, struct count_ctx, ctx)->entries++;
	return true;
}

/* Read the root directory once: entries, or -errno. */
static int count_root_entries(struct inode *root)
{
	struct file *f = file_alloc(root, root->i_fop, 0);
	if (!f)
		return -ENOMEM;
	struct count_ctx cc = { { count_entry, 0 }, 0 };
	int err = f->f_op && f->f_op->iterate ? f->f_op->iterate(f, &cc.ctx) : -ENOTDIR;
	file_put(f);
	return err ? err : cc.entries;
}

static char root_spec[32];

static int mount_root(void)
{
	char *spec = root_spec;
	if (!cmdline_get("root", spec, sizeof(root_spec)))
		strlcpy(spec, "/dev/vda", sizeof(root_spec));
	struct blockdev *bdev = root_device(spec);
	if (!bdev) {
		printk("kernel: root device %s not found\n", spec);
		return -ENODEV;
	}
	struct file_system_type *ext2 = find_filesystem("ext2");
	int err = ext2->mount(ext2, bdev, 0, NULL, &root_sb);
	if (err) {
		printk("kernel: cannot mount %s as ext2: error %d\n", spec, err);
		return err;
	}
	int entries = count_root_entries(root_sb->root);
	if (entries < 0) {
		printk("kernel: root directory unreadable: error %d\n", entries);
		return entries;
	}
	printk("kernel: root file system ext2 on %s, %d entries in /\n", spec, entries);
	return 0;
}

/* Make the current kernel thread process 1 of the initial namespaces. */
static int become_pid1(void)
{
	struct task *t = current;
	struct pid *pid = alloc_pid(&init_pid_ns);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	t->pid = pid;
	t->group_leader = t;
	t->exit_signal = SIGCHLD;
	t->cred = get_cred(&root_cred);
	init_nsproxy.mnt_ns = mnt_ns_create_root(root_sb, root_spec);
	if (!init_nsproxy.mnt_ns)
		return -ENOMEM;
	t->nsproxy = get_nsproxy(&init_nsproxy);
	t->signal = signal_alloc();
	t->sighand = kzalloc(sizeof(*t->sighand));
	t->files = files_alloc();
	t->fs = fs_alloc();
	if (!t->signal || !t->sighand || !t->files || !t->fs)
		return -ENOMEM;
	rlimits_init(t->signal);
	t->sighand->refcnt = 1;
	spin_init(&t->sighand->lock, "sighand");
	t->signal->pgrp = get_pid(pid);
	t->signal->session = get_pid(pid);
	spin_lock(&pidmap_lock);
	list_add_tail(&t->pid_links[PIDTYPE_PID], &pid->tasks[PIDTYPE_PID]);
	list_add_tail(&t->pid_links[PIDTYPE_PGID], &pid->tasks[PIDTYPE_PGID]);
	list_add_tail(&t->pid_links[PIDTYPE_SID], &pid->tasks[PIDTYPE_SID]);
	spin_unlock(&pidmap_lock);
	struct mount *rootmnt = init_nsproxy.mnt_ns->root;
	t->fs->root = (struct path){ rootmnt, rootmnt->root };
	t->fs->pwd = t->fs->root;
	path_get(&t->fs->root);
	path_get(&t->fs->pwd);
	init_pid_ns.child_reaper = t;
	cgroup_init_task(t);
	return 0;
}

/* As Linux with CONFIG_DEVTMPFS_MOUNT: /dev is there before init runs, and
 * init starts with the console on descriptors 0, 1 and 2. */
static void open_console(void)
{
	int err = do_mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	if (err)
		printk("kernel: cannot mount devtmpfs on /dev: error %d\n", err);
	struct file *f = file_open_kernel("/dev/console", O_RDWR, 0);
	if (IS_ERR(f)) {
		printk("kernel: cannot open /dev/console: error %ld\n", PTR_ERR(f));
		return;
	}
	fd_install(f, 0, false);
	fd_install(file_get(f), 1, false);
	fd_install(file_get(f), 2, false);
}

/* As a systemd-like init would: the cgroup tree at /sys/fs/cgroup, there
 * before init runs (on a minimal sysfs that holds just those directories),
 * so every init, a test's too, finds it. */
static void mount_cgroup2(void)
{
	unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int err = do_mount("sysfs", "/sys", "sysfs", flags, NULL);
	if (!err)
		err = do_mount("cgroup2", "/sys/fs/cgroup", "cgroup2", flags, NULL);
	if (err)
		printk("kernel: cannot mount cgroup2 on /sys/fs/cgroup: error %d\n", err);
}

static int init_thread(void *arg)
{
	virtio_init();
	ip_auto_config();
	int err = mount_root();
	if (!err)
		err = become_pid1();
	if (!err) {
		open_console();
		mount_cgroup2();
		char init[128];
		if (!cmdline_get("init", init, sizeof(init)))
			strlcpy(init, "/sbin/init", sizeof(init));
		const char *argv[] = { init, NULL };
		const char *envp[] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin", NULL };
		err = kernel_execve(init, argv, envp);
		if (!err)
			enter_user(current->tf);
		printk("kernel: cannot run %s: error %d\n", init, err);
	}
	sync_all();
	printk("kernel: power off\n");
	sbi_shutdown(false);
}

int start_init(void)
{
	bcache_init();
	ext2_init();
	ns_init();
	ucount_init();
	net_ns_init();
	mem_devices_init();
	tty_init();
	pty_init();
	tmpfs_init();
	procfs_init();
	sysfs_init();
	cgroupfs_init();
	debugfs_init();
	loadavg_init();
	mqueue_init();
	return kthread_create(init_thread, NULL, "init") ? 0 : -ENOMEM;
}

void sync_all(void)
{
	struct blockdev *bdev = root_sb ? root_sb->bdev : NULL;
	if (root_sb && root_sb->s_op->sync_fs)
		root_sb->s_op->sync_fs(root_sb);
	if (bdev)
		bsync(bdev);
}
