/*
 * The tty layer: canonical line editing (erase, kill, end of file), echo,
 * output processing (ONLCR) and the termios ioctls.  The console is the
 * first tty; its characters arrive from the UART interrupt via
 * tty_console_receive().  Job control signals and pseudo-terminals arrive
 * with the terminal work; the structure has room for them.
 */
#include "tty.h"
#include "fs.h"
#include "chrdev.h"
#include "proc.h"
#include "signal.h"
#include "ns.h"
#include "uaccess.h"
#include "cred.h"
#include "string.h"
#include "poll.h"
#include <asm/ioctls.h>
#include <linux/fcntl.h>

void uart_write_raw(const char *s, size_t n);

static void console_dev_write(struct tty *tty, const char *s, size_t n)
{
	uart_write_raw(s, n);
}

struct tty console_tty = {
	.lock = SPINLOCK_INIT("tty"),
	.read_wq = WAITQUEUE_INIT(console_tty.read_wq),
	.write_wq = WAITQUEUE_INIT(console_tty.write_wq),
	.write = console_dev_write,
	.winsize = { 24, 80, 0, 0 },
};

static const unsigned char default_cc[NCCS] = {
	[VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
	[VTIME] = 0, [VMIN] = 1, [VSTART] = 17, [VSTOP] = 19, [VSUSP] = 26,
	[VREPRINT] = 18, [VWERASE] = 23, [VLNEXT] = 22,
};

void tty_defaults(struct tty *tty)
{
	tty->termios.c_iflag = ICRNL | IXON;
	tty->termios.c_oflag = OPOST | ONLCR;
	tty->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(tty->termios.c_cc, default_cc, NCCS);
}

/* Output with ONLCR; caller may hold tty->lock. */
static void tty_output(struct tty *tty, const char *s, size_t n)
{
	const struct termios *t = &tty->termios;
	if (!(t->c_oflag & OPOST) || !(t->c_oflag & ONLCR)) {
		tty->write(tty, s, n);
		return;
	}
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		tty->write(tty, s + start, i - start);
		tty->write(tty, "\r\n", 2);
		start = i + 1;
	}
	tty->write(tty, s + start, n - start);
}

static void echo_char(struct tty *tty, char c)
{
	if (!(tty->termios.c_lflag & ECHO))
		return;
	if ((tty->termios.c_lflag & ECHOCTL) && (unsigned char)c < 32 && c != '\n' && c != '\t') {
		char ctl[2] = { '^', c + 64 };
		tty->write(tty, ctl, 2);
		return;
	}
	tty_output(tty, &c, 1);
}

static void erase_one(struct tty *tty)
{
	if (tty->head == tty->canon_head)
		return;
	char c = tty->buf[(tty->head - 1) % TTY_BUF];
	tty->head--;
	if ((tty->termios.c_lflag & ECHO) && (tty->termios.c_lflag & ECHOE)) {
		tty->write(tty, "\b \b", 3);
		if ((unsigned char)c < 32 && (tty->termios.c_lflag & ECHOCTL))
			tty->write(tty, "\b \b", 3);
	}
}

static void signal_fg(struct tty *tty, int sig)
{
	struct pid *pg = tty->pgrp;
	if (!pg)
		return;
	struct task *t;
	spin_lock(&pidmap_lock);
	list_for_each_entry(t, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID])
		send_signal(t, sig);
	spin_unlock(&pidmap_lock);
}

