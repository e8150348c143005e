/*
 * kmain: the boot hart brings the machine up in order (device tree, memory,
 * page tables, traps, devices), starts the other harts through SBI HSM and
 * then becomes the idle task of hart 0.  Every idle task runs on a
 * guarded stack from kstack_alloc (kstack.h); hart 0 leaves the boot stack
 * for its own as soon as the kernel's page table exists.
 */
#include "profile.h"
#include "proc.h"
#include "boot.h"
#include "aslr.h"
#include "mm.h"
#include "vm.h"
#include "kmalloc.h"
#include "printk.h"
#include "string.h"
#include "sbi.h"
#include "irq.h"
#include "timer.h"
#include "uart.h"
#include "pcache.h"
#include "sections.h"
#include "lock_stat.h"
#include "kmemleak.h"
#include "random.h"
#include "kstack.h"

#define SECONDARY_WAIT_SECONDS 10

static struct task idle_tasks[MAX_CPUS];
static volatile int harts_online;

static void set_current(struct task *t)
{
	__current_tp = t;	/* proc.h: tp by name, so the compiler sees the write */
}

static void cpu_setup(int id, unsigned long hartid)
{
	struct task *idle = &idle_tasks[id];
	struct cpu *c = &cpus[id];
	c->id = id;
	c->hartid = hartid;
	c->idle = idle;
	idle->cpu = c;
	idle->on_cpu = 1;
	idle->state = TASK_RUNNING;
	strlcpy(idle->comm, "idle", sizeof(idle->comm));
	sched_init_cpu(c, idle);
}

static void memory_init(void)
{
	mem_start = boot_info.mem_base;
	mem_end = boot_info.mem_base + boot_info.mem_size;
	paddr_t kend = virt_to_phys(_kernel_end);
	unsigned long npages = (mem_end - mem_start) >> PAGE_SHIFT;
	mem_map = phys_to_virt(kend);
	paddr_t free_start = ALIGN_UP(kend + npages * sizeof(struct page), PAGE_SIZE);
	page_alloc_init(free_start, mem_end);
	kvm_init();
	kmalloc_init();
	kmemleak_init();
}

/* tp is not yet a task when this and kmain begin (the stack protector
 * reads the canary through it): neither may be protected. */
__attribute__((no_stack_protector)) void secondary_main(unsigned long hartid)
{
	int id;
	for (id = 0; id < ncpus; id++)
		if (cpus[id].hartid == hartid)
			break;
	set_current(&idle_tasks[id]);
	kvm_init_hart();
	trap_init_hart();
	plic_init_hart();
	timer_init_hart();
	__atomic_add_fetch(&harts_online, 1, __ATOMIC_RELEASE);
	local_irq_enable();
	cpu_idle_loop();
}

/* An idle task's stack, from kstack_alloc's area: with a guard page
 * below it, as every task's. */
static int idle_stack_alloc(struct task *idle)
{
	void *stack = kstack_alloc();
	if (!stack)
		return -ENOMEM;
	idle->kstack = stack;
	idle->kstack_top = (unsigned long)stack + KSTACK_SIZE;
	return 0;
}

static void start_secondary_harts(unsigned long boot_hartid)
{
	for (int i = 0; i < boot_info.nharts && ncpus < MAX_CPUS; i++) {
		unsigned long hartid = boot_info.hartids[i];
		if (hartid == boot_hartid)
			continue;
		/* Guarded like every task's (entry.S moves the hart to the
		 * kernel's page table, which maps it, before using it). */
		int id = ncpus;
		if (idle_stack_alloc(&idle_tasks[id]) != 0)
			break;
		cpu_setup(id, hartid);
		idle_tasks[id].stack_canary = get_random_canary();
		__atomic_store_n(&ncpus, id + 1, __ATOMIC_RELEASE);
		if (sbi_hart_start(hartid, virt_to_phys(_start_secondary),
				   idle_tasks[id].kstack_top) != 0) {
			printk("hart %lu did not start\n", hartid);
			ncpus = id;
		}
	}
	/* A hart that never comes up would hang the boot without a word:
	 * after SECONDARY_WAIT_SECONDS it is said once, and the wait goes on. */
	uint64_t start = rdtime(), limit = SECONDARY_WAIT_SECONDS * boot_info.timebase_freq;
	bool told = false;
	while (__atomic_load_n(&harts_online, __ATOMIC_ACQUIRE) < ncpus) {
		cpu_relax();	/* (riscv.h: a plain spin here hung under -icount) */
		if (!told && limit && rdtime() - start > limit) {
			told = true;
			printk("kernel: %d of %d harts online after %d s, waiting\n",
			       __atomic_load_n(&harts_online, __ATOMIC_ACQUIRE), ncpus,
			       SECONDARY_WAIT_SECONDS);
		}
	}
}

static void kmain_late(void) __attribute__((noreturn));

__attribute__((no_stack_protector)) void kmain(unsigned long hartid, paddr_t fdt_pa)
{
	cpu_setup(0, hartid);
	set_current(&idle_tasks[0]);
	/* Only this unprotected frame is live: the canary may change. */
	idle_tasks[0].stack_canary = get_random_canary();
	ncpus = 1;
	harts_online = 1;
	boot_info.fdt_pa = fdt_pa;
	fdt_parse(phys_to_virt(fdt_pa), &boot_info);
	console_quiet = cmdline_has("quiet");
	memory_init();
	/* Off the boot stack (in .bss, unguarded) onto a guarded one. */
	if (idle_stack_alloc(&idle_tasks[0]) != 0)
		panic("no memory for the boot hart's stack");
	call_on_stack(idle_tasks[0].kstack_top, kmain_late);
}

/* The rest of the boot, on hart 0's guarded idle stack. */
static void kmain_late(void)
{
	pcache_init();
	trap_init_hart();
	uart_init();
	timer_init();
	profile_init();
	aslr_init();
	lock_stat_init();
	printk("kernel: riscv64, %lu MiB RAM at %p, command line \"%s\"\n",
	       (unsigned long)(boot_info.mem_size >> 20), (void *)mem_start,
	       boot_info.bootargs);
	plic_init();
	uart_enable_rx();
	plic_init_hart();
	timer_init_hart();
	start_secondary_harts(cpus[0].hartid);
	printk("kernel: %d harts online, %lu KiB free of %lu KiB\n", ncpus,
	       nr_free_pages() * (PAGE_SIZE / 1024), nr_total_pages() * (PAGE_SIZE / 1024));
	local_irq_enable();
	if (start_init() != 0) {
		printk("kernel: power off\n");
		sbi_shutdown(false);
	}
	cpu_idle_loop();
}
