/*
 * The socket layer: struct socket behind an open file, the sockfs inodes
 * that give sockets their S_IFSOCK identity, and the socket system calls,
 * which copy their arguments in and out and call the family's proto_ops
 * (net.h states the contract).  The family table is constant; sockfs's
 * one-time set-up is under sockfs_lock.  A socket's generic options are
 * plain words (see net.h); everything else is the family's to lock.
 */
#include "net.h"
#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "poll.h"
#include "cred.h"
#include "ns.h"
#include "inet.h"
#include "netlink.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "syscalls.h"
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/time_types.h>
#include <asm/ioctls.h>

/* The address families there are.  AF_INET joins with its entry here. */
static const struct net_proto_family *const families[AF_MAX] = {
	[AF_UNIX] = &unix_family,
	[AF_INET] = &inet_family,
	[AF_NETLINK] = &netlink_family,
};

#define SOCKADDR_MAX	((int)sizeof(struct __kernel_sockaddr_storage))
#define CONTROL_MAX	20480	/* control data of one send (optmem_max) */

/* ---- copying data ---- */

static int msg_copy(struct msg_iter *it, void *kbuf, size_t n, bool to_iter)
{
	while (n) {
		if (!it->nr)
			return -EFAULT;
		struct iovec *v = &it->iov[0];
		size_t chunk = MIN(n, v->iov_len - it->off);
		char *at = (char *)v->iov_base + it->off;
		int err = to_iter ? copy_out(at, kbuf, chunk, it->user)
				  : copy_in(kbuf, at, chunk, it->user);
		if (err)
			return -EFAULT;
		kbuf = (char *)kbuf + chunk;
		n -= chunk;
		it->count -= chunk;
		it->off += chunk;
		if (it->off == v->iov_len) {
			it->iov++;
			it->nr--;
			it->off = 0;
		}
	}
	return 0;
}

int msg_copy_from(struct msg_iter *it, void *dst, size_t n)
{
	return msg_copy(it, dst, n, false);
}

int msg_copy_to(struct msg_iter *it, const void *src, size_t n)
{
	return msg_copy(it, (void *)src, n, true);
}

int put_cmsg(struct kmsg *m, int level, int type, size_t len, const void *data)
{
	if (m->controllen < sizeof(struct cmsghdr)) {
		m->flags |= MSG_CTRUNC;
		return 0;
	}
	size_t n = CMSG_LEN(len);
	if (n > m->controllen) {
		m->flags |= MSG_CTRUNC;
		n = m->controllen;
	}
	struct cmsghdr h = { n, level, type };
	char __user *at = (char __user *)m->control + m->control_used;
	if (copy_to_user(at, &h, sizeof(h)) ||
	    copy_to_user(at + sizeof(h), data, n - sizeof(h)))
		return -EFAULT;
	size_t step = MIN(CMSG_SPACE(len), m->controllen);
	m->control_used += step;
	m->controllen -= step;
	return 0;
}

/* ---- sockfs ---- */

static struct file_system_type sockfs_type = { .name = "sockfs" };
static struct mount *sockfs_mnt;
static struct mutex sockfs_lock = { .name = "sockfs", .wq = WAITQUEUE_INIT(sockfs_lock.wq) };

static struct mount *sockfs_mount(void)
{
	mutex_lock(&sockfs_lock);
	if (!sockfs_mnt) {
		struct super_block *sb = sb_alloc(&sockfs_type, NULL);
		struct inode *root = sb ? new_inode(sb, 1) : NULL;
		if (root) {
			root->mode = S_IFDIR | 0500;
			root->nlink = 2;
			sb->root = root;
			sb->magic = SOCKFS_MAGIC;
			sockfs_mnt = kern_mount(sb, "sockfs");
		}
		if (!sockfs_mnt) {	/* nothing else holds them yet */
			kfree(root);
			if (sb)
				sb_free(sb);
		}
	}
	mutex_unlock(&sockfs_lock);
	return sockfs_mnt;
}

uint64_t sock_deadline(struct socket *sock, bool send)
{
	uint64_t t = send ? sock->sndtimeo_ns : sock->rcvtimeo_ns;
	return t ? timer_now_ns() + t : 0;
}

