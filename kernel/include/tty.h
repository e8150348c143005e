/* Terminals (tty/tty.c): the line discipline shared by the console and
 * (later) pseudo-terminals.  tty->lock guards the input buffer, termios,
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
	dev_t dev;
};

extern struct tty console_tty;
void tty_init(void);
void tty_receive(struct tty *tty, char c);

#endif
