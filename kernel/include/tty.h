/* Terminals (tty/tty.c): the line discipline shared by the console and
 * the pseudo-terminals (tty/pty.c).  tty->lock guards the input buffer, termios,
 * window size and the foreground process group. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include "types.h"
#include "lock.h"
#include <asm/termbits.h>
#include <asm/termios.h>

#define TTY_BUF 4096

struct pid;

struct tty {
	struct spinlock lock;
	struct waitqueue read_wq;
	struct termios termios;
	struct winsize winsize;
	char buf[TTY_BUF];		/* input: [tail, head) */
	unsigned int head, tail;
	unsigned int canon_head;	/* end of the last complete line */
	unsigned int column;		/* for echo of erase */
	struct pid *pgrp;		/* foreground process group */
	struct pid *session;
	void (*write)(struct tty *tty, const char *s, size_t n);	/* the device */
	/* Bytes the device can take now, or NULL for "always enough". */
	size_t (*write_room)(struct tty *tty);
	struct waitqueue write_wq;	/* writers waiting for room */
	bool hung_up;			/* the other side is gone: EOF / EIO */
	bool lnext;			/* the next character is taken literally */
	void *driver_data;
	dev_t dev;
};

extern struct tty console_tty;
void tty_init(void);
void tty_receive(struct tty *tty, char c);
void tty_console_receive(char c);	/* from the console's interrupt */
void tty_defaults(struct tty *tty);
/* The session leader left its terminal: hangup sends SIGHUP/SIGCONT. */
void tty_disassociate(struct tty *tty, bool hangup);

struct file;
struct poll_table;
/* The file operations every tty shares (a driver's open sets f->private). */
ssize_t tty_read(struct file *f, void *buf, size_t len, off_t *pos, bool user);
ssize_t tty_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user);
long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
unsigned int tty_poll(struct file *f, struct poll_table *pt);
void pty_init(void);

#endif
