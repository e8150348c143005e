/*
 * procfs: the kernel's statistics files, in Linux's layouts:
 *  - slabinfo: one row per kmalloc size class (slabinfo version 2.1);
 *  - vmstat: free and cached pages, then the memory events (vmstat.h);
 *  - interrupts: per-hart counts of each PLIC source, the timer and IPIs;
 *  - the interrupt, context-switch and task-state lines of /proc/stat.
 * Each counter is read whole without a lock, so a file may be a little
 * stale; the slab counts are read under each class's lock (kmalloc.c).
 */
#include "internal.h"
#include "kmalloc.h"
#include "mm.h"
#include "pcache.h"
#include "vmstat.h"
#include "irq.h"

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
