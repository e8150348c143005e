/*
 * copy: copying files and trees, for cp and for mv across filesystems.
 * Errors are reported on stderr as "PROG: path: why".
 */
#ifndef COPY_H
#define COPY_H

#include <stddef.h>

struct copy_options {
	const char *prog;	/* the program named in error messages */
	int recursive;		/* copy directories (symlinks inside as links) */
	int preserve;		/* keep mode, owner and times */
	int force;		/* remove a destination that cannot be opened */
};

/*
 * Copy src to dst.  A top-level operand (top) is followed if it is a
 * symlink unless copying recursively.  Returns 0, or -1 once reported.
 */
int copy_path(const struct copy_options *opt, const char *src, const char *dst,
    int top);

/*
 * dir/NAME, NAME being the last component of src: where cp and mv put
 * src when the target is a directory.  Returns 0, or -1 (ENAMETOOLONG).
 */
int path_in_dir(const char *dir, const char *src, char *out, size_t size);

#endif /* COPY_H */
