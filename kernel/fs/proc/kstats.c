/*
 * procfs: the kernel's statistics files, in Linux's layouts:
 *  - slabinfo: one row per kmalloc size class (slabinfo version 2.1);
 *  - vmstat: free and cached pages, then the memory events (vmstat.h);
 *  - interrupts: per-hart counts of each PLIC source, the timer and IPIs;
 *  - the interrupt, context-switch and task-state lines of /proc/stat;
 *  - lock_stat: the lock statistics (lock_stat.h), a write of 0 clears.
 * Each counter is read whole without a lock, so a file may be a little
 * stale; the slab counts are read under each class's lock (kmalloc.c).
 */
#include "internal.h"
#include "kmalloc.h"
#include "mm.h"
#include "pcache.h"
#include "vmstat.h"
#include "irq.h"
#include "lock_stat.h"
#include "string.h"

#define SLAB_NAME_PREFIX "kmalloc-"

/* The tunables and shared columns mean nothing here (no per-cpu arrays):
 * zero, as Linux's SLUB shows them. */
int proc_show_slabinfo(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "slabinfo - version: 2.1\n"
		  "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		  "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		  "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (int c = KMALLOC_NR_CLASSES - 1; c >= 0; c--) {
		struct kmalloc_class_stats st;
		char name[24];
		kmalloc_class_stats(c, &st);
		unsigned long per_slab = PAGE_SIZE / st.size;
		snprintf(name, sizeof(name), SLAB_NAME_PREFIX "%lu", (unsigned long)st.size);
		tb_printf(tb, "%-17s %6lu %6lu %6lu %4lu %4d : tunables %4d %4d %4d : "
			  "slabdata %6lu %6lu %6d\n", name, st.active_objs,
			  st.num_slabs * per_slab, (unsigned long)st.size, per_slab, 1,
			  0, 0, 0, st.num_slabs, st.num_slabs, 0);
	}
	return 0;
}

int proc_show_vmstat(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "nr_free_pages %lu\nnr_file_pages %lu\n", nr_free_pages(), pcache_pages());
	for (int i = 0; i < NR_VM_EVENTS; i++)
		tb_printf(tb, "%s %lu\n", vm_event_names[i], vm_event_read(i));
	tb_printf(tb, "pswpin 0\npswpout 0\n");
	return 0;
}

static void show_irq_row(struct textbuf *tb, const char *label, const uint64_t *per_cpu,
			 size_t stride, const char *desc)
{
	tb_printf(tb, "%3s: ", label);
	for (int i = 0; i < ncpus; i++)
		tb_printf(tb, "%10lu ", (unsigned long)READ_ONCE(
			*(const uint64_t *)((const char *)per_cpu + i * stride)));
	tb_printf(tb, " %s\n", desc);
}

static void show_plic_irq(unsigned int irq, const char *name, const unsigned long *counts,
			  void *arg)
{
	struct textbuf *tb = arg;
	char label[8], desc[48];
	snprintf(label, sizeof(label), "%u", irq);
	snprintf(desc, sizeof(desc), "SiFive PLIC %3u Edge      %s", irq, name ? name : "");
	show_irq_row(tb, label, (const uint64_t *)counts, sizeof(counts[0]), desc);
}

/*
 * Linux's layout: a header of CPUn columns, then a row per interrupt with
 * its label, one count per hart and a description.  The PLIC's sources
 * are labelled by their number; the hart-local timer and software
 * interrupts have no PLIC number and are labelled as Linux's per-cpu
 * rows are (LOC, the local timer; IPI0, the reschedule and TLB-shootdown
 * IPI, the only one this kernel sends).
 */
int proc_show_interrupts(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%11s", "");
	for (int i = 0; i < ncpus; i++) {
		char name[16];
		snprintf(name, sizeof(name), "CPU%d", i);
		tb_printf(tb, "%-11s", name);
	}
	tb_printf(tb, "\n");
	plic_for_each_irq(show_plic_irq, tb);
	show_irq_row(tb, "LOC", &cpus[0].timer_irqs, sizeof(cpus[0]), "RISC-V INTC   5 Edge      riscv-timer");
	show_irq_row(tb, "IPI0", &cpus[0].ipi_irqs, sizeof(cpus[0]), "Rescheduling interrupts");
	return 0;
}

static void sum_plic_irq(unsigned int irq, const char *name, const unsigned long *counts,
			 void *arg)
{
	unsigned long *total = arg;
	for (int i = 0; i < ncpus; i++)
		*total += READ_ONCE(counts[i]);
}

/* /proc/stat's lines after the cpu lines: intr (the total only), ctxt,
 * and the tasks running and in uninterruptible sleep now. */
