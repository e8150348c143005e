/*
 * The cgroup core's interface to its own files (kernel/cgroup/ only): the
 * table of every file a cgroup directory may show, tree changes for
 * cgroupfs, and the parsers the files share.
 */
#ifndef KERNEL_CGROUP_INTERNAL_H
#define KERNEL_CGROUP_INTERNAL_H

#include "cgroup.h"

/* A file of the table: its type and its controller (-1: the core's). */
struct cgroup_file {
	const struct cftype *cft;
	int ss;
};
int cgroup_nr_files(void);
const struct cgroup_file *cgroup_file(int idx);	/* NULL past the end */
/* Does cgrp's directory show file idx (root-only files, controllers the
 * parent enables)? */
bool cgroup_file_visible(struct cgroup *cgrp, int idx);
int cgroup_core_file_index(const char *name);

/* A child of parent named name (made by current, which owns it): EEXIST,
 * EAGAIN past a max.depth or max.descendants, ENOENT under a removed one.
 * *out is referenced. */
int cgroup_mkdir(struct cgroup *parent, const char *name, size_t len, umode_t mode,
		 struct cgroup **out);
/* Remove an empty cgroup: EBUSY while it has processes or children. */
int cgroup_rmdir(struct cgroup *cgrp);

/* A count written to a file ("max" too when max_ok): 0 or -EINVAL. */
int cgroup_parse_count(const char *buf, bool max_ok, long *out);
/* A count as the files show it: "max" for CGROUP_LIMIT_MAX. */
void cgroup_show_count(struct cgroup_buf *b, long v);

#endif
