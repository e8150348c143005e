/* sys/signalfd.h - signals read from a file descriptor, as glibc declares
 * them: each read gives 128-byte struct signalfd_siginfo records. */
#ifndef _SYS_SIGNALFD_H
#define _SYS_SIGNALFD_H

#include <sys/cdefs.h>
#include <stdint.h>
#include <signal.h>

__BEGIN_DECLS

#define SFD_CLOEXEC	02000000
#define SFD_NONBLOCK	04000

struct signalfd_siginfo {
	uint32_t ssi_signo;
	int32_t ssi_errno;
	int32_t ssi_code;
	uint32_t ssi_pid;
	uint32_t ssi_uid;
	int32_t ssi_fd;
	uint32_t ssi_tid;
	uint32_t ssi_band;
	uint32_t ssi_overrun;
	uint32_t ssi_trapno;
	int32_t ssi_status;
	int32_t ssi_int;
	uint64_t ssi_ptr;
	uint64_t ssi_utime;
	uint64_t ssi_stime;
	uint64_t ssi_addr;
	uint16_t ssi_addr_lsb;
	uint16_t __pad2;
	int32_t ssi_syscall;
	uint64_t ssi_call_addr;
	uint32_t ssi_arch;
	uint8_t __pad[28];
};

/* fd -1: a new signalfd; else replace that signalfd's mask. */
int signalfd(int fd, const sigset_t *mask, int flags);

__END_DECLS

#endif /* _SYS_SIGNALFD_H */
