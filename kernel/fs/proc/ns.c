/*
 * /proc/PID/ns: one link per kind of namespace, reading "uts:[4026531838]";
 * following one opens the namespace's nsfs file (fs/nsfs.c, which owns the
 * kinds, the link text and the files).  The links are behind the ptrace
 * read check, as exe and cwd (inode.c).  Nothing here is locked.
 */
#include "internal.h"
#include "ns_common.h"
#include "string.h"

/* The namespace behind a link, by the link's name (nsfs's kinds). */
static int proc_ns_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	(void)f;
	const char *name = proc_entry_of(in->ino)->name;
	int kind = proc_ns_lookup(name, strlen(name));
	return kind < 0 ? -ENOENT : proc_ns_get_link(t, kind, p);
}

#define NS_LINK(name)	{ name, S_IFLNK | 0777, .target = proc_ns_target }

/* In Linux's order (no time namespaces yet). */
static const struct proc_entry ns_entries[] = {
	NS_LINK("cgroup"), NS_LINK("ipc"), NS_LINK("mnt"), NS_LINK("net"), NS_LINK("pid"),
	NS_LINK("pid_for_children"), NS_LINK("user"), NS_LINK("uts"),
};

const struct proc_table proc_ns_table = {
	PROC_T_NS, ns_entries, ARRAY_SIZE(ns_entries), PROC_T_SPECIAL, PROC_PID_DIR,
};