void tty_receive(struct tty *tty, char c)
{
	spin_lock(&tty->lock);
	struct termios *t = &tty->termios;
	if ((t->c_iflag & ISTRIP))
		c &= 0x7f;
	if (c == '\r' && (t->c_iflag & IGNCR))
		goto out;
	if (c == '\r' && (t->c_iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (t->c_iflag & INLCR))
		c = '\r';
	if (t->c_lflag & ISIG) {
		int sig = c == t->c_cc[VINTR] ? SIGINT : c == t->c_cc[VQUIT] ? SIGQUIT :
			  c == t->c_cc[VSUSP] ? SIGTSTP : 0;
		if (sig) {
			if (!(t->c_lflag & NOFLSH))
				tty->head = tty->canon_head = tty->tail;
			echo_char(tty, c);
			signal_fg(tty, sig);
			goto wake;
		}
	}
	if (t->c_lflag & ICANON) {
		if (c == t->c_cc[VERASE]) {
			erase_one(tty);
			goto out;
		}
		if (c == t->c_cc[VKILL]) {
			while (tty->head != tty->canon_head)
				erase_one(tty);
			goto out;
		}
		if (c == t->c_cc[VWERASE] && (t->c_lflag & IEXTEN)) {
			while (tty->head != tty->canon_head &&
			       tty->buf[(tty->head - 1) % TTY_BUF] == ' ')
				erase_one(tty);
			while (tty->head != tty->canon_head &&
			       tty->buf[(tty->head - 1) % TTY_BUF] != ' ')
				erase_one(tty);
			goto out;
		}
	}
	if (tty->head - tty->tail >= TTY_BUF - 1)
		goto out;	/* full: drop, as a real line would */
	tty->buf[tty->head++ % TTY_BUF] = c;
	if (!(t->c_lflag & ICANON) || c == '\n' || c == t->c_cc[VEOF] || c == t->c_cc[VEOL]) {
		tty->canon_head = tty->head;
		if (c != t->c_cc[VEOF] || !(t->c_lflag & ICANON))
			echo_char(tty, c);
	} else {
		echo_char(tty, c);
	}
wake:
	spin_unlock(&tty->lock);
	wake_up(&tty->read_wq);
	return;
out:
	spin_unlock(&tty->lock);
}

void tty_console_receive(char c)
{
	tty_receive(&console_tty, c);
}

static bool input_ready(struct tty *tty)
{
	return READ_ONCE(tty->canon_head) != READ_ONCE(tty->tail);
}

ssize_t tty_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct tty *tty = f->private;
	char tmp[256];
	for (;;) {
		spin_lock(&tty->lock);
		if (tty->canon_head != tty->tail)
			break;
		bool hung_up = tty->hung_up;
		spin_unlock(&tty->lock);
		if (hung_up)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(tty->read_wq, input_ready(tty) || READ_ONCE(tty->hung_up)))
			return -ERESTARTSYS;
	}
	bool canon = tty->termios.c_lflag & ICANON;
	size_t n = 0;
	while (n < len && n < sizeof(tmp) && tty->tail != tty->canon_head) {
		char c = tty->buf[tty->tail++ % TTY_BUF];
		if (canon && c == tty->termios.c_cc[VEOF])
			break;	/* end of file: ends the read, is not returned */
		tmp[n++] = c;
		if (canon && c == '\n')
			break;
	}
	spin_unlock(&tty->lock);
	return copy_out(buf, tmp, n, user) ? -EFAULT : (ssize_t)n;
}

ssize_t tty_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct tty *tty = f->private;
	char tmp[256];
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(tmp));
		if (copy_in(tmp, (const char *)buf + done, n, user))
			return done ? (ssize_t)done : -EFAULT;
		if (tty->hung_up)
			return done ? (ssize_t)done : -EIO;
		/* A pty's reader may be slow: wait for room for the worst case
		 * (every byte a newline that ONLCR doubles). */
		if (tty->write_room && wait_event_interruptible(tty->write_wq,
				tty->write_room(tty) >= 2 * n || READ_ONCE(tty->hung_up)))
			return done ? (ssize_t)done : -ERESTARTSYS;
		spin_lock(&tty->lock);
		tty_output(tty, tmp, n);
		spin_unlock(&tty->lock);
		done += n;
	}
	return done;
}

