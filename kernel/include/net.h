/*
 * The socket layer's contract with address families (net/socket.c).
 *
 * A socket is a file: socket(2) makes a struct socket, an inode of its own
 * on the internal sockfs (so fstat shows S_IFSOCK) and an open file whose
 * read, write, poll, ioctl and release go to the socket.  The layer copies
 * system-call arguments in and out (addresses, the iovec, control data)
 * and handles the SOL_SOCKET options every family shares; a family's
 * proto_ops do the rest on kernel copies.
 *
 * Families: socket.c keeps a table from AF_* to struct net_proto_family;
 * AF_UNIX (net/unix.c) is the first.  AF_INET plugs in by adding its entry
 * there; until then socket(AF_INET, ...) fails with EAFNOSUPPORT.
 *
 * Locking: the layer takes no lock of its own around the ops; a family
 * guards its state itself (unix.c: one mutex for the family).  The generic
 * fields of struct socket (the options below) are plain words written by
 * setsockopt and read racily, as Linux reads them.
 *
 * Return values: 0 or a count, or -errno.  A socket is freed with its file:
 * ops->release is called once, from the file's release.
 */
#ifndef KERNEL_NET_H
#define KERNEL_NET_H

#include "types.h"
#include "lock.h"
#include <linux/socket.h>
#include <linux/uio.h>
#include <asm/socket.h>

/* Values of the Linux ABI that the UAPI headers leave to libc. */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_INET		2
#define AF_BRIDGE	7
#define AF_INET6	10
#define AF_NETLINK	16
#define AF_MAX		46

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_SEQPACKET	5
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	O_CLOEXEC
#define SOCK_NONBLOCK	O_NONBLOCK

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2
#define RCV_SHUTDOWN	1	/* the socket's shutdown bits */
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2
#define SCM_MAX_FD	253	/* descriptors in one SCM_RIGHTS message */

#define SOMAXCONN	4096
#define UIO_MAXIOV	1024
#define SOCK_BUF_DEFAULT 212992	/* SO_RCVBUF/SO_SNDBUF at creation (wmem_default) */
#define SOCK_BUF_MAX	212992	/* the most a setsockopt may ask (rmem_max) */
#define SOCK_MIN_SNDBUF	4608
#define SOCK_MIN_RCVBUF	2304

/* System-call layouts (64-bit, as glibc's). */
struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	size_t msg_iovlen;
	void __user *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

struct mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};
#define CMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len)	(sizeof(struct cmsghdr) + (len))
#define CMSG_SPACE(len)	(sizeof(struct cmsghdr) + CMSG_ALIGN(len))

struct ucred {
	uint32_t pid;
	uint32_t uid;
	uint32_t gid;
};

/* The data of a send or receive, in the user's buffers or the kernel's:
 * the vector was copied in by the layer; copying advances over it. */
struct msg_iter {
	struct iovec *iov;
	size_t nr;		/* entries left, iov[0] the current one */
	size_t off;		/* into iov[0] */
	size_t count;		/* bytes left */
	bool user;
};
/* 0, or -EFAULT (the iterator has then advanced by what was copied). */
int msg_copy_from(struct msg_iter *it, void *dst, size_t n);
int msg_copy_to(struct msg_iter *it, const void *src, size_t n);

/*
 * One sendmsg or recvmsg as the family sees it.
 * send: name/namelen the destination (a kernel copy, NULL if none);
 *       control/controllen the control data (a kernel copy).
 * recv: the family fills name (room for a struct sockaddr_storage) and
 *       namelen (0: no address), writes control messages with put_cmsg,
 *       and sets MSG_TRUNC/MSG_CTRUNC in flags.
 */
struct kmsg {
	struct msg_iter iter;
	void *name;
	int namelen;
	void *control;			/* send: kernel; recv: user */
	size_t controllen;		/* recv: room left */
	size_t control_used;		/* recv: bytes written */
	unsigned int flags;		/* recv: MSG_* out */
	bool user_control;
};
/* Append one control message to a receive (truncated with MSG_CTRUNC
 * when it does not fit): 0 or -EFAULT. */
int put_cmsg(struct kmsg *m, int level, int type, size_t len, const void *data);

struct socket;
struct poll_table;
struct net;

