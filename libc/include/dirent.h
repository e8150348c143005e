/*
 * dirent.h - directory streams over getdents64(2).  struct dirent is the
 * kernel's linux_dirent64 record, so readdir() returns entries in place.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

#define DT_UNKNOWN  0
#define DT_FIFO     1
#define DT_CHR      2
#define DT_DIR      4
#define DT_BLK      6
#define DT_REG      8
#define DT_LNK      10
#define DT_SOCK     12
#define DT_WHT      14

#define IFTODT(mode)  (((mode) & 0170000) >> 12)
#define DTTOIF(type)  ((type) << 12)

typedef struct __dirstream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
int readdir_r(DIR *dir, struct dirent *entry, struct dirent **result);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
long telldir(DIR *dir);
void seekdir(DIR *dir, long pos);
int dirfd(DIR *dir);
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);
ssize_t getdents64(int fd, void *buf, size_t len);

__END_DECLS

#endif /* _DIRENT_H */
