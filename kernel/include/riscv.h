/* RISC-V privileged architecture: CSRs, bits, and the Sv39 page table format. */
#ifndef KERNEL_RISCV_H
#define KERNEL_RISCV_H

#include <linux/const.h>	/* _UL(x): x as unsigned long, bare in assembly */

#define SSTATUS_SIE	(_UL(1) << 1)
#define SSTATUS_SPIE	(_UL(1) << 5)
#define SSTATUS_SPP	(_UL(1) << 8)
#define SSTATUS_FS	(_UL(3) << 13)
#define SSTATUS_FS_OFF	(_UL(0) << 13)
#define SSTATUS_FS_INITIAL (_UL(1) << 13)
#define SSTATUS_FS_CLEAN (_UL(2) << 13)
#define SSTATUS_FS_DIRTY (_UL(3) << 13)
#define SSTATUS_SUM	(_UL(1) << 18)
#define SSTATUS_MXR	(_UL(1) << 19)

#define SIE_SSIE	(_UL(1) << 1)
#define SIE_STIE	(_UL(1) << 5)
#define SIE_SEIE	(_UL(1) << 9)

#define CAUSE_INTERRUPT		(_UL(1) << 63)
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5
#define IRQ_S_EXT		9
#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_ILLEGAL_INST	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

#define SATP_MODE_SV39	(_UL(8) << 60)

#define PTE_V	(_UL(1) << 0)
#define PTE_R	(_UL(1) << 1)
#define PTE_W	(_UL(1) << 2)
#define PTE_X	(_UL(1) << 3)
#define PTE_U	(_UL(1) << 4)
#define PTE_G	(_UL(1) << 5)
#define PTE_A	(_UL(1) << 6)
#define PTE_D	(_UL(1) << 7)
#define PTE_COW	(_UL(1) << 8)	/* RSW bit: private page shared after fork */
#define PTE_PPN_SHIFT 10

/* Sv39: 39-bit virtual addresses, three levels of page tables of 512 PTEs
 * (9 index bits each) over a 12-bit page offset.  Level 2 is the root; one
 * of its PTEs maps 1 GiB, one of level 1 2 MiB, one of level 0 a page. */
#define SV39_VA_BITS	39
#define SV39_LEVELS	3
#define PT_INDEX_BITS	9
#define PTRS_PER_PT	(1 << PT_INDEX_BITS)
#define PT_LEVEL_SHIFT(level)	(SV39_VA_BITS - PT_INDEX_BITS * (SV39_LEVELS - (level)))
#define PT_LEVEL_SIZE(level)	(_UL(1) << PT_LEVEL_SHIFT(level))
#define PT_INDEX(va, level)	(((va) >> PT_LEVEL_SHIFT(level)) & (PTRS_PER_PT - 1))
/* The lower half is user space; the root's upper half maps the kernel and
 * is the same in every address space. */
#define USER_TOP	(_UL(1) << (SV39_VA_BITS - 1))
#define KERNEL_PGD_FIRST	(PTRS_PER_PT / 2)

#define PAGE_OFFSET	_UL(0xffffffc000000000)

#ifndef __ASSEMBLY__
#include "types.h"

#define csr_read(csr) ({ unsigned long __v;				\
	__asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, v) \
	__asm__ volatile("csrw " #csr ", %0" :: "rK"(v) : "memory")
#define csr_set(csr, v) \
	__asm__ volatile("csrs " #csr ", %0" :: "rK"(v) : "memory")
#define csr_clear(csr, v) \
	__asm__ volatile("csrc " #csr ", %0" :: "rK"(v) : "memory")

static inline void local_irq_enable(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void local_irq_disable(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline bool local_irq_enabled(void) { return csr_read(sstatus) & SSTATUS_SIE; }
/* Interrupts off, and whether they were on (SSTATUS_SIE or 0): one csrrci.
 * local_irq_restore(f) turns them back on only if they were.  For a short
 * section that takes no spinlock and needs no nesting count (a per-hart
 * cache); spin_lock's irq_push_off counts nesting instead. */
static inline unsigned long local_irq_save(void)
{
	unsigned long f;
	__asm__ volatile("csrrci %0, sstatus, %1" : "=r"(f) : "i"(SSTATUS_SIE) : "memory");
	return f & SSTATUS_SIE;
}
static inline void local_irq_restore(unsigned long f) { csr_set(sstatus, f); }
static inline void sfence_vma_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void sfence_vma_page(unsigned long va)
{
	__asm__ volatile("sfence.vma %0" :: "r"(va) : "memory");
}
static inline void wfi(void) { __asm__ volatile("wfi"); }

/*
 * The pause inside a loop that waits for another hart (a lock word, a flag
 * it will clear).  Under qemu's single-threaded TCG with -icount (qemu 7.2,
 * `make bench`), the harts run in turn, and the first one in the list that
 * is not halted gets every instruction up to the next timer deadline: a
 * hart that merely spins there takes them all, the hart it waits for gets
 * none, deadline after deadline, and the wait never ends (the boot hung in
 * start_secondary_harts so).  Only a halted hart (wfi) hands the rest of
 * its turn on.  So wait in wfi with this hart's own software interrupt
 * pending: it halts for qemu, which runs the others and comes back at once
 * (an enabled pending interrupt is work), and real hardware does not sleep
 * at all.  The interrupt stays pending, so that an IPI that came meanwhile
 * is not lost: the handler takes it, and only a sender's flag
 * (cpu->resched_ipi, flush_pending) makes it do anything.
 */
static inline void cpu_relax(void)
{
	unsigned long status = csr_read(sstatus);
	csr_clear(sstatus, SSTATUS_SIE);
	/* Enabled, or wfi would wait for good (a hart before trap_init_hart). */
	csr_set(sie, _UL(1) << IRQ_S_SOFT);
	csr_set(sip, _UL(1) << IRQ_S_SOFT);
	wfi();
	if (status & SSTATUS_SIE)
		csr_set(sstatus, SSTATUS_SIE);
}
static inline uint64_t rdtime(void) { return csr_read(time); }

static inline void *phys_to_virt(paddr_t pa) { return (void *)(pa + PAGE_OFFSET); }
static inline paddr_t virt_to_phys(const void *va) { return (paddr_t)va - PAGE_OFFSET; }

typedef uint64_t pte_t;
static inline paddr_t pte_to_pa(pte_t pte) { return (pte >> PTE_PPN_SHIFT) << PAGE_SHIFT; }
static inline pte_t pa_to_pte(paddr_t pa) { return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT; }
#endif

#endif
