/* Kernel messages: printk() writes to the console and to the kernel log
 * (read by syslog(2), i.e. dmesg).  panic() prints its message, the task
 * and a backtrace even under "quiet" and powers the machine off through
 * SBI, or halts with "panic=0" (panic.h, arch/riscv/panic.c).
 *
 * A message may start with a level, as Linux's: printk(KERN_ERR "...").
 * Without one it continues a line left unfinished, or starts a line at
 * default_message_loglevel.  The log keeps each line as "<L>[ s.us] text";
 * the console shows lines of a level below console_loglevel. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "types.h"

#define KERN_SOH	"\001"
#define KERN_SOH_ASCII	'\001'
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"
#define LOGLEVEL_CONT	8		/* internal: no level of its own */

#define CONSOLE_LOGLEVEL_MIN		1
#define CONSOLE_LOGLEVEL_DEFAULT	7
#define MESSAGE_LOGLEVEL_DEFAULT	4

/* /proc/sys/kernel/printk's four values, Linux's names for them. */
extern int console_printk[4];
#define console_loglevel		(console_printk[0])
#define default_message_loglevel	(console_printk[1])
#define minimum_console_loglevel	(console_printk[2])
#define default_console_loglevel	(console_printk[3])

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Copy the log out: returns bytes copied (kernel buffer). */
size_t klog_read_all(char *buf, size_t len);
size_t klog_size(void);
void klog_clear(void);
/* One line of the log at level (0..7) of a syslog facility (LOG_USER's
 * 1 for /dev/kmsg's writers), as a write to /dev/kmsg makes. */
void printk_line(int facility, int level, const char *text);
/* syslog(2)'s console off and on: off saves console_loglevel and shows
 * only the most urgent lines; on restores it. */
void console_set_enabled(bool on);
extern bool console_quiet;	/* "quiet" on the command line */
/*
 * The console: a driver registers one (drivers/uart.c does) and printk
 * writes through its write op.  Until then, and when none registers,
 * output goes to the SBI firmware's console.  write takes raw bytes.
 */
struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
};
void register_console(struct console *con);
void console_write(const char *s, size_t n);	/* "\n" becomes "\r\n" */
void console_write_raw(const char *s, size_t n);	/* for the console tty */

#define BUG_ON(c) do { if (unlikely(c)) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)

#endif
