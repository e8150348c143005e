/*
 * Address spaces.  An mm owns a Sv39 page table whose upper half is the
 * kernel's (shared by every mm) and a sorted list of regions (vmas).
 * mm->lock (a mutex) guards the vma list, brk and the user half of the page
 * table; page faults take it, so callers of copy_to/from_user must not hold it.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include "types.h"
#include "list.h"
#include "lock.h"
#include "riscv.h"

#define VM_READ		0x1	/* = PROT_READ */
#define VM_WRITE	0x2	/* = PROT_WRITE */
#define VM_EXEC		0x4	/* = PROT_EXEC */
#define VM_SHARED	0x10
#define VM_STACK	0x20

#define STACK_TOP	(USER_TOP - (64ul << 10))	/* the vdso page, a gap, the stack */
#define STACK_SIZE	(8ul << 20)
#define STACK_GUARD	(64ul << 10)
#define MMAP_BASE	(USER_TOP / 2)
#define VDSO_BASE	(STACK_TOP)	/* one page: the signal return trampoline */

struct file;

struct vma {
	unsigned long start, end;	/* [start, end), page aligned */
	unsigned int flags;		/* VM_* */
	struct file *file;		/* private file mapping, or NULL */
	off_t file_off;			/* file offset of start */
	unsigned long file_end;		/* bytes from the file end here; zeros after */
	struct list_head link;
};

struct mm {
	pte_t *pgd;
	struct mutex lock;
	int users;			/* atomic: tasks using this mm */
	int refs;			/* atomic: 1 while users > 0, plus harts holding it in satp */
	struct list_head vmas;
	struct vma *cache;		/* last vma found */
	unsigned long brk_start, brk;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long rss;		/* resident pages */
	uint64_t tlb_gen;		/* bumped when a mapping is removed or downgraded */
	struct file *exe_file;		/* the program, for /proc/PID/exe */
};

void kvm_init(void);
void kvm_init_hart(void);
extern pte_t *kernel_pgd;

struct mm *mm_create(void);
struct mm *mm_dup(struct mm *old);		/* fork: copy-on-write */
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);
/* Run with mm's page table; NULL (kernel threads, idle) keeps whatever
 * table the hart has, "lazily", so coming back to it needs no satp write. */
void switch_mm(struct mm *mm);

struct vma *find_vma(struct mm *mm, unsigned long addr);	/* containing addr */
/* Map [addr, addr+len) (fixed) with flags; file may be NULL. Caller holds lock. */
int vma_map(struct mm *mm, unsigned long addr, unsigned long len, unsigned int flags,
	    struct file *file, off_t off, unsigned long file_len);
int vma_unmap(struct mm *mm, unsigned long addr, unsigned long len);
unsigned long vma_find_free(struct mm *mm, unsigned long len, unsigned long hint);
int handle_page_fault(unsigned long addr, int cause);
/* Populate and pin nothing: fault in [addr, addr+len) for writing (exec). */
/* Read another mm's user memory (procfs cmdline): 0 or -errno. */
int mm_read_user(struct mm *mm, unsigned long addr, void *buf, size_t len);
/* The TLB shoot-down an IPI asks for (trap.c calls it). */
void tlb_flush_ipi(void);
int mm_populate_copy(struct mm *mm, unsigned long addr, const void *src, size_t len);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, long fd, unsigned long off);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot);

#endif