void proc_show_stat_counts(struct textbuf *tb)
{
	unsigned long intr = 0, ctxt = 0;
	int running = 0, blocked = 0;
	struct task *p;
	plic_for_each_irq(sum_plic_irq, &intr);
	for (int i = 0; i < ncpus; i++) {
		intr += READ_ONCE(cpus[i].timer_irqs) + READ_ONCE(cpus[i].ipi_irqs);
		ctxt += READ_ONCE(cpus[i].nr_switches);
	}
	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &all_tasks, all_link) {
		if (!p->pid || p->state == TASK_DEAD)
			continue;
		running += p->state == TASK_RUNNING;
		blocked += p->state == TASK_UNINTERRUPTIBLE;
	}
	spin_unlock(&tasklist_lock);
	tb_printf(tb, "intr %lu\nctxt %lu\n", intr, ctxt);
	tb_printf(tb, "procs_running %d\nprocs_blocked %d\n", running, blocked);
}

/* ---- lock_stat ---- */

#define LOCK_STAT_NAME_WIDTH	40
#define LOCK_STAT_COLUMNS	12
#define LOCK_STAT_COL_WIDTH	15	/* a space and 14 characters */

static void lock_stat_rule(struct textbuf *tb)
{
	char dashes[LOCK_STAT_NAME_WIDTH + 1 + LOCK_STAT_COLUMNS * LOCK_STAT_COL_WIDTH + 1];
	memset(dashes, '-', sizeof(dashes) - 1);
	dashes[sizeof(dashes) - 1] = 0;
	tb_printf(tb, "%s\n", dashes);
}

/* A time in nanoseconds as Linux prints it: microseconds, two decimals. */
static void lock_stat_time(struct textbuf *tb, uint64_t ns)
{
	char text[24];
	snprintf(text, sizeof(text), "%lu.%02lu", (unsigned long)(ns / 1000),
		 (unsigned long)(ns % 1000 / 10));
	tb_printf(tb, " %14s", text);
}

static void lock_stat_row(struct textbuf *tb, const struct lock_class_stats *s)
{
	tb_printf(tb, "%40s: %14lu %14lu", s->name, s->con_bounces, s->contentions);
	lock_stat_time(tb, s->wait_min);
	lock_stat_time(tb, s->wait_max);
	lock_stat_time(tb, s->wait_total);
	lock_stat_time(tb, s->contentions ? s->wait_total / s->contentions : 0);
	tb_printf(tb, " %14lu %14lu", s->acq_bounces, s->acquisitions);
	lock_stat_time(tb, s->hold_min);
	lock_stat_time(tb, s->hold_max);
	lock_stat_time(tb, s->hold_total);
	lock_stat_time(tb, s->holds ? s->hold_total / s->holds : 0);
	tb_printf(tb, "\n");
}

static bool lock_stat_before(const struct lock_class_stats *a, const struct lock_class_stats *b)
{
	return a->contentions != b->contentions ? a->contentions > b->contentions :
	       a->acquisitions > b->acquisitions;
}

/* Linux's layout (version 0.4): the header, then a line per class, most
 * contended first; the per-call-site lines Linux adds under a contended
 * class are not kept here. */
int proc_show_lock_stat(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct lock_class_stats *s = kmalloc(LOCK_STAT_CLASSES * sizeof(*s));
	if (!s)
		return -ENOMEM;
	int n = lock_stat_snapshot(s, LOCK_STAT_CLASSES);
	for (int i = 1; i < n; i++) {
		struct lock_class_stats x = s[i];
		int j = i;
		for (; j > 0 && lock_stat_before(&x, &s[j - 1]); j--)
			s[j] = s[j - 1];
		s[j] = x;
	}
	tb_printf(tb, "lock_stat version 0.4\n");
	lock_stat_rule(tb);
	tb_printf(tb, "%40s %14s %14s %14s %14s %14s %14s %14s %14s %14s %14s %14s %14s\n",
		  "class name", "con-bounces", "contentions", "waittime-min", "waittime-max",
		  "waittime-total", "waittime-avg", "acq-bounces", "acquisitions",
		  "holdtime-min", "holdtime-max", "holdtime-total", "holdtime-avg");
	lock_stat_rule(tb);
	tb_printf(tb, "\n");
	for (int i = 0; i < n; i++)
		lock_stat_row(tb, &s[i]);
	kfree(s);
	return 0;
}

/* Writing 0 clears the statistics, as Linux. */
ssize_t proc_write_lock_stat(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	char c;
	if (len == 0)
		return 0;
	if (copy_in(&c, buf, 1, user))
		return -EFAULT;
	if (c == '0')
		lock_stat_clear();
	return len;
}
