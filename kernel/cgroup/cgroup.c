/*
 * The cgroup core: the tree of cgroups, which task is in which, fork, exit
 * and migration, paths as a cgroup namespace sees them, and the table of
 * files every cgroup directory shows (the core's own here, the
 * controllers' in their files).  The locks are described in cgroup.h:
 * cgroup_mutex for the tree and settings, css_set_lock for membership and
 * counters.
 */
#include "cgroup.h"
#include "internal.h"
#include "proc.h"
#include "ns.h"
#include "cred.h"
#include "signal.h"
#include "vfs.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include <linux/capability.h>

struct mutex cgroup_mutex;
struct spinlock css_set_lock = SPINLOCK_INIT("css_set");

struct cgroup cgroup_root = {
	.refcnt = 1,
	.name = "",
	.children = LIST_HEAD_INIT(cgroup_root.children),
	.sibling = LIST_HEAD_INIT(cgroup_root.sibling),
	.all_link = LIST_HEAD_INIT(cgroup_root.all_link),
	.tasks = LIST_HEAD_INIT(cgroup_root.tasks),
	.max_depth = CGROUP_LIMIT_MAX,
	.max_descendants = CGROUP_LIMIT_MAX,
	.dir_attr = { 0, 0, S_IFDIR | 0755 },
	.pids = { .max = CGROUP_LIMIT_MAX },
	.mem = { .max = MEMCG_MAX_PAGES, .high = MEMCG_MAX_PAGES,
		 .pc_pages = LIST_HEAD_INIT(cgroup_root.mem.pc_pages) },
};

const struct cgroup_subsys *const cgroup_subsys[CGROUP_SUBSYS_COUNT] = {
	[CGROUP_SUBSYS_CPU] = &cpu_subsys,
	[CGROUP_SUBSYS_IO] = &io_subsys,
	[CGROUP_SUBSYS_MEMORY] = &memory_subsys,
	[CGROUP_SUBSYS_PIDS] = &pids_subsys,
};

static unsigned int next_id = 2;	/* the root is 1; cgroup_mutex */

/* Every file a cgroup directory may show: the core's, then each
 * controller's, numbered in this order (the index is in inode numbers and
 * in cgroup->attrs). */
static struct cgroup_file all_files[CGROUP_MAX_FILES];
static int nr_all_files;

static void add_files(const struct cftype *files, size_t n, int ss)
{
	for (size_t i = 0; i < n && nr_all_files < CGROUP_MAX_FILES; i++)
		all_files[nr_all_files++] = (struct cgroup_file){ &files[i], ss };
}

int cgroup_nr_files(void)
{
	return nr_all_files;
}

const struct cgroup_file *cgroup_file(int idx)
{
	return idx >= 0 && idx < nr_all_files ? &all_files[idx] : NULL;
}

bool cgroup_file_visible(struct cgroup *cgrp, int idx)
{
	const struct cgroup_file *cf = cgroup_file(idx);
	if (!cf)
		return false;
	if ((cf->cft->flags & CFTYPE_NOT_ON_ROOT) && !cgrp->parent)
		return false;
	if ((cf->cft->flags & CFTYPE_ONLY_ON_ROOT) && cgrp->parent)
		return false;
	/* A controller's file where the parent enables it; the root has
	 * those not marked otherwise (io.stat), as on Linux. */
	if (cf->ss >= 0)
		return !cgrp->parent || (cgrp->parent->subtree_control & (1u << cf->ss));
	return true;
}

static void init_attrs(struct cgroup *cgrp, uid_t uid, gid_t gid)
{
	for (int i = 0; i < nr_all_files; i++)
		cgrp->attrs[i] = (struct cgroup_attr){ uid, gid, S_IFREG | all_files[i].cft->mode };
}

void cgroup_init(void)
{
	mutex_init(&cgroup_mutex, "cgroup");
	add_files(cgroup_core_files, cgroup_nr_core_files, -1);
	for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++)
		add_files(cgroup_subsys[ss]->files, cgroup_subsys[ss]->nr_files, ss);
	cgroup_root.id = 1;
	cpu_cgroup_init(&cgroup_root);
	init_attrs(&cgroup_root, 0, 0);
}

