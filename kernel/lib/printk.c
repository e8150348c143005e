/*
 * vsnprintf, printk and the kernel log.
 *
 * The log is a ring buffer of KLOG_SIZE bytes guarded by klog_lock, which
 * also serialises console output so lines from two harts do not interleave.
 * The console is whatever driver registered one (register_console); it is
 * set once at boot, before the other harts start.
 *
 * Each line in the log starts as syslog(2) gives it to dmesg on Linux:
 * "<L>[seconds.micros] text", L its level (a KERN_* prefix of the message,
 * default_message_loglevel without one).  The console gets the text alone,
 * and only the lines of a level below console_loglevel.  klog_lock guards
 * the line state (at_line_start, cur_level) with the buffer; the console
 * level is a word read and written whole.
 */
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "sbi.h"
#include "timer.h"

#define KLOG_SIZE 65536

static char klog[KLOG_SIZE];
static size_t klog_head;	/* total bytes ever written */
static struct spinlock klog_lock = SPINLOCK_INIT("klog");
static bool at_line_start = true;	/* the next byte begins a line */
static int cur_prefix;			/* the line's facility << 3 | level */
bool console_quiet;
int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT, MESSAGE_LOGLEVEL_DEFAULT,
	CONSOLE_LOGLEVEL_MIN, CONSOLE_LOGLEVEL_DEFAULT,
};
static struct console *console;

struct outbuf {
	char *buf;
	size_t size, len;
};

static void out(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* width < 0: left-justified in -width columns ("%-10lu"), padded with spaces. */
static void out_num(struct outbuf *o, unsigned long v, int base, bool neg,
		    int width, char pad, bool upper)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	int trailing = width < 0 ? -width - n : 0;
	for (int i = n; i < width; i++)
		out(o, pad);
	while (n)
		out(o, tmp[--n]);
	while (trailing-- > 0)
		out(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out(&o, *fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, lng = 0;
		bool left = false;
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			out_num(&o, v < 0 ? -(unsigned long)v : (unsigned long)v, 10,
				v < 0, left ? -width : width, pad, false);
			break;
		}
		case 'u':
			out_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				10, false, left ? -width : width, pad, false);
			break;
		case 'x':
		case 'X':
			out_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				16, false, left ? -width : width, pad, *fmt == 'X');
			break;
		case 'o':
			out_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int),
				8, false, left ? -width : width, pad, false);
			break;
		case 'p':
			out(&o, '0');
			out(&o, 'x');
			out_num(&o, (unsigned long)va_arg(ap, void *), 16, false, 16, '0', false);
			break;
		case 'c':
			out(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int len = strlen(s);
			if (!left)
				for (int i = len; i < width; i++)
					out(&o, ' ');
			while (*s)
				out(&o, *s++);
			if (left)
				for (int i = len; i < width; i++)
					out(&o, ' ');
			break;
		}
		case '%':
			out(&o, '%');
			break;
		default:
			out(&o, '%');
			out(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void register_console(struct console *con)
{
	console = con;
}

void console_write_raw(const char *s, size_t n)
{
	struct console *con = READ_ONCE(console);
	if (con) {
		con->write(s, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		sbi_console_putchar(s[i]);
}

void console_write(const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		console_write_raw(s + start, i - start);
		console_write_raw("\r", 1);
		start = i;
	}
	console_write_raw(s + start, n - start);
}

static void klog_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		klog[(klog_head + i) % KLOG_SIZE] = s[i];
	klog_head += n;
}

/* The level a KERN_* prefix at *s names (and skips it), else -1. */
static int take_level(const char **s)
{
	const char *p = *s;
	if (p[0] != KERN_SOH_ASCII || !p[1])
		return -1;
	*s = p + 2;
	if (p[1] >= '0' && p[1] <= '7')
		return p[1] - '0';
	return p[1] == 'c' ? LOGLEVEL_CONT : -1;
}

static void klog_line_prefix(int prefix)
{
	char pre[40];
	uint64_t ns = timer_now_ns();
	int n = snprintf(pre, sizeof(pre), "<%d>[%5lu.%06lu] ", prefix,
			 (unsigned long)(ns / 1000000000ull), (unsigned long)(ns / 1000 % 1000000));
	klog_append(pre, n);
}

/* Append text to the log, each line with its prefix (the level, and the
 * facility: 0, the kernel's, but for lines user programs write), and echo
 * it to the console when its level is shown there.  klog_lock is held. */
static void klog_emit(const char *s, size_t n, int prefix)
{
	if (prefix != LOGLEVEL_CONT && !at_line_start) {
		klog_append("\n", 1);
		at_line_start = true;
	}
	if (at_line_start)
		cur_prefix = prefix == LOGLEVEL_CONT ? READ_ONCE(default_message_loglevel) : prefix;
	bool show = !console_quiet && (cur_prefix & 7) < READ_ONCE(console_loglevel);
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (at_line_start) {
			klog_line_prefix(cur_prefix);
			at_line_start = false;
		}
		if (s[i] != '\n')
			continue;
		klog_append(s + start, i + 1 - start);
		start = i + 1;
		at_line_start = true;
	}
	klog_append(s + start, n - start);
	if (show)
		console_write(s, n);
}

static void vprintk(const char *fmt, va_list ap)
{
	char line[256];
	int level = take_level(&fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	spin_lock(&klog_lock);
	klog_emit(line, n, level < 0 ? LOGLEVEL_CONT : level);
	spin_unlock(&klog_lock);
}

void printk_line(int facility, int level, const char *text)
{
	spin_lock(&klog_lock);
	klog_emit(text, strlen(text), facility << 3 | level);
	klog_emit("\n", 1, LOGLEVEL_CONT);
	spin_unlock(&klog_lock);
}

static int saved_console_loglevel = -1;	/* while off; klog_lock */

void console_set_enabled(bool on)
{
	spin_lock(&klog_lock);
	if (on && saved_console_loglevel >= 0) {
		console_loglevel = saved_console_loglevel;
		saved_console_loglevel = -1;
	} else if (!on && saved_console_loglevel < 0) {
		saved_console_loglevel = console_loglevel;
		console_loglevel = minimum_console_loglevel;
	}
	spin_unlock(&klog_lock);
}

void printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

size_t klog_size(void)
{
	return klog_head < KLOG_SIZE ? klog_head : KLOG_SIZE;
}

size_t klog_read_all(char *buf, size_t len)
{
	spin_lock(&klog_lock);
	size_t avail = klog_size();
	size_t n = len < avail ? len : avail;
	size_t start = klog_head - n;
	for (size_t i = 0; i < n; i++)
		buf[i] = klog[(start + i) % KLOG_SIZE];
	spin_unlock(&klog_lock);
	return n;
}

void klog_clear(void)
{
	spin_lock(&klog_lock);
	klog_head = 0;
	spin_unlock(&klog_lock);
}
