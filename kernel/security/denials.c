/*
 * Denials: the last refusals of each process, as one line each (see
 * denials.h).  Each process keeps its own lines (struct denials, hung on
 * its signal_struct, which all its threads share and exec keeps): a small
 * ring made at the process's first refusal and freed with the
 * signal_struct, so no other process's refusals can push its lines out.
 * The ring's lock, a leaf spinlock, guards its lines and its count; the
 * pointer is set once, by a compare-and-swap.  A line is formatted before
 * the lock is taken.
 */
#include "denials.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "syscall.h"

struct denials {
	struct spinlock lock;
	unsigned long count;		/* lines ever recorded */
	char line[DENIALS_SHOWN][DENIAL_LEN];
};

/* sig's ring, made on first use; NULL when memory is short. */
static struct denials *denials_of(struct signal_struct *sig)
{
	struct denials *d = __atomic_load_n(&sig->denials, __ATOMIC_ACQUIRE);
	if (d)
		return d;
	struct denials *fresh = kzalloc(sizeof(*fresh));
	if (!fresh)
		return NULL;
	spin_init(&fresh->lock, "denials");
	if (__atomic_compare_exchange_n(&sig->denials, &d, fresh, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return fresh;
	kfree(fresh);		/* another thread made it first: d is its */
	return d;
}

void denial_record(const char *fmt, ...)
{
	struct task *t = current;
	char text[DENIAL_LEN];
	va_list ap;

	if (!t || !t->signal)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	unsigned long nr = t->tf ? t->tf->a7 : NR_SYSCALLS;
	if (n >= 0 && (size_t)n < sizeof(text) && nr < NR_SYSCALLS && syscall_names[nr])
		snprintf(text + n, sizeof(text) - n, " (syscall %s)", syscall_names[nr]);
	struct denials *d = denials_of(t->signal);
	if (!d)
		return;		/* the refusal stands; only its line is lost */
	spin_lock(&d->lock);
	memcpy(d->line[d->count++ % DENIALS_SHOWN], text, sizeof(text));
	spin_unlock(&d->lock);
}

size_t denials_read(struct task *t, char *buf, size_t len)
{
	size_t used = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	struct denials *d = t->signal ? __atomic_load_n(&t->signal->denials, __ATOMIC_ACQUIRE)
				      : NULL;
	if (!d)
		return 0;
	spin_lock(&d->lock);
	unsigned long first = d->count > DENIALS_SHOWN ? d->count - DENIALS_SHOWN : 0;
	for (unsigned long i = first; i < d->count && used + 1 < len; i++) {
		int w = snprintf(buf + used, len - used, "%s\n", d->line[i % DENIALS_SHOWN]);
		used = w < 0 ? used : MIN(used + (size_t)w, len - 1);
	}
	spin_unlock(&d->lock);
	return used;
}

void denials_free(struct denials *d)
{
	kfree(d);
}