struct cgroup *cgroup_get(struct cgroup *cgrp)
{
	__atomic_add_fetch(&cgrp->refcnt, 1, __ATOMIC_RELAXED);
	return cgrp;
}

/* Takes no lock: a removed cgroup left every list at rmdir, so the last
 * put may come from under css_set_lock. */
void cgroup_put(struct cgroup *cgrp)
{
	while (cgrp && cgrp != &cgroup_root &&
	       __atomic_sub_fetch(&cgrp->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		struct cgroup *parent = cgrp->parent;
		kfree(cgrp->name);
		kfree(cgrp);
		cgrp = parent;
	}
}

bool cgroup_is_descendant(struct cgroup *cgrp, struct cgroup *ancestor)
{
	for (; cgrp; cgrp = cgrp->parent)
		if (cgrp == ancestor)
			return true;
	return false;
}

struct cgroup *cgroup_next_descendant(struct cgroup *pos, struct cgroup *root)
{
	if (!list_empty(&pos->children))
		return list_first_entry(&pos->children, struct cgroup, sibling);
	for (; pos != root; pos = pos->parent)
		if (pos->sibling.next != &pos->parent->children)
			return list_entry(pos->sibling.next, struct cgroup, sibling);
	return NULL;
}

struct cgroup *cgroup_find_id(unsigned int id)
{
	struct cgroup *c, *found = NULL;
	spin_lock(&css_set_lock);
	if (id == cgroup_root.id)
		found = &cgroup_root;
	list_for_each_entry(c, &cgroup_root.all_link, all_link)
		if (c->id == id)
			found = c;
	if (found)
		cgroup_get(found);
	spin_unlock(&css_set_lock);
	return found;
}

struct cgroup *task_get_cgroup(struct task *t)
{
	spin_lock(&css_set_lock);
	struct cgroup *cgrp = cgroup_get(t->cgroup ? t->cgroup : &cgroup_root);
	spin_unlock(&css_set_lock);
	return cgrp;
}

unsigned int cgroup_control(struct cgroup *cgrp)
{
	return cgrp->parent ? cgrp->parent->subtree_control : (1u << CGROUP_SUBSYS_COUNT) - 1;
}

/* Decided by the mode bits alone, as for a file: a stand-in inode gives
 * vfs_permission the owner, group and mode. */
int cgroup_attr_permission(const struct cgroup_attr *a, int mask)
{
	struct inode in;
	memset(&in, 0, sizeof(in));
	in.uid = a->uid;
	in.gid = a->gid;
	in.mode = a->mode;
	return vfs_permission(&in, mask);
}

/* ---- tasks: fork, exit, release, migration ---- */

static void link_task(struct task *t, struct cgroup *cgrp)
{
	t->cgroup = cgroup_get(cgrp);
	WRITE_ONCE(t->memcg_stale, true);	/* memcontrol.c looks it up again */
	list_add_tail(&t->cg_node, &cgrp->tasks);
	cgrp->nr_tasks++;
}

void cgroup_init_task(struct task *t)
{
	spin_lock(&css_set_lock);
	for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++)
		if (cgroup_subsys[ss]->can_fork)
			cgroup_subsys[ss]->can_fork(&cgroup_root);
	link_task(t, &cgroup_root);
	spin_unlock(&css_set_lock);
}

/* Linux's "no internal processes" rule: a cgroup other than the root that
 * hands controllers to its children holds no processes itself. */
static int vet_dst(struct cgroup *dst)
{
	if (dst->dead)
		return -ENODEV;
	return dst->parent && dst->subtree_control ? -EBUSY : 0;
}