/* ---- the file ---- */

static const struct file_operations socket_fops;

struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_fops ? f->private : NULL;
}

unsigned long sock_ino(const struct file *f)
{
	return f->f_op == &socket_fops ? ((struct socket *)f->private)->ino : 0;
}

static int sock_release_file(struct inode *in, struct file *f)
{
	struct socket *sock = f->private;
	if (sock->ops)
		sock->ops->release(sock);
	put_net(sock->net);
	kfree(sock);
	return 0;
}

static void iter_single(struct msg_iter *it, struct iovec *v, void *buf, size_t len, bool user)
{
	v->iov_base = buf;
	v->iov_len = len;
	*it = (struct msg_iter){ .iov = v, .nr = 1, .count = len, .user = user };
}

static ssize_t sock_do_send(struct socket *sock, struct kmsg *m, int flags)
{
	if (sock->file->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	return sock->ops->sendmsg(sock, m, flags);
}

static ssize_t sock_do_recv(struct socket *sock, struct kmsg *m, int flags)
{
	if (sock->file->flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	return sock->ops->recvmsg(sock, m, flags);
}

static ssize_t sock_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct iovec v;
	struct kmsg m = { 0 };
	iter_single(&m.iter, &v, buf, len, user);
	return sock_do_recv(f->private, &m, 0);
}

static ssize_t sock_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct iovec v;
	struct kmsg m = { 0 };
	iter_single(&m.iter, &v, (void *)buf, len, user);
	return sock_do_send(f->private, &m, 0);
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private;
	return sock->ops->poll(sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private;
	/* The device ioctls work on any socket, as Linux's. */
	long err = dev_ioctl(sock->net, cmd, arg);
	if (err != -ENOIOCTLCMD)
		return err;
	return sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOTTY;
}

static const struct file_operations socket_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release_file,
};

/* A socket of the family and type in current's network namespace, with
 * its file (flags: O_NONBLOCK or not); ERR_PTR on failure. */