struct proto_ops {
	int family;
	/* The file is going: drop the family's state (once). */
	void (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, const void *addr, int len);
	int (*connect)(struct socket *sock, const void *addr, int len, int flags);
	/* Connect two fresh sockets to each other (socketpair). */
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*listen)(struct socket *sock, int backlog);
	/* Take a pending connection into newsock (fresh, same family and type). */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* The socket's own or its peer's address into addr (sockaddr_storage
	 * room): its length, or -errno. */
	int (*getname)(struct socket *sock, void *addr, bool peer);
	unsigned int (*poll)(struct socket *sock, struct poll_table *pt);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*shutdown)(struct socket *sock, int how);
	/* flags: the MSG_* of the call, with MSG_DONTWAIT set for a
	 * non-blocking file. */
	ssize_t (*sendmsg)(struct socket *sock, struct kmsg *m, int flags);
	ssize_t (*recvmsg)(struct socket *sock, struct kmsg *m, int flags);
	/* Options the layer does not know, at any level (kernel buffers;
	 * *len in: the room, out: the length): -ENOPROTOOPT if unknown. */
	int (*setsockopt)(struct socket *sock, int level, int name, const void *val, int len);
	int (*getsockopt)(struct socket *sock, int level, int name, void *val, int *len);
};

struct net_proto_family {
	int family;
	/* Set sock->ops and the family's state for a socket of sock->type
	 * in sock->net: 0, -ESOCKTNOSUPPORT or -EPROTONOSUPPORT, -ENOMEM. */
	int (*create)(struct socket *sock, int protocol);
};

struct socket {
	int family;
	int type;			/* SOCK_STREAM ... */
	int protocol;
	const struct proto_ops *ops;
	struct file *file;		/* not referenced: the file owns the socket */
	struct net *net;		/* its creator's, referenced */
	unsigned long ino;		/* sockfs inode number: "socket:[ino]" */
	void *sk;			/* the family's */
	/* SOL_SOCKET options */
	int rcvbuf, sndbuf;
	uint64_t rcvtimeo_ns, sndtimeo_ns;	/* 0: wait for ever */
	bool passcred;
	bool listening;			/* SO_ACCEPTCONN; set by the family */
	int err;			/* SO_ERROR: a pending error, cleared when read */
};

/* The monotonic deadline of a send or receive on sock (0: none). */
uint64_t sock_deadline(struct socket *sock, bool send);
/* Sleep on wq until cond, a signal or the deadline (0: none): 0, -EAGAIN
 * at the deadline, -ERESTARTSYS on a signal (-EINTR with a deadline, as
 * Linux, which never restarts a timed socket wait). */
#define sock_wait_event(wq, cond, deadline) ({				\
	struct wait_entry __w = WAIT_ENTRY_INIT(__w, NULL);		\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, true);			\
		if (cond)						\
			break;						\
		__atomic_thread_fence(__ATOMIC_SEQ_CST);		\
		if (signal_pending_current()) {				\
			__ret = (deadline) ? -EINTR : -ERESTARTSYS;	\
			break;						\
		}							\
		if (deadline) {						\
			if (timer_now_ns() >= (deadline)) {		\
				__ret = -EAGAIN;			\
				break;					\
			}						\
			schedule_until(deadline);			\
		} else {						\
			schedule();					\
		}							\
		try_to_freeze();					\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})

/* The socket f is, or NULL when f is no socket. */
struct socket *sock_from_file(struct file *f);
/* The sockfs inode number of f if it is a socket, else 0 (procfs's
 * "socket:[ino]"). */
unsigned long sock_ino(const struct file *f);

/* The address families. */
extern const struct net_proto_family unix_family;

/* One row of /proc/net/unix (unix.c): name_len 0 for an unnamed socket;
 * an abstract name begins with its NUL byte. */
struct unix_row {
	int refcnt;
	int type;			/* SOCK_STREAM, ... */
	bool listening;
	int state;			/* SS_UNCONNECTED, SS_CONNECTED, ... */
	unsigned long ino;		/* 0 for an embryo not yet accepted */
	const char *name;
	int name_len;
};
/* Call fn for each AF_UNIX socket of net, under the family's lock (fn must
 * not sleep), oldest first. */
void unix_for_each(struct net *net, void (*fn)(const struct unix_row *r, void *arg), void *arg);

#endif