int cgroup_fork(struct task *t, struct task *parent, struct cgroup *into)
{
	int err = 0, ss;
	spin_lock(&css_set_lock);
	struct cgroup *cgrp = into ? into : parent->cgroup ? parent->cgroup : &cgroup_root;
	if (into && (err = vet_dst(into)))
		goto out;
	/* cgroup.kill sends SIGKILL under this lock: a fork that would slip
	 * a child past it fails instead (the parent dies anyway). */
	if (READ_ONCE(parent->pending) & sigmask(SIGKILL)) {
		err = -EINTR;
		goto out;
	}
	for (ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++) {
		if (cgroup_subsys[ss]->can_fork && (err = cgroup_subsys[ss]->can_fork(cgrp)))
			break;
	}
	if (err) {
		while (ss-- > 0)
			if (cgroup_subsys[ss]->cancel_fork)
				cgroup_subsys[ss]->cancel_fork(cgrp);
		goto out;
	}
	link_task(t, cgrp);
	cgroup_freezer_join(t, cgrp);
out:
	spin_unlock(&css_set_lock);
	return err;
}

void cgroup_exit(struct task *t)
{
	spin_lock(&css_set_lock);
	if (t->cgroup && !list_empty(&t->cg_node)) {
		list_del(&t->cg_node);
		t->cgroup->nr_tasks--;
		t->cg_frozen = false;
	}
	spin_unlock(&css_set_lock);
}

void cgroup_release(struct task *t)
{
	spin_lock(&css_set_lock);
	struct cgroup *cgrp = t->cgroup;
	if (cgrp) {
		if (!list_empty(&t->cg_node)) {
			list_del(&t->cg_node);
			cgrp->nr_tasks--;
		}
		for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++)
			if (cgroup_subsys[ss]->release)
				cgroup_subsys[ss]->release(t, cgrp);
		t->cgroup = NULL;
	}
	spin_unlock(&css_set_lock);
	cgroup_put(cgrp);
	memcg_task_release(t);
}

/* Under css_set_lock.  The old cgroup's reference is not dropped here:
 * the caller holds one of its own on it. */
static void move_task(struct task *t, struct cgroup *to)
{
	struct cgroup *from = t->cgroup;
	if (from == to || list_empty(&t->cg_node))
		return;
	list_del(&t->cg_node);
	from->nr_tasks--;
	for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++)
		if (cgroup_subsys[ss]->attach)
			cgroup_subsys[ss]->attach(t, from, to);
	link_task(t, to);
	__atomic_sub_fetch(&from->refcnt, 1, __ATOMIC_RELAXED);
	cgroup_freezer_join(t, to);
}

static struct cgroup *common_ancestor(struct cgroup *a, struct cgroup *b)
{
	while (a->level > b->level)
		a = a->parent;
	while (b->level > a->level)
		b = b->parent;
	while (a != b) {
		a = a->parent;
		b = b->parent;
	}
	return a;
}

/* Linux's cgroup_procs_write_permission: the writer may write the
 * cgroup.procs of the common ancestor of source and destination (the
 * destination's was checked when its file was opened, or is checked here
 * for clone3), and both are inside the writer's cgroup namespace. */
static int procs_write_permission(struct cgroup *src, struct cgroup *dst, bool check_dst)
{
	int procs = cgroup_core_file_index("cgroup.procs");
	struct cgroup *com = common_ancestor(src, dst);
	int err = cgroup_attr_permission(&com->attrs[procs], MAY_WRITE);
	if (!err && check_dst)
		err = cgroup_attr_permission(&dst->attrs[procs], MAY_WRITE);
	if (err)
		return err;
	struct cgroup *ns_root = current_cgroup_ns_root();
	if (!cgroup_is_descendant(src, ns_root) || !cgroup_is_descendant(dst, ns_root))
		return -ENOENT;
	return 0;
}

/* The writer acts on the target as kill(2) would let it (cgroup v1's rule,
 * kept for v2 here): same user as the target's real or saved uid, or
 * CAP_KILL over it. */
static int may_move_task(const struct cred *tcred)
{
	const struct cred *c = current->cred;
	if (c->euid == tcred->uid || c->euid == tcred->suid ||
	    ns_capable(tcred->user_ns, CAP_KILL))
		return 0;
	return -EACCES;
}

