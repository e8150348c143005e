/*
 * The tty layer: canonical line editing (erase, kill, end of file), echo,
 * output processing (ONLCR), the termios ioctls and job control (^C, ^\ and
 * ^Z to the foreground group, SIGTTIN/SIGTTOU to background ones, hang-up
 * when the session leader goes).  The console is the first tty; its
 * characters arrive from the UART interrupt via tty_console_receive().
 * Pseudo-terminals (pty.c) use the same discipline with their own device
 * write.  tty->lock guards each tty's input buffer, termios and foreground
 * group (tty.h).
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
#include "timer.h"
#include "printk.h"
#include <asm/ioctls.h>
#include <linux/fcntl.h>
#include <linux/capability.h>

static void console_dev_write(struct tty *tty, const char *s, size_t n)
{
	console_write_raw(s, n);
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
	kill_pgrp(tty->pgrp, sig, true);
}

static bool sig_blocked_or_ignored(int sig)
{
	struct task *t = current;
	return (t->blocked & (1ull << (sig - 1))) ||
	       t->sighand->action[sig - 1].handler == (unsigned long)SIG_IGN;
}

/*
 * Job control on the controlling terminal: a process of a background group
 * that reads (or writes with TOSTOP, or changes the settings) gets
 * SIGTTIN/SIGTTOU sent to its whole group and the call is restarted once
 * the group is continued.  Returns 0 to go on, or the error to return.
 */
int tty_check_background(struct tty *tty, int sig)
{
	struct signal_struct *s = current->signal;
	if (s->tty != tty || !tty->pgrp || s->pgrp == tty->pgrp)
		return 0;
	/* A task of a frozen cgroup woken here does nothing the others could
	 * see: it freezes on its way out and asks again once thawed. */
	if (READ_ONCE(current->cg_freeze))
		return -ERESTARTSYS;
	if (sig_blocked_or_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_is_orphaned(s->pgrp))
		return -EIO;
	kill_pgrp(s->pgrp, sig, true);
	return -ERESTARTSYS;
}

/* The session of the caller loses its terminal (leader exit, TIOCNOTTY). */
void tty_disassociate(struct tty *tty, bool hangup)
{
	spin_lock(&tty->lock);
	struct pid *pg = tty->pgrp, *sess = tty->session;
	tty->pgrp = NULL;
	tty->session = NULL;
	spin_unlock(&tty->lock);
	if (hangup) {
		kill_pgrp(pg, SIGHUP, true);
		kill_pgrp(pg, SIGCONT, true);
	}
	/* Every member of the session forgets its controlling terminal. */
	if (sess) {
		struct task *t;
		spin_lock(&pidmap_lock);
		list_for_each_entry(t, &sess->tasks[PIDTYPE_SID], pid_links[PIDTYPE_SID])
			if (t->signal->tty == tty)
				t->signal->tty = NULL;
		spin_unlock(&pidmap_lock);
	}
	put_pid(pg);
	put_pid(sess);
}

/* Is c the special character cc[i]?  A zero entry is disabled. */
static bool is_cc(const struct termios *t, int i, char c)
{
	return t->c_cc[i] && c == (char)t->c_cc[i];
}

static void echo_str(struct tty *tty, const char *s, size_t n)
{
	if (tty->termios.c_lflag & ECHO)
		tty_output(tty, s, n);
}

/* Line-editing characters of canonical mode: true when c was one. */
static bool canon_edit(struct tty *tty, char c)
{
	struct termios *t = &tty->termios;
	if (is_cc(t, VERASE, c)) {
		erase_one(tty);
		return true;
	}
	if (is_cc(t, VKILL, c)) {
		while (tty->head != tty->canon_head)
			erase_one(tty);
		if ((t->c_lflag & ECHOK) && !(t->c_lflag & ECHOKE))
			echo_str(tty, "\n", 1);
		return true;
	}
	if (!(t->c_lflag & IEXTEN))
		return false;
	if (is_cc(t, VWERASE, c)) {
		while (tty->head != tty->canon_head && tty->buf[(tty->head - 1) % TTY_BUF] == ' ')
			erase_one(tty);
		while (tty->head != tty->canon_head && tty->buf[(tty->head - 1) % TTY_BUF] != ' ')
			erase_one(tty);
		return true;
	}
	if (is_cc(t, VREPRINT, c)) {
		echo_char(tty, c);
		echo_str(tty, "\n", 1);
		for (unsigned int i = tty->canon_head; i != tty->head; i++)
			echo_char(tty, tty->buf[i % TTY_BUF]);
		return true;
	}
	if (is_cc(t, VLNEXT, c)) {
		tty->lnext = true;
		return true;
	}
	return false;
}

