/*
 * Address spaces.  An mm owns a Sv39 page table whose upper half is the
 * kernel's (shared by every mm) and a sorted list of regions (vmas).
 * mm->lock (a mutex) guards the vma list, brk and the user half of the page
 * table; page faults take it, so callers of copy_to/from_user must not hold it.
 *
 * File mappings: every vma with a file is also on its inode's list of
 * mappings (inode->i_mmap, under vm.c's i_mmap_lock, a spinlock taken inside
 * mm->lock), which truncation walks to unmap the pages past the new end in
 * every mm (it takes each mm->lock in turn, never while holding the
 * spinlock).  A MAP_SHARED file mapping maps the page cache's page itself:
 * read-only at first, writable after a write fault has marked the page
 * dirty (pcache_dirty).  Dirty pages go back to the file through the file
 * system's write, which may take inode->lock: so no write-back under
 * mm->lock -- a shared writable vma unmapped under it waits on mm->dead
 * until the system call has let go of the lock (mm_flush_dead).
 * Lock order: pcache's wb_mutex (write-back, and write() of a file with
 * dirty pages), then inode->lock, then mm->lock, then i_mmap_lock or
 * pcache_lock.  mm_put takes mm->lock too, so a truncation walking an mm's
 * vmas (holding a reference in mm->refs) never sees them freed under it.
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
#define VM_MAYWRITE	0x40	/* a shared file mapping whose file is open for writing */

/*
 * The user half, from the top: the one page of the signal return
 * trampoline at mm->stack_top, the stack below it, its top at most
 * STACK_TOP (lower by the stack's random offset), a guard gap, and the
 * mmap area growing up from mm->mmap_base (at least MMAP_BASE); programs
 * and brk lie below MMAP_BASE.  aslr.h says how far each moves.  Nothing
 * mmap, mremap or shmat make may reach above mm->stack_top (the
 * trampoline's page has no vma), and nothing at all above STACK_TOP.
 * Trampoline and stack share their page tables.
 */
#define STACK_TOP	(USER_TOP - (64ul << 10))
#define STACK_SIZE	(8ul << 20)
#define STACK_GUARD	(64ul << 10)
#define MMAP_BASE	(USER_TOP / 2)

#define MM_SORTED_INLINE	16	/* vmas an mm holds before its array is allocated */

struct file;
struct inode;

/* Walks over every mapping of a file (vm.c), each with its own mark. */
enum { WALK_TRUNCATE, WALK_WRPROTECT, WALK_KINDS };

struct vma {
	unsigned long start, end;	/* [start, end), page aligned */
	unsigned int flags;		/* VM_* */
	struct file *file;		/* private file mapping, or NULL */
	off_t file_off;			/* file offset of start */
	unsigned long file_end;		/* bytes from the file end here; zeros after */
	struct list_head link;
	struct mm *mm;			/* the address space it belongs to */
	struct vma *i_next, **i_pprev;	/* in file->inode->i_mmap (i_mmap_lock) */
	unsigned long walk_pass[WALK_KINDS];	/* the last walk of each kind here */
};

struct mm {
	pte_t *pgd;
	struct mutex lock;
	int users;			/* atomic: tasks using this mm */
	int refs;			/* atomic: 1 while users > 0, plus harts holding it in satp */
	struct list_head vmas;
	struct vma **sorted;		/* the same vmas in an array, for find_vma: */
	unsigned int nr_vmas, max_vmas;
	struct vma *sorted_inline[MM_SORTED_INLINE];	/* ... this one while they fit */
	struct vma *cache;		/* last vma found */
	unsigned long brk_start, brk;
	/* Set by exec (or copied by fork) before the mm is used, then fixed. */
	unsigned long stack_top;	/* the stack ends here */
	unsigned long mmap_base;	/* mmap looks for room from here up */
	unsigned long vdso_base;	/* the signal return trampoline's page: stack_top */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long rss;		/* resident pages */
	uint64_t tlb_gen;		/* bumped when a mapping is removed or downgraded */
	struct file *exe_file;		/* the program, for /proc/PID/exe */
	struct list_head dead;		/* unmapped shared writable vmas to write back */
};

void kvm_init(void);
void kvm_init_hart(void);
/* One page of the kernel half, read-write, never executable: map page (a
 * direct-map address) at va, 0 or -ENOMEM; unmap va, which must be mapped,
 * giving back its page.  No TLB flush: the caller's (mm/kstack.c). */
int kvm_map_page(unsigned long va, void *page);
void *kvm_unmap_page(unsigned long va);
extern pte_t *kernel_pgd;

/* An empty address space: no vmas, not even the vdso page. */
struct mm *mm_create(void);
/* Map the signal return trampoline's page at addr (mm->stack_top) and
 * remember it in mm->vdso_base: 0 or -ENOMEM. */
int mm_map_vdso(struct mm *mm, unsigned long addr);
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
bool vma_range_used(struct mm *mm, unsigned long start, unsigned long end);	/* lock held */
/* After a vma_unmap, once mm->lock is let go: write back and free what
 * the unmapped shared writable vmas left (see the top of this file). */
void mm_flush_dead(struct mm *mm);
/* 0, or why the access fails: -EFAULT nothing mapped there (SEGV_MAPERR),
 * -EACCES not allowed by the mapping (SEGV_ACCERR), -EIO past the end of a
 * mapped file (SIGBUS, BUS_ADRERR), -ENOMEM. */
int handle_page_fault(unsigned long addr, int cause);
/* Populate and pin nothing: fault in [addr, addr+len) for writing (exec). */
/* Read another mm's user memory (procfs cmdline): 0 or -errno. */
int mm_read_user(struct mm *mm, unsigned long addr, void *buf, size_t len);
/* Another mm's memory as /proc/PID/mem reaches it: pages faulted in as
 * the owner's own access would (so a write needs a writable mapping, and
 * breaks copy-on-write), at most len bytes from addr; the count done, or
 * -EIO when not even the first byte could be.  Takes mm->lock. */
int mm_access(struct mm *mm, unsigned long addr, void *buf, size_t len, bool write);
/* Is addr in a shared mapping of mm (MAP_SHARED, anonymous or of a
 * file)?  Then *pa is the physical address of its byte there, the same
 * in every process mapping that memory (the page is faulted in if need
 * be): process-shared futexes are keyed by it.  Takes mm->lock. */
bool mm_shared_phys(struct mm *mm, unsigned long addr, unsigned long *pa);
/* The TLB shoot-down an IPI asks for (trap.c calls it). */
void tlb_flush_ipi(void);
int mm_populate_copy(struct mm *mm, unsigned long addr, const void *src, size_t len);

long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, long fd, unsigned long off);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_msync(unsigned long addr, unsigned long len, unsigned long flags);
long sys_mincore(unsigned long addr, unsigned long len, unsigned char __user *vec);

/* The file of inode in shrank to size: every mapping of it loses its pages
 * past the new end (an access there then raises SIGBUS).  Caller holds
 * in->lock and no mm->lock. */
void mapping_truncate(struct inode *in, off_t size);
/* Shared mappings of in lose write access to its pages first..last, so a
 * store after this marks its page dirty again (write-back cleans pages so).
 * Caller holds no mm->lock. */
void mapping_wrprotect(struct inode *in, unsigned long first, unsigned long last);

#endif