int cgroup_may_fork_into(struct cgroup *dst)
{
	mutex_lock(&cgroup_mutex);
	struct cgroup *src = task_get_cgroup(current);
	int err = procs_write_permission(src, dst, true);
	if (!err)
		err = vet_dst(dst);
	cgroup_put(src);
	mutex_unlock(&cgroup_mutex);
	return err;
}

static bool task_gone(struct task *t)
{
	return t->state == TASK_ZOMBIE || t->state == TASK_DEAD || !t->cred;
}

int cgroup_attach_pid(struct cgroup *dst, pid_t pid, bool threadgroup)
{
	if (dst->dead)
		return -ENODEV;
	spin_lock(&tasklist_lock);
	struct task *t = pid ? find_task_by_vpid(pid) : current;
	if (t && threadgroup)
		t = t->group_leader;
	if (!t || task_gone(t)) {
		spin_unlock(&tasklist_lock);
		return -ESRCH;
	}
	if (!t->mm) {
		spin_unlock(&tasklist_lock);
		return -EINVAL;		/* a kernel thread stays where it is */
	}
	__atomic_add_fetch(&t->refcnt, 1, __ATOMIC_RELAXED);
	const struct cred *tcred = get_cred(t->cred);
	struct cgroup *src = task_get_cgroup(t);
	spin_unlock(&tasklist_lock);

	int err = may_move_task(tcred);
	if (!err)
		err = procs_write_permission(src, dst, false);
	if (!err)
		err = vet_dst(dst);
	if (!err && !threadgroup && src != dst)
		err = -EOPNOTSUPP;	/* threads move only within a threaded subtree */
	if (err)
		goto out;
	spin_lock(&tasklist_lock);
	if (task_gone(t)) {
		err = -ESRCH;
	} else {
		spin_lock(&css_set_lock);
		move_task(t, dst);
		if (threadgroup) {
			struct task *th;
			list_for_each_entry(th, &t->threads, thread_link)
				move_task(th, dst);
		}
		spin_unlock(&css_set_lock);
	}
	spin_unlock(&tasklist_lock);
out:
	cgroup_put(src);
	put_cred(tcred);
	task_put(t);
	return err;
}

/* ---- names ---- */

static int put_name(char *buf, size_t *end, const char *name)
{
	size_t n = strlen(name);
	if (*end < n + 1)
		return -ENAMETOOLONG;
	*end -= n;
	memcpy(buf + *end, name, n);
	buf[--*end] = '/';
	return 0;
}

int cgroup_path_from(struct cgroup *cgrp, struct cgroup *root, char *buf, size_t len)
{
	if (len < 2)
		return -ENAMETOOLONG;
	struct cgroup *com = common_ancestor(cgrp, root);
	size_t end = len - 1;
	buf[end] = 0;
	for (struct cgroup *c = cgrp; c != com; c = c->parent)
		if (put_name(buf, &end, c->name))
			return -ENAMETOOLONG;
	for (struct cgroup *c = root; c != com; c = c->parent)
		if (put_name(buf, &end, ".."))
			return -ENAMETOOLONG;
	if (end == len - 1)
		buf[--end] = '/';
	memmove(buf, buf + end, len - end);
	return len - 1 - end;
}

int cgroup_proc_show(struct task *t, char *buf, size_t len)
{
	static const char prefix[] = "0::";
	if (len < sizeof(prefix) + 2)
		return -ENAMETOOLONG;
	spin_lock(&css_set_lock);
	struct cgroup *cgrp = t->cgroup ? t->cgroup : &cgroup_root;
	memcpy(buf, prefix, sizeof(prefix) - 1);
	int n = cgroup_path_from(cgrp, current_cgroup_ns_root(), buf + 3, len - 4);
	spin_unlock(&css_set_lock);
	if (n < 0)
		return n;
	buf[3 + n] = '\n';
	buf[4 + n] = 0;
	return n + 4;
}

/* ---- mkdir and rmdir ---- */

/* Linux's cgroup_check_hierarchy_limits: no ancestor's max.descendants or
 * max.depth may be passed. */
