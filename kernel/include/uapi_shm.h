/*
 * <linux/shm.h> (SHMMNI, SHM_RDONLY, struct shmid64_ds, ...) as the kernel
 * can include it: the UAPI header includes the C library's <unistd.h>,
 * which a kernel has not, so that header's guard is set and the include
 * is empty; and SHMMAX and SHMALL are written with ULONG_MAX.  Only the
 * System V IPC files include this.
 */
#ifndef KERNEL_UAPI_SHM_H
#define KERNEL_UAPI_SHM_H

#define _UNISTD_H 1
#ifndef ULONG_MAX
#define ULONG_MAX	(~0ul)
#endif
#include <linux/shm.h>

#endif
