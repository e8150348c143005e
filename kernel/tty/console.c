/*
 * The console's input side.  Characters from the UART interrupt land in a
 * small ring buffer guarded by console_lock; readers sleep on console_wq.
 * (The full tty line discipline arrives with the terminal work.)
 */
#include "lock.h"
#include "printk.h"

#define CONSOLE_BUF 1024

static struct spinlock console_lock = SPINLOCK_INIT("console");
static struct waitqueue console_wq = WAITQUEUE_INIT(console_wq);
static char ring[CONSOLE_BUF];
static unsigned int head, tail;

void tty_console_receive(char c)
{
	spin_lock(&console_lock);
	if (head - tail < CONSOLE_BUF)
		ring[head++ % CONSOLE_BUF] = c;
	spin_unlock(&console_lock);
	wake_up(&console_wq);
}