static struct file *sock_create(int family, int type, int protocol, unsigned int flags)
{
	if (family < 0 || family >= AF_MAX || !families[family])
		return ERR_PTR(-EAFNOSUPPORT);
	struct mount *m = sockfs_mount();
	struct socket *sock = m ? kzalloc(sizeof(*sock)) : NULL;
	if (!sock)
		return ERR_PTR(-ENOMEM);
	static unsigned long last_ino = 1;
	sock->ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
	sock->family = family;
	sock->type = type;
	sock->protocol = protocol;
	sock->rcvbuf = sock->sndbuf = SOCK_BUF_DEFAULT;
	sock->net = get_net(current->nsproxy->net_ns);
	int err = -ENOMEM;
	struct inode *in = new_inode(m->sb, sock->ino);
	if (!in)
		goto fail;
	in->mode = S_IFSOCK | 0777;
	in->nlink = 1;
	in->uid = current->cred->fsuid;
	in->gid = current->cred->fsgid;
	in->atime = in->mtime = in->ctime = current_time();
	in->private = sock;
	struct dentry *d = d_alloc_anon(in);
	if (!d) {
		iput(in);
		goto fail;
	}
	struct file *f = file_alloc(in, &socket_fops, flags & O_NONBLOCK);
	if (!f) {
		dput(d);
		goto fail;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->f_path.mnt = mnt_get(m);
	f->f_path.dentry = d;
	err = families[family]->create(sock, protocol);
	sock->file = f;
	f->private = sock;
	if (err) {
		sock->ops = NULL;
		file_put(f);	/* frees sock */
		return ERR_PTR(err);
	}
	return f;
fail:
	put_net(sock->net);
	kfree(sock);
	return ERR_PTR(err);
}

/* The socket behind fd, its file referenced in *fp. */
static struct socket *sockfd_lookup(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	struct socket *sock = sock_from_file(f);
	if (!sock) {
		file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return sock;
}

static long install_sock(struct file *f, int flags)
{
	int fd = fd_install(f, 0, flags & SOCK_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

static int split_type(int *type, unsigned int *flags)
{
	*flags = *type & ~SOCK_TYPE_MASK;
	*type &= SOCK_TYPE_MASK;
	return *flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) ? -EINVAL : 0;
}

long sys_socket(int family, int type, int protocol)
{
	unsigned int flags;
	if (split_type(&type, &flags))
		return -EINVAL;
	struct file *f = sock_create(family, type, protocol, flags);
	if (IS_ERR(f))
		return PTR_ERR(f);
	return install_sock(f, flags);
}

long sys_socketpair(int family, int type, int protocol, int __user *usv)
{
	unsigned int flags;
	if (split_type(&type, &flags))
		return -EINVAL;
	struct file *a = sock_create(family, type, protocol, flags);
	if (IS_ERR(a))
		return PTR_ERR(a);
	struct file *b = sock_create(family, type, protocol, flags);
	long err;
	if (IS_ERR(b)) {
		err = PTR_ERR(b);
		goto put_a;
	}
	struct socket *sa = a->private, *sb = b->private;
	err = sa->ops->socketpair ? sa->ops->socketpair(sa, sb) : -EOPNOTSUPP;
	if (err)
		goto put_b;
	int fds[2];
	fds[0] = fd_install(a, 0, flags & SOCK_CLOEXEC);
	if (fds[0] < 0) {
		err = fds[0];
		goto put_b;
	}
	fds[1] = fd_install(b, 0, flags & SOCK_CLOEXEC);
	if (fds[1] < 0) {
		sys_close(fds[0]);
		file_put(b);
		return fds[1];
	}
	if (copy_to_user(usv, fds, sizeof(fds))) {
		sys_close(fds[0]);
		sys_close(fds[1]);
		return -EFAULT;
	}
	return 0;
put_b:
	file_put(b);
put_a:
	file_put(a);
	return err;
}

static int addr_from_user(const void __user *uaddr, int len, struct __kernel_sockaddr_storage *k)
{
	if (len < 0 || len > SOCKADDR_MAX)
		return -EINVAL;
	if (len && copy_from_user(k, uaddr, len))
		return -EFAULT;
	return 0;
}

/* Give an address back: at most *ulen bytes of it, and its full length
 * in *ulen (as Linux's move_addr_to_user). */
static int addr_to_user(const void *k, int klen, void __user *uaddr, int __user *ulen)
{
	int len;
	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, k, len))
		return -EFAULT;
	return put_user(klen, ulen) ? -EFAULT : 0;
}

long sys_bind(int fd, const void __user *uaddr, int len)
{
	struct __kernel_sockaddr_storage a;
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = addr_from_user(uaddr, len, &a);
	if (!err)
		err = sock->ops->bind(sock, &a, len);
	file_put(f);
	return err;
}

long sys_connect(int fd, const void __user *uaddr, int len)
{
	struct __kernel_sockaddr_storage a;
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = addr_from_user(uaddr, len, &a);
	if (!err)
		err = sock->ops->connect(sock, &a, len, f->flags & O_NONBLOCK);
	file_put(f);
	return err;
}

long sys_listen(int fd, int backlog)
{
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

long sys_accept4(int fd, void __user *uaddr, int __user *ulen, int flags)
{
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	struct file *nf = sock_create(sock->family, sock->type, sock->protocol, flags);
	if (IS_ERR(nf)) {
		err = PTR_ERR(nf);
		goto out;
	}
	struct socket *nsock = nf->private;
	err = sock->ops->accept ? sock->ops->accept(sock, nsock, f->flags & O_NONBLOCK)
				: -EOPNOTSUPP;
	if (!err && uaddr) {
		struct __kernel_sockaddr_storage a;
		int len = nsock->ops->getname(nsock, &a, true);
		err = len < 0 ? len : addr_to_user(&a, len, uaddr, ulen);
	}
	if (err) {
		file_put(nf);
		goto out;
	}
	err = install_sock(nf, flags);
out:
	file_put(f);
	return err;
}

long sys_accept(int fd, void __user *uaddr, int __user *ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}

static long sock_getname(int fd, void __user *uaddr, int __user *ulen, bool peer)
{
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	struct __kernel_sockaddr_storage a;
	int len = sock->ops->getname(sock, &a, peer);
	err = len < 0 ? len : addr_to_user(&a, len, uaddr, ulen);
	file_put(f);
	return err;
}

long sys_getsockname(int fd, void __user *uaddr, int __user *ulen)
{
	return sock_getname(fd, uaddr, ulen, false);
}

long sys_getpeername(int fd, void __user *uaddr, int __user *ulen)
{
	return sock_getname(fd, uaddr, ulen, true);
}

long sys_shutdown(int fd, int how)
{
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (how < SHUT_RD || how > SHUT_RDWR)
		err = -EINVAL;
	else
		err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	file_put(f);
	return err;
}

/* ---- sendmsg and recvmsg ---- */

/* The user's iovec into a kernel copy (freed by the caller) and it. */
static int iter_from_user(struct msg_iter *it, const struct iovec __user *uiov, size_t nr)
{
	if (nr > UIO_MAXIOV)
		return -EMSGSIZE;
	struct iovec *v = kmalloc(nr ? nr * sizeof(*v) : 1);
	if (!v)
		return -ENOMEM;
	if (nr && copy_from_user(v, uiov, nr * sizeof(*v))) {
		kfree(v);
		return -EFAULT;
	}
	size_t total = 0;
	for (size_t i = 0; i < nr; i++) {
		if ((ssize_t)v[i].iov_len < 0 || total + v[i].iov_len > 0x7ffff000ul) {
			kfree(v);
			return -EINVAL;
		}
		total += v[i].iov_len;
	}
	*it = (struct msg_iter){ .iov = v, .nr = nr, .count = total, .user = true };
	/* Empty entries first are skipped, so copying never stops at one. */
	while (it->nr && !it->iov[0].iov_len) {
		it->iov++;
		it->nr--;
	}
	return 0;
}

static long send_msghdr(struct socket *sock, const struct user_msghdr *h, int flags)
{
	struct __kernel_sockaddr_storage a;
	struct kmsg m = { 0 };
	struct iovec *base;
	long err;
	if (h->msg_name && h->msg_namelen) {
		if ((err = addr_from_user(h->msg_name, h->msg_namelen, &a)))
			return err;
		m.name = &a;
		m.namelen = h->msg_namelen;
	}
	if (h->msg_controllen > CONTROL_MAX)
		return -ENOBUFS;
	if ((err = iter_from_user(&m.iter, h->msg_iov, h->msg_iovlen)))
		return err;
	base = m.iter.iov - (h->msg_iovlen - m.iter.nr);
	if (h->msg_controllen) {
		m.control = kmalloc(h->msg_controllen);
		err = -ENOMEM;
		if (!m.control)
			goto out;
		err = -EFAULT;
		if (copy_from_user(m.control, h->msg_control, h->msg_controllen))
			goto out;
		m.controllen = h->msg_controllen;
	}
	err = sock_do_send(sock, &m, flags);
out:
	kfree(m.control);
	kfree(base);
	return err;
}

/* One recvmsg into *h; the lengths and flags it returns are written back
 * by the caller (uh: where h came from). */
static long recv_msghdr(struct socket *sock, struct user_msghdr *h,
			struct user_msghdr __user *uh, int flags)
{
	struct __kernel_sockaddr_storage a;
	struct kmsg m = { 0 };
	long err = iter_from_user(&m.iter, h->msg_iov, h->msg_iovlen);
	if (err)
		return err;
	struct iovec *base = m.iter.iov - (h->msg_iovlen - m.iter.nr);
	m.name = &a;
	m.control = h->msg_control;
	m.controllen = h->msg_control ? h->msg_controllen : 0;
	m.user_control = true;
	ssize_t n = sock_do_recv(sock, &m, flags);
	kfree(base);
	if (n < 0)
		return n;
	if (h->msg_name && m.namelen) {
		if (h->msg_namelen < 0)
			return -EINVAL;
		int len = MIN(h->msg_namelen, m.namelen);
		if (copy_to_user(h->msg_name, &a, len))
			return -EFAULT;
	}
	if ((h->msg_name && put_user(m.namelen, &uh->msg_namelen)) ||
	    put_user(m.control_used, &uh->msg_controllen) ||
	    put_user(m.flags, &uh->msg_flags))
		return -EFAULT;
	return n;
}

long sys_sendmsg(int fd, const struct user_msghdr __user *uh, unsigned int flags)
{
	struct user_msghdr h;
	if (copy_from_user(&h, uh, sizeof(h)))
		return -EFAULT;
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = send_msghdr(sock, &h, flags);
	file_put(f);
	return err;
}

long sys_recvmsg(int fd, struct user_msghdr __user *uh, unsigned int flags)
{
	struct user_msghdr h;
	if (copy_from_user(&h, uh, sizeof(h)))
		return -EFAULT;
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = recv_msghdr(sock, &h, uh, flags);
	file_put(f);
	return err;
}

long sys_sendto(int fd, const void __user *buf, size_t len, unsigned int flags,
		const void __user *uaddr, int alen)
{
	struct iovec v = { (void *)buf, len };
	struct user_msghdr h = { .msg_name = (void *)uaddr, .msg_namelen = uaddr ? alen : 0,
				 .msg_iov = &v, .msg_iovlen = 1 };
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if ((ssize_t)len < 0) {
		err = -EINVAL;
	} else {
		struct __kernel_sockaddr_storage a;
		struct kmsg m = { 0 };
		err = 0;
		if (h.msg_name && h.msg_namelen) {
			err = addr_from_user(h.msg_name, h.msg_namelen, &a);
			m.name = &a;
			m.namelen = h.msg_namelen;
		}
		iter_single(&m.iter, &v, (void *)buf, len, true);
		if (!err)
			err = sock_do_send(sock, &m, flags);
	}
	file_put(f);
	return err;
}

long sys_recvfrom(int fd, void __user *buf, size_t len, unsigned int flags,
		  void __user *uaddr, int __user *ulen)
{
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	struct __kernel_sockaddr_storage a;
	struct iovec v;
	struct kmsg m = { .name = &a };
	iter_single(&m.iter, &v, buf, (ssize_t)len < 0 ? 0x7ffff000ul : len, true);
	err = sock_do_recv(sock, &m, flags);
	if (err >= 0 && uaddr && m.namelen) {
		int e = addr_to_user(&a, m.namelen, uaddr, ulen);
		if (e)
			err = e;
	} else if (err >= 0 && uaddr && ulen) {
		if (put_user(0, ulen))
			err = -EFAULT;
	}
	file_put(f);
	return err;
}

/* sendmmsg and recvmmsg: one message after another until vlen are done or
 * one fails; the count done, else the first error.  For recvmmsg,
 * MSG_WAITFORONE waits for the first message only. */
static long do_mmsg(int fd, struct mmsghdr __user *uvec, unsigned int vlen, unsigned int flags,
		    bool recv)
{
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	unsigned int done = 0;
	err = 0;
	for (; done < vlen; done++) {
		struct user_msghdr h;
		if (copy_from_user(&h, &uvec[done].msg_hdr, sizeof(h))) {
			err = -EFAULT;
			break;
		}
		long n = recv ? recv_msghdr(sock, &h, &uvec[done].msg_hdr, flags)
			      : send_msghdr(sock, &h, flags);
		if (n < 0) {
			err = n;
			break;
		}
		if (put_user((unsigned int)n, &uvec[done].msg_len)) {
			err = -EFAULT;
			break;
		}
		if (recv && (flags & MSG_WAITFORONE))
			flags |= MSG_DONTWAIT;
	}
	file_put(f);
	return done ? (long)done : err;
}

long sys_sendmmsg(int fd, struct mmsghdr __user *uvec, unsigned int vlen, unsigned int flags)
{
	return do_mmsg(fd, uvec, vlen, flags, false);
}

/* The timeout is not applied yet: each message waits as recvmsg would. */
long sys_recvmmsg(int fd, struct mmsghdr __user *uvec, unsigned int vlen, unsigned int flags,
		  struct __kernel_timespec __user *utimeout)
{
	return do_mmsg(fd, uvec, vlen, flags, true);
}

/* ---- options ---- */

static int timeo_get(uint64_t ns, void *val)
{
	struct __kernel_old_timeval tv = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
	memcpy(val, &tv, sizeof(tv));
	return sizeof(tv);
}

static int timeo_set(uint64_t *ns, const void *val, int len)
{
	struct __kernel_old_timeval tv;
	if (len < (int)sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= (long)USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*ns = 0;
		return 0;
	}
	*ns = tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000;
	return 0;
}

static int buf_set(int *buf, int v, int min)
{
	if (v > SOCK_BUF_MAX)
		v = SOCK_BUF_MAX;
	v *= 2;
	*buf = v < min ? min : v;
	return 0;
}

static int sol_socket_set(struct socket *sock, int name, const void *val, int len)
{
	int v;
	if (name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW)
		return timeo_set(&sock->rcvtimeo_ns, val, len);
	if (name == SO_SNDTIMEO_OLD || name == SO_SNDTIMEO_NEW)
		return timeo_set(&sock->sndtimeo_ns, val, len);
	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	switch (name) {
	case SO_RCVBUF:
		return buf_set(&sock->rcvbuf, v, SOCK_MIN_RCVBUF);
	case SO_SNDBUF:
		return buf_set(&sock->sndbuf, v, SOCK_MIN_SNDBUF);
	case SO_PASSCRED:
		sock->passcred = v != 0;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* A SOL_SOCKET option into val: its length, or -ENOPROTOOPT. */
static int sol_socket_get(struct socket *sock, int name, void *val)
{
	int v;
	switch (name) {
	case SO_RCVTIMEO_OLD: case SO_RCVTIMEO_NEW:
		return timeo_get(sock->rcvtimeo_ns, val);
	case SO_SNDTIMEO_OLD: case SO_SNDTIMEO_NEW:
		return timeo_get(sock->sndtimeo_ns, val);
	case SO_TYPE: v = sock->type; break;
	case SO_DOMAIN: v = sock->family; break;
	case SO_PROTOCOL: v = sock->protocol; break;
	case SO_RCVBUF: v = sock->rcvbuf; break;
	case SO_SNDBUF: v = sock->sndbuf; break;
	case SO_PASSCRED: v = sock->passcred; break;
	case SO_ACCEPTCONN: v = sock->listening; break;
	case SO_ERROR: v = -__atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED); break;
	default:
		return -ENOPROTOOPT;
	}
	memcpy(val, &v, sizeof(v));
	return sizeof(v);
}

#define OPT_MAX 256		/* the largest option value: TCP_INFO's struct tcp_info */

long sys_setsockopt(int fd, int level, int name, const void __user *uval, int len)
{
	char val[OPT_MAX];
	struct file *f;
	long err;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = -EINVAL;
	if (len < 0)
		goto out;
	int n = MIN(len, OPT_MAX);
	err = -EFAULT;
	if (n && copy_from_user(val, uval, n))
		goto out;
	err = -ENOPROTOOPT;
	if (level == SOL_SOCKET)
		err = sol_socket_set(sock, name, val, n);
	if (err == -ENOPROTOOPT && sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, level, name, val, n);
out:
	file_put(f);
	return err;
}

long sys_getsockopt(int fd, int level, int name, void __user *uval, int __user *ulen)
{
	char val[OPT_MAX];
	struct file *f;
	long err;
	int len;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	err = -EFAULT;
	if (get_user(len, ulen))
		goto out;
	err = -EINVAL;
	if (len < 0)
		goto out;
	int n = -ENOPROTOOPT;
	if (level == SOL_SOCKET)
		n = sol_socket_get(sock, name, val);
	if (n == -ENOPROTOOPT && sock->ops->getsockopt) {
		n = OPT_MAX;
		int e = sock->ops->getsockopt(sock, level, name, val, &n);
		if (e)
			n = e;
	}
	err = n;
	if (n < 0)
		goto out;
	err = -EFAULT;
	if (len > n)
		len = n;
	if (copy_to_user(uval, val, len) || put_user(len, ulen))
		goto out;
	err = 0;
out:
	file_put(f);
	return err;
}