static bool hierarchy_full(struct cgroup *parent)
{
	int level = 1;
	for (struct cgroup *c = parent; c; c = c->parent, level++)
		if (c->nr_descendants >= c->max_descendants || level > c->max_depth)
			return true;
	return false;
}

int cgroup_mkdir(struct cgroup *parent, const char *name, size_t len, umode_t mode,
		 struct cgroup **out)
{
	int err = 0;
	mutex_lock(&cgroup_mutex);
	struct cgroup *c;
	if (parent->dead) {
		err = -ENOENT;
		goto out;
	}
	list_for_each_entry(c, &parent->children, sibling) {
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0) {
			err = -EEXIST;
			goto out;
		}
	}
	if (hierarchy_full(parent)) {
		err = -EAGAIN;
		goto out;
	}
	struct cgroup *cgrp = kzalloc(sizeof(*cgrp));
	char *copy = kstrndup(name, len);
	if (!cgrp || !copy) {
		kfree(cgrp);
		kfree(copy);
		err = -ENOMEM;
		goto out;
	}
	cgrp->refcnt = 1;	/* the tree's */
	cgrp->id = next_id++;
	cgrp->name = copy;
	cgrp->parent = cgroup_get(parent);
	cgrp->level = parent->level + 1;
	list_init(&cgrp->children);
	list_init(&cgrp->tasks);
	cgrp->max_depth = cgrp->max_descendants = CGROUP_LIMIT_MAX;
	cgrp->pids.max = CGROUP_LIMIT_MAX;
	cgrp->mem.max = cgrp->mem.high = MEMCG_MAX_PAGES;
	list_init(&cgrp->mem.pc_pages);
	cpu_cgroup_init(cgrp);
	/* Owned by whoever made it, as Linux's cgroup_kn_set_ugid. */
	const struct cred *cred = current->cred;
	cgrp->dir_attr = (struct cgroup_attr){ cred->fsuid, cred->fsgid, S_IFDIR | (mode & 07777) };
	init_attrs(cgrp, cred->fsuid, cred->fsgid);
	spin_lock(&css_set_lock);
	cgrp->e_freeze = parent->e_freeze;
	list_add_tail(&cgrp->sibling, &parent->children);
	list_add_tail(&cgrp->all_link, &cgroup_root.all_link);
	for (c = parent; c; c = c->parent)
		c->nr_descendants++;
	spin_unlock(&css_set_lock);
	*out = cgroup_get(cgrp);
out:
	mutex_unlock(&cgroup_mutex);
	return err;
}

int cgroup_rmdir(struct cgroup *cgrp)
{
	int err = 0;
	mutex_lock(&cgroup_mutex);
	spin_lock(&css_set_lock);
	if (!cgrp->parent)
		err = -EBUSY;
	else if (cgrp->dead)
		err = -ENOENT;
	else if (cgrp->nr_tasks || !list_empty(&cgrp->children))
		err = -EBUSY;
	if (!err) {
		cgrp->dead = true;
		list_del(&cgrp->sibling);
		list_del(&cgrp->all_link);
		for (struct cgroup *c = cgrp->parent; c; c = c->parent)
			c->nr_descendants--;
		pcache_memcg_reparent(cgrp);
	}
	spin_unlock(&css_set_lock);
	mutex_unlock(&cgroup_mutex);
	if (!err)
		cgroup_put(cgrp);	/* the tree's reference */
	return err;
}

/* ---- the core files ---- */

void cgbuf_printf(struct cgroup_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->buf + b->len, room, fmt, ap);
	va_end(ap);
	if ((size_t)n >= room) {
		b->overflow = true;
		b->len = b->cap;
	} else {
		b->len += n;
	}
}

/* A decimal number alone on the line (a final newline allowed), or "max"
 * when max_ok: *out is CGROUP_LIMIT_MAX then.  -EINVAL otherwise. */
