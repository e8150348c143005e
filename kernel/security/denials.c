/*
 * Denials: the last refusals of each process, as one line each (see
 * denials.h).  One ring for the system, DENIALS_RING lines, each tagged
 * with its process (the group leader and its start time, so that a
 * reused task structure is not taken for the old process); denials_lock,
 * a leaf spinlock, guards the ring and its cursor.  A line is formatted
 * before the lock is taken.
 */
#include "denials.h"
#include "proc.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "syscall.h"

#define DENIALS_RING	128

struct denial {
	const struct task *leader;	/* NULL: unused */
	uint64_t start_time;
	char text[DENIAL_LEN];
};

static struct denial ring[DENIALS_RING];
static unsigned long ring_next;		/* lines ever recorded */
static struct spinlock denials_lock = SPINLOCK_INIT("denials");

void denial_record(const char *fmt, ...)
{
	struct task *t = current;
	char text[DENIAL_LEN];
	va_list ap;

	if (!t)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	unsigned long nr = t->tf ? t->tf->a7 : NR_SYSCALLS;
	if (n >= 0 && (size_t)n < sizeof(text) && nr < NR_SYSCALLS && syscall_names[nr])
		snprintf(text + n, sizeof(text) - n, " (syscall %s)", syscall_names[nr]);
	struct task *leader = t->group_leader ? t->group_leader : t;
	spin_lock(&denials_lock);
	struct denial *d = &ring[ring_next++ % DENIALS_RING];
	d->leader = leader;
	d->start_time = leader->start_time;
	memcpy(d->text, text, sizeof(text));
	spin_unlock(&denials_lock);
}

size_t denials_read(struct task *t, char *buf, size_t len)
{
	const struct task *leader = t->group_leader ? t->group_leader : t;
	unsigned long found[DENIALS_SHOWN];
	size_t used = 0;
	int n = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	spin_lock(&denials_lock);
	unsigned long oldest = ring_next > DENIALS_RING ? ring_next - DENIALS_RING : 0;
	for (unsigned long i = ring_next; i > oldest && n < DENIALS_SHOWN; i--) {
		const struct denial *d = &ring[(i - 1) % DENIALS_RING];
		if (d->leader == leader && d->start_time == leader->start_time)
			found[n++] = i - 1;
	}
	while (n-- > 0 && used + 1 < len) {
		int w = snprintf(buf + used, len - used, "%s\n", ring[found[n] % DENIALS_RING].text);
		used = w < 0 ? used : MIN(used + (size_t)w, len - 1);
	}
	spin_unlock(&denials_lock);
	return used;
}
