/* Host services for the ext2 test (see host.c). */
#ifndef TESTS_EXT2_HOST_H
#define TESTS_EXT2_HOST_H

#include <stddef.h>
#include <stdint.h>

int host_open(const char *path, uint64_t *size);
int host_io(int fd, void *buf, size_t n, uint64_t off, int write);
void host_close(int fd);
void host_now(int64_t *sec, long *nsec);
void host_die(const char *why);
int host_run(const char *cmd);
void *host_slurp(const char *path, uint64_t *size);

/* From the host's libc, with signatures the kernel headers do not clash
 * with (string functions come through the kernel's "string.h"). */
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void free(void *p);
int printf(const char *fmt, ...);
int snprintf(char *buf, size_t n, const char *fmt, ...);

#endif