void tty_receive(struct tty *tty, char c)
{
	spin_lock(&tty->lock);
	struct termios *t = &tty->termios;
	bool literal = tty->lnext;
	tty->lnext = false;
	if (t->c_iflag & ISTRIP)
		c &= 0x7f;
	if (!literal) {
		if (c == '\r' && (t->c_iflag & IGNCR))
			goto out;
		if (c == '\r' && (t->c_iflag & ICRNL))
			c = '\n';
		else if (c == '\n' && (t->c_iflag & INLCR))
			c = '\r';
		if ((t->c_iflag & IXON) && (is_cc(t, VSTOP, c) || is_cc(t, VSTART, c)))
			goto out;	/* flow control characters are not input */
		if (t->c_lflag & ISIG) {
			int sig = is_cc(t, VINTR, c) ? SIGINT : is_cc(t, VQUIT, c) ? SIGQUIT :
				  is_cc(t, VSUSP, c) ? SIGTSTP : 0;
			if (sig) {
				if (!(t->c_lflag & NOFLSH))
					tty->head = tty->canon_head = tty->tail;
				echo_char(tty, c);
				signal_fg(tty, sig);
				goto wake;
			}
		}
		if ((t->c_lflag & ICANON) && canon_edit(tty, c))
			goto out;
	}
	if (tty->head - tty->tail >= TTY_BUF - 1)
		goto out;	/* full: drop, as a real line would */
	tty->buf[tty->head++ % TTY_BUF] = c;
	bool eof = !literal && is_cc(t, VEOF, c);
	if (!(t->c_lflag & ICANON) || (!literal && (c == '\n' || eof || is_cc(t, VEOL, c)))) {
		tty->canon_head = tty->head;
		if (c == '\n' && !(t->c_lflag & ECHO) && (t->c_lflag & ECHONL) && (t->c_lflag & ICANON))
			tty_output(tty, "\n", 1);
		else if (!eof || !(t->c_lflag & ICANON))
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

static unsigned int input_avail(struct tty *tty)
{
	return READ_ONCE(tty->canon_head) - READ_ONCE(tty->tail);
}

/* Move up to len bytes of input to tmp (tty->lock held); *eol set when a
 * canonical read must stop here. */
static size_t take_input(struct tty *tty, char *tmp, size_t len, bool canon, bool *eol)
{
	size_t n = 0;
	*eol = false;
	while (n < len && tty->tail != tty->canon_head) {
		char c = tty->buf[tty->tail++ % TTY_BUF];
		if (canon && is_cc(&tty->termios, VEOF, c)) {
			*eol = true;	/* end of file: ends the read, is not returned */
			break;
		}
		tmp[n++] = c;
		if (canon && (c == '\n' || is_cc(&tty->termios, VEOL, c))) {
			*eol = true;
			break;
		}
	}
	return n;
}

/*
 * read(2) on a terminal.  Canonical mode returns one line at most.  Raw
 * mode follows VMIN and VTIME (in tenths of a second): VMIN bytes at
 * least, VTIME as the timer for the first byte (VMIN 0) or between bytes.
 */
ssize_t tty_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct tty *tty = f->private;
	char tmp[256];
	size_t done = 0;
	int err = tty_check_background(tty, SIGTTIN);
	if (err)
		return err;
	if (len > sizeof(tmp))
		len = sizeof(tmp);
	bool canon = tty->termios.c_lflag & ICANON;
	unsigned int vmin = canon ? 1 : tty->termios.c_cc[VMIN];
	unsigned int vtime = canon ? 0 : tty->termios.c_cc[VTIME];
	size_t want = MIN((size_t)vmin, len);
	uint64_t deadline = 0;
	if (!canon && vtime && !vmin)
		deadline = timer_now_ns() + vtime * 100000000ull;
	for (;;) {
		/* Frozen meanwhile (cgroup.freeze): a task woken by input takes
		 * none; it freezes on its way out and reads again once thawed,
		 * a background reader then getting SIGTTIN. */
		if (READ_ONCE(current->cg_freeze) && !done)
			return -ERESTARTSYS;
		spin_lock(&tty->lock);
		bool eol = false;
		done += take_input(tty, tmp + done, len - done, canon, &eol);
		bool hung_up = tty->hung_up;
		spin_unlock(&tty->lock);
		if (eol || (canon && done) || done >= want || done == len)
			break;
		if (hung_up || (f->flags & O_NONBLOCK)) {
			if (!done && !hung_up)
				return -EAGAIN;
			break;
		}
		if (!canon && !vmin && !vtime)
			break;
		if (!canon && vtime && done)	/* the inter-byte timer restarts */
			deadline = timer_now_ns() + vtime * 100000000ull;
		if (deadline && timer_now_ns() >= deadline)
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		struct wait_entry w = WAIT_ENTRY_INIT(w, current);
		spin_lock(&tty->read_wq.lock);
		list_add_tail(&w.link, &tty->read_wq.waiters);
		spin_unlock(&tty->read_wq.lock);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!input_avail(tty) && !READ_ONCE(tty->hung_up) && !signal_pending_current()) {
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		current->state = TASK_RUNNING;
		spin_lock(&tty->read_wq.lock);
		if (!list_empty(&w.link))
			list_del(&w.link);
		spin_unlock(&tty->read_wq.lock);
		if (signal_pending_current()) {
			if (done)
				break;
			return -ERESTARTSYS;
		}
	}
	if (done)
		wake_up(&tty->write_wq);
	return copy_out(buf, tmp, done, user) ? -EFAULT : (ssize_t)done;
}

ssize_t tty_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct tty *tty = f->private;
	char tmp[256];
	size_t done = 0;
	if (tty->termios.c_lflag & TOSTOP) {
		int err = tty_check_background(tty, SIGTTOU);
		if (err)
			return err;
	}
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
	case TCSETSF: {
		int err = tty_check_background(tty, SIGTTOU);
		if (err)
			return err;
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
	}
	case TIOCNOTTY: {
		struct signal_struct *sig = current->signal;
		if (sig->tty != tty)
			return -ENOTTY;
		if (sig->session == current->group_leader->pid)
			tty_disassociate(tty, true);
		else
			sig->tty = NULL;
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(up, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct winsize ws;
		if (copy_from_user(&ws, up, sizeof(ws)))
			return -EFAULT;
		spin_lock(&tty->lock);
		bool changed = memcmp(&tty->winsize, &ws, sizeof(ws)) != 0;
		tty->winsize = ws;
		spin_unlock(&tty->lock);
		if (changed)
			signal_fg(tty, SIGWINCH);
		return 0;
	}
	case TIOCGPGRP: {
		if (current->signal->tty != tty)
			return -ENOTTY;
		int nr = tty->pgrp ? pid_nr_ns(tty->pgrp, task_active_pid_ns(current)) : 0;
		return put_user(nr, (int __user *)up);
	}
	case TIOCSPGRP: {
		int nr;
		if (current->signal->tty != tty)
			return -ENOTTY;
		int err = tty_check_background(tty, SIGTTOU);
		if (err)
			return err;
		if (get_user(nr, (int __user *)up))
			return -EFAULT;
		if (nr < 0)
			return -EINVAL;
		spin_lock(&pidmap_lock);
		struct pid *pg = find_pid_ns(nr, task_active_pid_ns(current));
		bool same_session = false;
		if (pg) {
			struct task *m;
			list_for_each_entry(m, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID])
				if (m->signal->session == current->signal->session)
					same_session = true;
		}
		spin_unlock(&pidmap_lock);
		if (!pg)
			return -ESRCH;
		if (!same_session)
			return -EPERM;
		struct pid *old = tty->pgrp;
		tty->pgrp = get_pid(pg);
		put_pid(old);
		return 0;
	}
	case TIOCSCTTY: {
		struct signal_struct *sig = current->signal;
		if (sig->session != current->group_leader->pid)
			return -EPERM;		/* only a session leader */
		if (sig->tty)
			return sig->tty == tty ? 0 : -EPERM;
		if (tty->session && tty->session != sig->session) {
			/* Stealing another session's terminal takes privilege. */
			if (arg != 1 || !capable(CAP_SYS_ADMIN))
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
