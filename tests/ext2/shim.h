/* What the ext2 test driver sees of the shim (shim.c). */
#ifndef TESTS_EXT2_SHIM_H
#define TESTS_EXT2_SHIM_H

#include "fs.h"
#include "bcache.h"

extern struct file_system_type *shim_fs_type;
extern unsigned long shim_writes;	/* sectors runs written to the image */
struct blockdev *shim_open_image(const char *path);
struct blockdev *shim_open_memory(void *disk, uint64_t size);
int shim_live_inodes(struct super_block *sb);

#endif