int cgroup_parse_count(const char *buf, bool max_ok, long *out)
{
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	if (max_ok && n == 3 && memcmp(buf, "max", 3) == 0) {
		*out = CGROUP_LIMIT_MAX;
		return 0;
	}
	long v = 0;
	if (!n || n > 10)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EINVAL;
		v = v * 10 + (buf[i] - '0');
	}
	if (v > CGROUP_LIMIT_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

void cgroup_show_count(struct cgroup_buf *b, long v)
{
	if (v >= CGROUP_LIMIT_MAX)
		cgbuf_printf(b, "max\n");
	else
		cgbuf_printf(b, "%ld\n", v);
}

static int show_procs_or_threads(struct cgroup *cgrp, struct cgroup_buf *b, bool procs)
{
	struct task *t;
	spin_lock(&css_set_lock);
	list_for_each_entry(t, &cgrp->tasks, cg_node) {
		if (procs && t->group_leader != t)
			continue;
		pid_t nr = procs ? task_tgid_vnr(t) : task_pid_vnr(t);
		if (nr > 0)
			cgbuf_printf(b, "%d\n", nr);
	}
	spin_unlock(&css_set_lock);
	return 0;
}

static int show_procs(struct cgroup *cgrp, struct cgroup_buf *b)
{
	return show_procs_or_threads(cgrp, b, true);
}

static int show_threads(struct cgroup *cgrp, struct cgroup_buf *b)
{
	return show_procs_or_threads(cgrp, b, false);
}

static ssize_t write_procs_or_threads(struct cgroup *cgrp, char *buf, size_t len, bool procs)
{
	long pid;
	int err = cgroup_parse_count(buf, false, &pid);
	if (!err)
		err = cgroup_attach_pid(cgrp, pid, procs);
	return err ? err : (ssize_t)len;
}

static ssize_t write_procs(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	return write_procs_or_threads(cgrp, buf, len, true);
}

static ssize_t write_threads(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	return write_procs_or_threads(cgrp, buf, len, false);
}

static void show_mask(struct cgroup_buf *b, unsigned int mask)
{
	const char *sep = "";
	for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++) {
		if (mask & (1u << ss)) {
			cgbuf_printf(b, "%s%s", sep, cgroup_subsys[ss]->name);
			sep = " ";
		}
	}
	cgbuf_printf(b, "\n");
}

static int show_controllers(struct cgroup *cgrp, struct cgroup_buf *b)
{
	show_mask(b, cgroup_control(cgrp));
	return 0;
}

static int show_subtree_control(struct cgroup *cgrp, struct cgroup_buf *b)
{
	show_mask(b, cgrp->subtree_control);
	return 0;
}

/* "+pids -memory ...": EINVAL for a name no controller has, ENOENT for one
 * the parent does not offer, EBUSY for one a child still hands on (to
 * disable) or while the cgroup holds processes (to enable). */
static ssize_t write_subtree_control(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	unsigned int enable = 0, disable = 0;
	char *p = buf;
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		char *tok = p;
		while (*p && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		if (p == tok)
			break;
		int ss;
		for (ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++) {
			const char *name = cgroup_subsys[ss]->name;
			if ((size_t)(p - tok - 1) == strlen(name) && memcmp(tok + 1, name, p - tok - 1) == 0)
				break;
		}
		if (ss == CGROUP_SUBSYS_COUNT || (*tok != '+' && *tok != '-'))
			return -EINVAL;
		if (*tok == '+') {
			enable |= 1u << ss;
			disable &= ~(1u << ss);
		} else {
			disable |= 1u << ss;
			enable &= ~(1u << ss);
		}
	}
	if (cgrp->dead)
		return -ENODEV;
	if (enable & ~cgroup_control(cgrp))
		return -ENOENT;
	struct cgroup *child;
	list_for_each_entry(child, &cgrp->children, sibling)
		if (child->subtree_control & disable & cgrp->subtree_control)
			return -EBUSY;
	if ((enable & ~cgrp->subtree_control) && cgrp->parent && cgrp->nr_tasks)
		return -EBUSY;
	unsigned int lost = disable & cgrp->subtree_control;
	cgrp->subtree_control = (cgrp->subtree_control | enable) & ~disable;
	list_for_each_entry(child, &cgrp->children, sibling)
		for (int ss = 0; ss < CGROUP_SUBSYS_COUNT; ss++)
			if ((lost & (1u << ss)) && cgroup_subsys[ss]->reset)
				cgroup_subsys[ss]->reset(child);
	return len;
}