long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = f->private;
	void __user *up = (void __user *)arg;
	struct termios t;
	switch (cmd) {
	case TCGETS:
		spin_lock(&tty->lock);
		t = tty->termios;
		spin_unlock(&tty->lock);
		return copy_to_user(up, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, up, sizeof(t)))
			return -EFAULT;
		spin_lock(&tty->lock);
		tty->termios = t;
		if (cmd == TCSETSF)
			tty->head = tty->canon_head = tty->tail;
		else if (!(t.c_lflag & ICANON))
			tty->canon_head = tty->head;
		spin_unlock(&tty->lock);
		wake_up(&tty->read_wq);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(up, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct winsize ws;
		if (copy_from_user(&ws, up, sizeof(ws)))
			return -EFAULT;
		spin_lock(&tty->lock);
		tty->winsize = ws;
		spin_unlock(&tty->lock);
		signal_fg(tty, SIGWINCH);
		return 0;
	}
	case TIOCGPGRP: {
		int nr = tty->pgrp ? pid_nr_ns(tty->pgrp, task_active_pid_ns(current)) : 0;
		return put_user(nr, (int __user *)up);
	}
	case TIOCSPGRP: {
		int nr;
		if (get_user(nr, (int __user *)up))
			return -EFAULT;
		spin_lock(&pidmap_lock);
		struct pid *pg = find_pid_ns(nr, task_active_pid_ns(current));
		spin_unlock(&pidmap_lock);
		if (!pg)
			return -ESRCH;
		struct pid *old = tty->pgrp;
		tty->pgrp = get_pid(pg);
		put_pid(old);
		return 0;
	}
	case TIOCSCTTY: {
		struct signal_struct *sig = current->signal;
		if (sig->session != current->group_leader->pid || sig->tty)
			return sig->tty == tty ? 0 : -EPERM;
		if (tty->session && tty->session != sig->session) {
			/* Stealing another session's terminal takes privilege. */
			if (arg != 1 || current->cred->euid != 0)
				return -EPERM;
		}
		struct pid *os = tty->session, *op = tty->pgrp;
		tty->session = get_pid(sig->session);
		tty->pgrp = get_pid(sig->pgrp);
		put_pid(os);
		put_pid(op);
		sig->tty = tty;
		return 0;
	}
	case TIOCGSID: {
		int nr = tty->session ? pid_nr_ns(tty->session, task_active_pid_ns(current)) : 0;
		return nr ? put_user(nr, (int __user *)up) : -ENOTTY;
	}
	case FIONREAD: {
		int n = tty->canon_head - tty->tail;
		return put_user(n, (int __user *)up);
	}
	case TCFLSH:
		spin_lock(&tty->lock);
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			tty->head = tty->canon_head = tty->tail;
		spin_unlock(&tty->lock);
		return 0;
	case TCXONC:
	case TIOCOUTQ:
		return cmd == TIOCOUTQ ? put_user(0, (int __user *)up) : 0;
	}
	return -ENOTTY;
}

/* As on Linux, opening /dev/console never makes it the controlling
 * terminal; a session leader asks for it with TIOCSCTTY. */
static int console_open(struct inode *in, struct file *f)
{
	f->private = &console_tty;
	return 0;
}

static int devtty_open(struct inode *in, struct file *f)
{
	if (!current->signal->tty)
		return -ENXIO;
	f->private = current->signal->tty;
	return 0;
}

unsigned int tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = f->private;
	poll_wait(&tty->read_wq, pt);
	unsigned int mask = input_ready(tty) ? POLLIN | POLLRDNORM : 0;
	if (tty->hung_up)
		mask |= POLLHUP;
	if (tty->write_room) {
		poll_wait(&tty->write_wq, pt);
		if (tty->write_room(tty) >= 512)
			mask |= POLLOUT | POLLWRNORM;
	} else {
		mask |= POLLOUT | POLLWRNORM;
	}
	return mask;
}

static const struct file_operations console_fops = {
	.open = console_open, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl,
	.poll = tty_poll,
};
static const struct file_operations devtty_fops = {
	.open = devtty_open, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl,
	.poll = tty_poll,
};

void tty_init(void)
{
	tty_defaults(&console_tty);
	console_tty.dev = MKDEV(TTY_MAJOR, 1);
	register_chrdev(TTY_MAJOR, 1, &console_fops);
	register_chrdev(TTY_MAJOR, 0, &devtty_fops);
}
