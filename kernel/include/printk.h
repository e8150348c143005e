/* Kernel messages: printk() writes to the console and to the kernel log
 * (read by syslog(2), i.e. dmesg).  panic() prints its message even under
 * "quiet" and powers the machine off through SBI. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "types.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Copy the log out: returns bytes copied (kernel buffer). */
size_t klog_read_all(char *buf, size_t len);
size_t klog_size(void);
void klog_clear(void);
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