static bool subtree_populated(struct cgroup *cgrp)
{
	bool populated = false;
	spin_lock(&css_set_lock);
	for (struct cgroup *c = cgrp; c && !populated; c = cgroup_next_descendant(c, cgrp))
		populated = c->nr_tasks > 0;
	spin_unlock(&css_set_lock);
	return populated;
}

static int show_events(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "populated %d\nfrozen %d\n", subtree_populated(cgrp),
		     cgroup_is_frozen(cgrp));
	return 0;
}

static int show_freeze(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%d\n", cgrp->freeze);
	return 0;
}

/* 0 or 1 (ERANGE for other numbers, as Linux). */
static ssize_t write_freeze(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long v;
	int err = cgroup_parse_count(buf, false, &v);
	if (err)
		return err;
	if (v > 1)
		return -ERANGE;
	if (cgrp->dead)
		return -ENODEV;
	cgrp->freeze = v;
	cgroup_freeze_apply(cgrp);
	return len;
}

static ssize_t write_kill(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long v;
	int err = cgroup_parse_count(buf, false, &v);
	if (err)
		return err;
	if (v != 1)
		return -ERANGE;
	cgroup_kill(cgrp);
	return len;
}

static int show_max_depth(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgroup_show_count(b, cgrp->max_depth);
	return 0;
}

static int show_max_descendants(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgroup_show_count(b, cgrp->max_descendants);
	return 0;
}

static ssize_t write_max_depth(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long v;
	int err = cgroup_parse_count(buf, true, &v);
	if (err)
		return err;
	cgrp->max_depth = v;
	return len;
}

static ssize_t write_max_descendants(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long v;
	int err = cgroup_parse_count(buf, true, &v);
	if (err)
		return err;
	cgrp->max_descendants = v;
	return len;
}

/* Removed cgroups are freed at once here: none is ever dying. */
static int show_stat(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "nr_descendants %d\nnr_dying_descendants 0\n", cgrp->nr_descendants);
	return 0;
}

static int show_type(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "domain\n");
	return 0;
}

/* Threaded subtrees are not written: "threaded" is refused. */
static ssize_t write_type(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	if (strcmp(buf, "threaded") == 0)
		return -EOPNOTSUPP;
	return -EINVAL;
}

const struct cftype cgroup_core_files[] = {
	{ "cgroup.procs", 0644, 0, show_procs, write_procs },
	{ "cgroup.threads", 0644, 0, show_threads, write_threads },
	{ "cgroup.controllers", 0444, 0, show_controllers, NULL },
	{ "cgroup.subtree_control", 0644, 0, show_subtree_control, write_subtree_control },
	{ "cgroup.events", 0444, CFTYPE_NOT_ON_ROOT, show_events, NULL },
	{ "cgroup.freeze", 0644, CFTYPE_NOT_ON_ROOT, show_freeze, write_freeze },
	{ "cgroup.kill", 0200, CFTYPE_NOT_ON_ROOT, NULL, write_kill },
	{ "cgroup.max.depth", 0644, 0, show_max_depth, write_max_depth },
	{ "cgroup.max.descendants", 0644, 0, show_max_descendants, write_max_descendants },
	{ "cgroup.stat", 0444, 0, show_stat, NULL },
	{ "cgroup.type", 0644, CFTYPE_NOT_ON_ROOT, show_type, write_type },
	{ "cpu.stat", 0444, 0, cpu_stat_show, NULL },	/* cpu.c; with the controller off too */
};
const size_t cgroup_nr_core_files = sizeof(cgroup_core_files) / sizeof(cgroup_core_files[0]);

int cgroup_core_file_index(const char *name)
{
	for (size_t i = 0; i < cgroup_nr_core_files; i++)
		if (strcmp(cgroup_core_files[i].name, name) == 0)
			return i;
	return -1;
}
