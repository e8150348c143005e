/*
 * procfs internals, shared by the files of kernel/fs/proc/ only.
 *
 * Every name procfs shows is an entry of a table (struct proc_table): the
 * root directory's fixed entries (root.c), a process's directory (base.c),
 * sys/ and sys/kernel/ (sysctl.c), and the entries no directory lists by
 * name (the directories themselves, fd/N, fdinfo/N).  An entry says its
 * name, its mode and how to show it: a generator for a text file (and a
 * writer where the file is writable), a link's target, or a table of
 * children for a directory.  Lookup and readdir walk the tables (inode.c),
 * so adding a file is one line in a table plus its generator.
 *
 * Inode numbers say what an inode is: the root-namespace pid of the process
 * it belongs to (0 for the global files), the table and the index in it,
 * and for fd/N and fdinfo/N the descriptor + 1 above bit INO_FD_SHIFT.
 */
#ifndef KERNEL_FS_PROC_INTERNAL_H
#define KERNEL_FS_PROC_INTERNAL_H

#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "ns.h"
#include "printk.h"

/* A file's text, generated when it is opened and kept with the open file,
 * so a reader sees one consistent snapshot. */
struct textbuf {
	char *buf;
	size_t len, cap;
};

void tb_printf(struct textbuf *tb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * One name in a procfs directory.  Exactly one way of showing it is set:
 *  - show: a text file; t is the process (referenced, alive) for the files
 *    of a process's directory, NULL for the global ones.  write, when set,
 *    makes it writable (the mode says who may); may_open vets an open.
 *  - link: a symbolic link whose text link() writes (at most len bytes,
 *    returns the length); target: a process's link to an open file (*f) or
 *    a directory (*p), which is also where following it leads.
 *  - dir: a directory listing that table.
 *  - fops/iops: anything else (mem, fd/, fdinfo/, profile); a text file
 *    may set iops too, for its permission hook.
 * visible, when set, says whether the name exists now (profile only with
 * the profiler on, as Linux).
 */
struct proc_table;

struct proc_entry {
	const char *name;
	umode_t mode;
	int (*show)(struct textbuf *tb, struct task *t, struct inode *in);
	ssize_t (*write)(struct file *f, struct task *t, const void *buf, size_t len,
			 off_t *pos, bool user);
	int (*may_open)(struct task *t, struct file *f);
	ssize_t (*link)(struct inode *in, char *buf, size_t len);
	int (*target)(struct task *t, struct inode *in, struct file **f, struct path *p);
	const struct proc_table *dir;
	const struct inode_operations *iops;
	const struct file_operations *fops;
	bool (*visible)(void);
	size_t (*size)(void);		/* st_size, for a file that has one */
};

/* A directory's entries; parent names the entry of "..". */
struct proc_table {
	int id;				/* PROC_T_*: its place in inode numbers */
	const struct proc_entry *entries;
	size_t n;
	int parent_table, parent_index;
};

enum {
	PROC_T_SPECIAL,		/* entries listed by no table directory */
	PROC_T_ROOT,
	PROC_T_PID,
	PROC_T_SYS,
	PROC_T_SYS_KERNEL,
	PROC_T_NS,
	PROC_T_NET,
	PROC_T_SYS_USER,
	PROC_T_SYS_NET,
	PROC_T_SYS_NET_IPV4,
	PROC_T_SYS_NET_IPV4_CONF,
	PROC_T_SYS_NET_IPV4_CONF_ALL,
	PROC_T_COUNT,
};

/* The entries of PROC_T_SPECIAL, by index. */
enum {
	PROC_ROOT_DIR,		/* / */
	PROC_PID_DIR,		/* /PID */
	PROC_FD_LINK,		/* /PID/fd/N */
	PROC_FDINFO_FILE,	/* /PID/fdinfo/N */
};

#define PROC_ROOT_SYS	0	/* "sys" in the root table: the parent of sys/kernel */

extern const struct proc_table proc_special_table, proc_root_table, proc_pid_table,
	proc_sys_table, proc_sys_kernel_table, proc_ns_table, proc_net_table,
	proc_sys_user_table;
extern const struct proc_table proc_sys_net_table, proc_sys_net_ipv4_table;	/* net.c */
#define PROC_SYS_NET	1	/* "net" in the sys table: the parent of sys/net/ipv4 */
extern const struct proc_table proc_sys_net_ipv4_conf_table, proc_sys_net_ipv4_conf_all_table;
#define PROC_SYS_NET_IPV4_CONF	4	/* "conf" in sys/net/ipv4 (net.c) */

#define INO(nr, table, index)	(((ino_t)(nr) << 16) | ((ino_t)(table) << 8) | (index))
#define INO_NR(ino)	((int)(((ino) >> 16) & 0xffffffu))
#define INO_TABLE(ino)	((int)(((ino) >> 8) & 0xff))
#define INO_INDEX(ino)	((int)((ino) & 0xff))
#define INO_FD_SHIFT	40
#define INO_FD(nr, index, fd) (INO(nr, PROC_T_SPECIAL, index) | ((ino_t)(fd) + 1) << INO_FD_SHIFT)
#define INO_FDNUM(ino)	((int)((ino) >> INO_FD_SHIFT) - 1)
#define INO_SPECIAL(nr, index)	INO(nr, PROC_T_SPECIAL, index)

/* inode.c */
const struct proc_entry *proc_entry_of(ino_t ino);
/* A cached table entry name still means inode (the revalidate of the
 * table directories and of the root's fixed names): its process lives, the
 * entry is visible, and the owner is brought up to date.  Process
 * directories and fd/N are looked up again instead. */
bool proc_revalidate(struct inode *dir, const char *name, size_t len, struct inode *inode);
struct pid_namespace *proc_sb_ns(struct super_block *sb);
int proc_iget(struct super_block *sb, ino_t ino, struct inode **out);
int proc_table_lookup(struct inode *dir, const struct proc_table *tab, int nr,
		      const char *name, size_t len, struct inode **out);
bool proc_emit_dots(struct dir_context *ctx, ino_t self, ino_t parent);
bool proc_table_iterate(struct dir_context *ctx, const struct proc_table *tab, int nr);
int proc_parse_nr(const char *name, size_t len);
/* An open file's name as fd/N shows it (no NUL): its length or -errno. */
ssize_t proc_file_name(struct file *f, char *buf, size_t len);
extern const struct inode_operations proc_table_dir_iops, proc_link_iops, proc_pid_link_iops;
extern const struct file_operations proc_table_dir_fops;

/* root.c */
extern const struct inode_operations proc_root_iops;
extern const struct file_operations proc_root_fops;

/* base.c: the process an inode belongs to */
struct task *task_by_root_nr(int nr);
bool proc_may_access(struct task *t);
void proc_set_owner(struct inode *in);
/* The same, for t (referenced by the caller), the process of in. */
void proc_task_set_owner(struct inode *in, struct task *t);
int task_fs_path(struct task *t, bool root, struct path *out);
struct mm *task_mm_get(struct task *t);	/* referenced, or NULL */

/* fd.c: fd/, fdinfo/ and the links to open files and directories */
void proc_fd_set_mode(struct inode *in, struct task *t);
int proc_show_fdinfo(struct textbuf *tb, struct task *t, struct inode *in);
int proc_exe_target(struct task *t, struct inode *in, struct file **f, struct path *p);
int proc_cwd_target(struct task *t, struct inode *in, struct file **f, struct path *p);
int proc_root_target(struct task *t, struct inode *in, struct file **f, struct path *p);
int proc_fd_target(struct task *t, struct inode *in, struct file **f, struct path *p);
extern const struct inode_operations proc_fd_dir_iops, proc_fdinfo_dir_iops;
extern const struct file_operations proc_fd_dir_fops, proc_fdinfo_dir_fops;

/* mounts.c */
int proc_show_mounts(struct textbuf *tb, struct task *t, struct inode *in);
int proc_show_mountinfo(struct textbuf *tb, struct task *t, struct inode *in);

/* kstats.c: slabinfo, vmstat, interrupts, and /proc/stat's counters */
int proc_show_slabinfo(struct textbuf *tb, struct task *t, struct inode *in);
int proc_show_vmstat(struct textbuf *tb, struct task *t, struct inode *in);
int proc_show_interrupts(struct textbuf *tb, struct task *t, struct inode *in);
void proc_show_stat_counts(struct textbuf *tb);
int proc_show_lock_stat(struct textbuf *tb, struct task *t, struct inode *in);
ssize_t proc_write_lock_stat(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user);

/* maps.c */
int proc_show_maps(struct textbuf *tb, struct task *t, struct inode *in);

/* mem.c */
extern const struct file_operations proc_mem_fops;

#endif
