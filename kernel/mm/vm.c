/*
 * Page tables and address spaces: the kernel's page table, user mms,
 * copy-on-write fork, demand paging and the TLB rules.
 *
 * TLB: a hart flushes one page (sfence.vma addr) where one page changed.
 * satp is written only when the hart switches to a different mm; every
 * removal or downgrade of a mapping bumps mm->tlb_gen so a hart that comes
 * back to the same mm later flushes before running it.
 *
 * File mappings are also on their inode's i_mmap list (i_mmap_lock), so
 * truncation can find them (mapping_truncate); vm.h states the rules.
 */
#include "vm.h"
#include "mm.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include "proc.h"
#include "vmstat.h"
#include "fs.h"
#include "boot.h"
#include "file.h"
#include "sbi.h"
#include "pcache.h"
#include "ns.h"
#include "timer.h"
#include "signal.h"
#include "sections.h"
#include "uaccess.h"
#include "kstack.h"
#include "memcontrol.h"

pte_t *kernel_pgd;
static struct spinlock i_mmap_lock = SPINLOCK_INIT("i_mmap");
static unsigned long unmap_passes;	/* atomic: truncations so far */

static inline unsigned int vpn(unsigned long va, int level)
{
	return PT_INDEX(va, level);
}

/* The leaf PTE for va, creating tables when alloc; NULL if absent/no memory. */
static pte_t *walk(pte_t *pgd, unsigned long va, bool alloc)
{
	pte_t *table = pgd;

	for (int level = 2; level > 0; level--) {
		pte_t *pte = &table[vpn(va, level)];
		if (*pte & PTE_V) {
			table = phys_to_virt(pte_to_pa(*pte));
			continue;
		}
		if (!alloc)
			return NULL;
		pte_t *next;
		if (pgd == kernel_pgd) {
			next = get_zeroed_page();
		} else {
			struct page *pg = alloc_user_page(MEMCG_PAGETABLE, true);
			next = pg ? page_address(pg) : NULL;
		}
		if (!next)
			return NULL;
		*pte = pa_to_pte(virt_to_phys(next)) | PTE_V;
		table = next;
	}
	return &table[vpn(va, 0)];
}

/* Map [va, va+size) to pa in the kernel table with 4K, 2M or 1G pages. */
static void kmap_range(unsigned long va, paddr_t pa, unsigned long size, pte_t perm)
{
	while (size) {
		pte_t *table = kernel_pgd;
		int level = 2;
		for (;;) {
			unsigned long span = PAGE_SIZE << (9 * level);
			if (level > 0 && (va & (span - 1)) == 0 && (pa & (span - 1)) == 0 &&
			    size >= span)
				break;
			if (level == 0)
				break;
			pte_t *pte = &table[vpn(va, level)];
			if (!(*pte & PTE_V)) {
				pte_t *next = get_zeroed_page();
				BUG_ON(!next);
				*pte = pa_to_pte(virt_to_phys(next)) | PTE_V;
			}
			table = phys_to_virt(pte_to_pa(*pte));
			level--;
		}
		unsigned long span = PAGE_SIZE << (9 * level);
		table[vpn(va, level)] = pa_to_pte(pa) | perm | PTE_V | PTE_A | PTE_D | PTE_G;
		va += span;
		pa += span;
		size -= span;
	}
}

void kvm_init(void)
{
	kernel_pgd = get_zeroed_page();
	BUG_ON(!kernel_pgd);
	/* Devices: the first 2 GiB of physical space, never executable. */
	kmap_range(PAGE_OFFSET, 0, 0x80000000ul, PTE_R | PTE_W);
	paddr_t kstart = virt_to_phys(_kernel_start);
	paddr_t text_end = virt_to_phys(_etext), ro_end = virt_to_phys(_erodata);
	paddr_t kend = virt_to_phys(_kernel_end);
	if (mem_start < kstart)
		kmap_range(PAGE_OFFSET + mem_start, mem_start, kstart - mem_start, PTE_R | PTE_W);
	kmap_range(PAGE_OFFSET + kstart, kstart, text_end - kstart, PTE_R | PTE_X);
	kmap_range(PAGE_OFFSET + text_end, text_end, ro_end - text_end, PTE_R);
	kmap_range(PAGE_OFFSET + ro_end, ro_end, kend - ro_end, PTE_R | PTE_W);
	/* The rest of RAM, 4K up to the next 2M boundary, then large pages. */
	paddr_t p = kend, aligned = ALIGN_UP(kend, 2ul << 20);
	if (aligned > mem_end)
		aligned = mem_end;
	kmap_range(PAGE_OFFSET + p, p, aligned - p, PTE_R | PTE_W);
	kmap_range(PAGE_OFFSET + aligned, aligned, mem_end - aligned, PTE_R | PTE_W);
	/* The kernel stacks' area gets its middle table now, before any mm
	 * copies the upper half of this root: every mm then sees the stacks
	 * mapped later. */
	BUG_ON(!walk(kernel_pgd, KSTACK_AREA, true));
	kvm_init_hart();
}

int kvm_map_page(unsigned long va, void *page)
{
	pte_t *pte = walk(kernel_pgd, va, true);
	if (!pte)
		return -ENOMEM;
	*pte = pa_to_pte(virt_to_phys(page)) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_G;
	return 0;
}

void *kvm_unmap_page(unsigned long va)
{
	pte_t *pte = walk(kernel_pgd, va, false);
	BUG_ON(!pte || !(*pte & PTE_V));
	void *page = phys_to_virt(pte_to_pa(*pte));
	*pte = 0;
	return page;
}

void kvm_init_hart(void)
{
	csr_write(satp, SATP_MODE_SV39 | (virt_to_phys(kernel_pgd) >> PAGE_SHIFT));
	sfence_vma_all();
}

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->pgd = get_free_page();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	/* An empty user half, the kernel's own upper half. */
	memset(mm->pgd, 0, KERNEL_PGD_FIRST * sizeof(pte_t));
	memcpy(&mm->pgd[KERNEL_PGD_FIRST], &kernel_pgd[KERNEL_PGD_FIRST],
	       (PTRS_PER_PT - KERNEL_PGD_FIRST) * sizeof(pte_t));
	mutex_init(&mm->lock, "mm");
	list_init(&mm->vmas);
	list_init(&mm->dead);
	mm->sorted = mm->sorted_inline;
	mm->max_vmas = MM_SORTED_INLINE;
	mm->users = 1;
	mm->refs = 1;
	return mm;
}

int mm_map_vdso(struct mm *mm, unsigned long addr)
{
	/* The signal return trampoline, read+exec for user code. */
	pte_t *pte = walk(mm->pgd, addr, true);
	if (!pte)
		return -ENOMEM;
	*pte = pa_to_pte(virt_to_phys(sigreturn_trampoline)) | PTE_V | PTE_R | PTE_X |
	       PTE_U | PTE_A;
	mm->vdso_base = addr;
	return 0;
}

void mm_get(struct mm *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

static bool shared_writable(const struct vma *v)
{
	return v->file && (v->flags & (VM_SHARED | VM_WRITE)) == (VM_SHARED | VM_WRITE);
}

/* v (new, a copy or changed) joins its file's list of mappings. */
static void vma_link_file(struct vma *v)
{
	if (!v->file)
		return;
	struct inode *in = v->file->inode;
	spin_lock(&i_mmap_lock);
	v->i_next = in->i_mmap;
	if (v->i_next)
		v->i_next->i_pprev = &v->i_next;
	v->i_pprev = &in->i_mmap;
	in->i_mmap = v;
	if (shared_writable(v))
		in->i_mmap_writable++;
	spin_unlock(&i_mmap_lock);
}

static void vma_unlink_file(struct vma *v)
{
	if (!v->file)
		return;
	spin_lock(&i_mmap_lock);
	*v->i_pprev = v->i_next;
	if (v->i_next)
		v->i_next->i_pprev = v->i_pprev;
	if (shared_writable(v))
		v->file->inode->i_mmap_writable--;
	spin_unlock(&i_mmap_lock);
}

/* v is off mm's list (mm->lock held).  A shared writable file mapping
 * still has pages to write back, which cannot happen under mm->lock: it
 * waits on mm->dead for mm_flush_dead. */
static void vma_free(struct mm *mm, struct vma *v)
{
	vma_unlink_file(v);
	if (shared_writable(v)) {
		list_add_tail(&v->link, &mm->dead);
		return;
	}
	if (v->file)
		file_put(v->file);
	kfree(v);
}

/*
 * The leaf table covering va in pgd, or NULL when there is none; *next is
 * set to where the range it covers (or the hole) ends, so loops over a
 * sparse region visit each table once instead of walking every page.
 */
static pte_t *leaf_table(pte_t *pgd, unsigned long va, unsigned long *next)
{
	pte_t l2 = pgd[vpn(va, 2)];
	if (!(l2 & PTE_V)) {
		*next = ALIGN_DOWN(va, PT_LEVEL_SIZE(2)) + PT_LEVEL_SIZE(2);
		return NULL;
	}
	pte_t l1 = ((pte_t *)phys_to_virt(pte_to_pa(l2)))[vpn(va, 1)];
	*next = ALIGN_DOWN(va, PT_LEVEL_SIZE(1)) + PT_LEVEL_SIZE(1);
	if (!(l1 & PTE_V))
		return NULL;
	return phys_to_virt(pte_to_pa(l1));
}

/* Are the PTE_SKIP entries from p all empty?  The loops over a sparse
 * table (fork, exit) step over empty runs this many at a time. */
#define PTE_SKIP 8

static inline bool ptes_clear(const pte_t *p)
{
	return !(p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7]);
}

/* After mm->lock is let go: write back what unmapped shared vmas left. */
void mm_flush_dead(struct mm *mm)
{
	if (list_empty(&mm->dead))
		return;
	LIST_HEAD(todo);
	struct vma *v, *n;
	mutex_lock(&mm->lock);
	list_for_each_entry_safe(v, n, &mm->dead, link) {
		list_del(&v->link);
		list_add_tail(&v->link, &todo);
	}
	mutex_unlock(&mm->lock);
	list_for_each_entry_safe(v, n, &todo, link) {
		off_t from = v->file_off, to = from + (off_t)(v->end - v->start);
		pcache_writeback(v->file->inode, from, to);
		file_put(v->file);
		kfree(v);
	}
}

/* Drop the user pages of [start, end) from the page table; returns how
 * many were mapped. */
static unsigned long unmap_pages(struct mm *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0, next;
	for (unsigned long va = start; va < end; va = next) {
		pte_t *table = leaf_table(mm->pgd, va, &next);
		next = MIN(next, end);
		if (!table)
			continue;
		pte_t *pte = &table[vpn(va, 0)], *stop = pte + (next - va) / PAGE_SIZE;
		for (; pte < stop; pte++) {
			if (pte + PTE_SKIP <= stop && ptes_clear(pte)) {
				pte += PTE_SKIP - 1;
				continue;
			}
			if (!(*pte & PTE_V))
				continue;
			put_page(pa_to_page(pte_to_pa(*pte)));
			*pte = 0;
			n++;
		}
	}
	mm->rss -= n;
	return n;
}

/* Free a middle table and the leaf tables it points to. */
static void free_l1_table(pte_t *l1)
{
	for (int j = 0; j < PTRS_PER_PT; j += PTE_SKIP)
		if (!ptes_clear(&l1[j]))
			for (int k = j; k < j + PTE_SKIP; k++)
				if (l1[k] & PTE_V)
					free_page(phys_to_virt(pte_to_pa(l1[k])));
	free_page(l1);
}

/* Free the user half's tables; the root stays (a hart may still hold it
 * lazily in satp, using only the kernel half). */
static void free_tables(struct mm *mm)
{
	for (int i = 0; i < KERNEL_PGD_FIRST; i += PTE_SKIP)
		if (!ptes_clear(&mm->pgd[i]))
			for (int k = i; k < i + PTE_SKIP; k++)
				if (mm->pgd[k] & PTE_V) {
					free_l1_table(phys_to_virt(pte_to_pa(mm->pgd[k])));
					mm->pgd[k] = 0;
				}
}

/* The last hart or user let go: the root table and the struct go. */
static void mm_drop(struct mm *mm)
{
	if (__atomic_sub_fetch(&mm->refs, 1, __ATOMIC_ACQ_REL))
		return;
	free_page(mm->pgd);
	kfree(mm);
}

void mm_put(struct mm *mm)
{
	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL))
		return;
	/* The lock, for a truncation that may be walking the vmas. */
	mutex_lock(&mm->lock);
	struct vma *v, *n;
	list_for_each_entry_safe(v, n, &mm->vmas, link) {
		unmap_pages(mm, v->start, v->end);
		list_del(&v->link);
		vma_free(mm, v);
	}
	free_tables(mm);
	if (mm->sorted != mm->sorted_inline)
		kfree(mm->sorted);
	mm->sorted = mm->sorted_inline;
	mm->nr_vmas = 0;
	mm->max_vmas = MM_SORTED_INLINE;
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	if (mm->exe_file)
		file_put(mm->exe_file);
	mm_drop(mm);
}

void switch_mm(struct mm *mm)
{
	struct cpu *c = this_cpu();

	if (!mm)
		return;		/* lazy: the kernel half is the same everywhere */
	if (c->active_mm != mm) {
		__atomic_add_fetch(&mm->refs, 1, __ATOMIC_RELAXED);
		csr_write(satp, SATP_MODE_SV39 | (virt_to_phys(mm->pgd) >> PAGE_SHIFT));
		sfence_vma_all();
		struct mm *old = c->active_mm;
		c->active_mm = mm;
		c->tlb_gen = mm->tlb_gen;
		if (old)
			mm_drop(old);
	} else if (c->tlb_gen != mm->tlb_gen) {
		sfence_vma_all();
		c->tlb_gen = mm->tlb_gen;
	}
}

/*
 * Threads of mm running on other harts must drop their TLB entries too:
 * each such hart gets an IPI and flushes before this returns.  Harts that
 * merely hold mm lazily flush when they next run it (tlb_gen).  Called with
 * interrupts enabled and no spinlock held, so two harts shooting at each
 * other both make progress.
 */
static void shootdown(struct mm *mm)
{
	if (__atomic_load_n(&mm->users, __ATOMIC_ACQUIRE) <= 1)
		return;
	struct cpu *self = this_cpu();
	for (int i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c == self || READ_ONCE(c->active_mm) != mm)
			continue;
		__atomic_store_n(&c->flush_pending, 1, __ATOMIC_RELEASE);
		sbi_send_ipi(1, c->hartid);
	}
	for (int i = 0; i < ncpus; i++)
		while (__atomic_load_n(&cpus[i].flush_pending, __ATOMIC_ACQUIRE) && &cpus[i] != self)
			cpu_relax();
}

/* The IPI side of shootdown(). */
void tlb_flush_ipi(void)
{
	struct cpu *c = this_cpu();
	if (__atomic_exchange_n(&c->flush_pending, 0, __ATOMIC_ACQ_REL)) {
		sfence_vma_all();
		if (c->active_mm)
			c->tlb_gen = c->active_mm->tlb_gen;
	}
}

/*
 * After changing the mappings of [start, end) in mm: other harts running
 * mm flush at once, harts holding it lazily when they next run it, and
 * this hart flushes a few pages one by one (under qemu a full flush also
 * throws away every cached lookup) or everything.
 */
#define FLUSH_PAGES_MAX	16

static void flush_range(struct mm *mm, unsigned long start, unsigned long end)
{
	shootdown(mm);
	mm->tlb_gen++;
	struct cpu *c = this_cpu();
	if (c->active_mm != mm)
		return;
	if (end - start > FLUSH_PAGES_MAX * PAGE_SIZE)
		sfence_vma_all();
	else
		for (unsigned long va = start; va < end; va += PAGE_SIZE)
			sfence_vma_page(va);
	c->tlb_gen = mm->tlb_gen;
}

static void flush_all(struct mm *mm)
{
	flush_range(mm, 0, ~0ul);
}

/*
 * Beside the list, mm->sorted holds the vmas in address order, so that a
 * fault finds its vma by binary search, not by walking the list.  Room for
 * one more is made (vma_reserve) before anything that adds a vma changes.
 */
static int vma_reserve(struct mm *mm)
{
	if (mm->nr_vmas < mm->max_vmas)
		return 0;
	unsigned int max = 2 * mm->max_vmas;
	struct vma **sorted = kmalloc(max * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	memcpy(sorted, mm->sorted, mm->nr_vmas * sizeof(*sorted));
	if (mm->sorted != mm->sorted_inline)
		kfree(mm->sorted);
	mm->sorted = sorted;
	mm->max_vmas = max;
	return 0;
}

/* The position of the first vma ending after addr. */
static unsigned int vma_rank(struct mm *mm, unsigned long addr)
{
	unsigned int lo = 0, hi = mm->nr_vmas;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		if (mm->sorted[mid]->end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void sorted_add(struct mm *mm, struct vma *v)
{
	unsigned int i = vma_rank(mm, v->start);
	memmove(&mm->sorted[i + 1], &mm->sorted[i], (mm->nr_vmas - i) * sizeof(*mm->sorted));
	mm->sorted[i] = v;
	mm->nr_vmas++;
}

static void sorted_del(struct mm *mm, struct vma *v)
{
	unsigned int i = vma_rank(mm, v->start);
	mm->nr_vmas--;
	memmove(&mm->sorted[i], &mm->sorted[i + 1], (mm->nr_vmas - i) * sizeof(*mm->sorted));
}

struct vma *find_vma(struct mm *mm, unsigned long addr)
{
	struct vma *v = mm->cache;
	if (v && addr >= v->start && addr < v->end)
		return v;
	unsigned int i = vma_rank(mm, addr);
	if (i == mm->nr_vmas || mm->sorted[i]->start > addr)
		return NULL;
	return mm->cache = mm->sorted[i];
}

/* Room was reserved (vma_reserve). */
static void vma_insert(struct mm *mm, struct vma *nv)
{
	struct vma *v;
	list_for_each_entry(v, &mm->vmas, link)
		if (v->start > nv->start)
			break;
	list_add_tail(&nv->link, &v->link);
	sorted_add(mm, nv);
}

/* Split v at addr (inside it): v keeps [start, addr). */
static int vma_split(struct vma *v, unsigned long addr)
{
	if (vma_reserve(v->mm))
		return -ENOMEM;
	struct vma *tail = kmalloc(sizeof(*tail));
	if (!tail)
		return -ENOMEM;
	*tail = *v;
	tail->start = addr;
	if (v->file) {
		tail->file_off = v->file_off + (addr - v->start);
		file_get(v->file);
		vma_link_file(tail);
	}
	v->end = addr;
	list_add(&tail->link, &v->link);
	sorted_add(v->mm, tail);
	return 0;
}

int vma_unmap(struct mm *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + len, gone = 0;
	struct vma *v, *n;

	list_for_each_entry_safe(v, n, &mm->vmas, link) {
		if (v->end <= addr || v->start >= end)
			continue;
		if (v->start < addr) {
			if (vma_split(v, addr))
				return -ENOMEM;
			/* The tail, now after v, is the one to go on with. */
			n = list_entry(v->link.next, struct vma, link);
			continue;
		}
		if (v->end > end && vma_split(v, end))
			return -ENOMEM;
		gone += unmap_pages(mm, v->start, v->end);
		sorted_del(mm, v);
		list_del(&v->link);
		vma_free(mm, v);
	}
	mm->cache = NULL;
	if (gone)
		flush_range(mm, addr, end);
	return 0;
}

int vma_map(struct mm *mm, unsigned long addr, unsigned long len, unsigned int flags,
	    struct file *file, off_t off, unsigned long file_len)
{
	int err = vma_unmap(mm, addr, len);
	if (err)
		return err;
	if (vma_reserve(mm))
		return -ENOMEM;
	struct vma *v = kzalloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	v->start = addr;
	v->end = addr + len;
	v->flags = flags;
	v->mm = mm;
	if (file) {
		v->file = file_get(file);
		v->file_off = off;
		v->file_end = addr + file_len;
		vma_link_file(v);
	}
	vma_insert(mm, v);
	return 0;
}

unsigned long vma_find_free(struct mm *mm, unsigned long len, unsigned long hint)
{
	unsigned long addr = hint ? hint : mm->mmap_base;
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, link) {
		if (v->end <= addr)
			continue;
		if (v->start >= addr + len)
			break;
		addr = v->end;
	}
	if (addr + len > mm->stack_top - STACK_SIZE - STACK_GUARD)
		return 0;
	return addr;
}

static pte_t vma_pte_perm(struct vma *v)
{
	pte_t perm = PTE_U | PTE_A;
	if (v->flags & VM_READ)
		perm |= PTE_R;
	if (v->flags & VM_WRITE)
		perm |= PTE_W | PTE_D | PTE_R;
	if (v->flags & VM_EXEC)
		perm |= PTE_X;
	return perm;
}

/*
 * The page for a fault at va in v, with a reference for the page table:
 * zeros, or the file's data.  A page wholly inside the file's part of the
 * mapping is the page cache's (*shared: map it read-only, copy on write);
 * the last, partly file and partly zeros, is a private copy.
 */
static struct page *fault_page(struct vma *v, unsigned long va, bool *shared)
{
	*shared = false;
	if (v->file && va < v->file_end) {
		off_t pos = v->file_off + (va - v->start);
		if (pos >= ALIGN_UP(READ_ONCE(v->file->inode->size), (off_t)PAGE_SIZE))
			return ERR_PTR(-EIO);	/* past the end of the file: SIGBUS */
		/* As Linux: a read-only mapping (program text) shows the file to
		 * the end of its last page; a writable one, zeros after its
		 * part of the file (the bss), unless that part ends the file. */
		bool whole = va + PAGE_SIZE <= v->file_end ||
			     (!(v->flags & VM_WRITE) && v->end <= ALIGN_UP(v->file_end, PAGE_SIZE)) ||
			     pos + (off_t)(v->file_end - va) >= v->file->inode->size;
		if (whole && !(pos & (PAGE_SIZE - 1)))
			return pcache_get(v->file, (unsigned long)pos >> PAGE_SHIFT, shared);
		struct page *pg = alloc_user_page(MEMCG_ANON, false);
		if (!pg)
			return ERR_PTR(-ENOMEM);
		int err = kernel_read_page(v->file, page_address(pg),
					   MIN(PAGE_SIZE, v->file_end - va), pos);
		if (err) {
			put_page(pg);
			return ERR_PTR(err);
		}
		return pg;
	}
	struct page *pg = alloc_user_page(MEMCG_ANON, true);
	return pg ? pg : ERR_PTR(-ENOMEM);
}

/*
 * A fault in a shared file mapping: the page cache's page is mapped
 * itself, read-only until a store makes it dirty (so that write-back knows
 * what to write); then writable.
 */
static int fault_shared_file(struct mm *mm, struct vma *v, pte_t *pte, unsigned long va,
			     bool write)
{
	struct inode *in = v->file->inode;
	off_t pos = v->file_off + (va - v->start);
	unsigned long index = (unsigned long)pos >> PAGE_SHIFT;
	struct page *pg;

	if (pos >= ALIGN_UP(READ_ONCE(in->size), (off_t)PAGE_SIZE))
		return -EIO;
	if (*pte & PTE_V) {
		pg = pa_to_page(pte_to_pa(*pte));
		if (!write || (*pte & PTE_W)) {
			sfence_vma_page(va);	/* another thread got here first */
			return 0;
		}
	} else {
		pg = pcache_get_shared(v->file, index);
		if (PTR_ERR(pg) == -EAGAIN)
			return 0;	/* the access faults again */
		if (IS_ERR(pg))
			return PTR_ERR(pg) == -ENOMEM ? -ENOMEM : -EIO;
		*pte = pa_to_pte(page_to_pa(pg)) | (vma_pte_perm(v) & ~(PTE_W | PTE_D)) | PTE_V;
		mm->rss++;
		if (!write)
			return 0;
	}
	if (!pcache_dirty(in, index, pg))
		return -EIO;	/* truncated meanwhile: the truncation unmaps it */
	*pte |= PTE_W | PTE_D;
	sfence_vma_page(va);
	return 0;
}

/*
 * Fault-around, as Linux's: a read or execute fault in a read-only
 * private file mapping (a program's text and constants) maps the pages
 * around it that the page cache already holds as well, in the aligned
 * FAULT_AROUND pages about it, so that starting a program takes a fault
 * per 64 KiB of the text it runs rather than one per page.  Nothing is
 * read in: what is not cached yet faults as before.  Those pages are
 * what fault_page would map there (the whole page of the file; the last
 * one too, to its end, as the vma is not writable).  pte is va's entry,
 * valid now; the window lies in its leaf table.
 */
#define FAULT_AROUND 16

static void fault_around(struct mm *mm, struct vma *v, unsigned long va, pte_t *pte)
{
	const unsigned long window = FAULT_AROUND * PAGE_SIZE;
	unsigned long file_end = v->end <= ALIGN_UP(v->file_end, PAGE_SIZE) ?
					 ALIGN_UP(v->file_end, PAGE_SIZE) : ALIGN_DOWN(v->file_end, PAGE_SIZE);
	unsigned long size_end = v->start + ALIGN_UP(READ_ONCE(v->file->inode->size), (off_t)PAGE_SIZE)
				 - v->file_off;
	unsigned long start = MAX(ALIGN_DOWN(va, window), v->start);
	unsigned long end = MIN(MIN(ALIGN_DOWN(va, window) + window, v->end), MIN(file_end, size_end));
	struct page *pages[FAULT_AROUND];

	if (v->file_off & (PAGE_SIZE - 1) || v->file_off >= v->file->inode->size || end <= start + PAGE_SIZE)
		return;
	int n = (int)((end - start) / PAGE_SIZE);
	unsigned long index = (unsigned long)(v->file_off + (start - v->start)) >> PAGE_SHIFT;
	if (!pcache_find_range(v->file->inode, index, pages, n))
		return;
	pte_t perm = vma_pte_perm(v) | PTE_V;
	pte_t *first = pte - (va - start) / PAGE_SIZE;
	for (int i = 0; i < n; i++) {
		if (!pages[i])
			continue;
		if (first[i]) {		/* mapped already, va among them */
			put_page(pages[i]);
			continue;
		}
		first[i] = pa_to_pte(page_to_pa(pages[i])) | perm;
		mm->rss++;
	}
}

static int fault_locked(struct mm *mm, unsigned long addr, int cause)
{
	unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vma *v = find_vma(mm, addr);
	bool write = cause == EXC_STORE_PAGE_FAULT;

	if (!v)
		return -EFAULT;
	if ((write && !(v->flags & VM_WRITE)) ||
	    (cause == EXC_INST_PAGE_FAULT && !(v->flags & VM_EXEC)) ||
	    (cause == EXC_LOAD_PAGE_FAULT && !(v->flags & (VM_READ | VM_WRITE))))
		return -EACCES;
	pte_t *pte = walk(mm->pgd, va, true);
	if (!pte)
		return -ENOMEM;
	if (v->file && (v->flags & VM_SHARED))
		return fault_shared_file(mm, v, pte, va, write);
	if (!(*pte & PTE_V)) {
		bool shared;
		struct page *pg = fault_page(v, va, &shared);
		if (IS_ERR(pg))
			return PTR_ERR(pg);
		pte_t perm = vma_pte_perm(v);
		if (shared && (perm & PTE_W) && !(v->flags & VM_SHARED))
			perm = (perm & ~(PTE_W | PTE_D)) | PTE_COW;
		*pte = pa_to_pte(page_to_pa(pg)) | perm | PTE_V;
		mm->rss++;
		if (write && (perm & PTE_COW))
			return fault_locked(mm, addr, cause);	/* now copy it */
		if (shared && !(v->flags & VM_WRITE))
			fault_around(mm, v, va, pte);
		return 0;
	}
	if (write && (*pte & PTE_COW)) {
		struct page *old = pa_to_page(pte_to_pa(*pte));
		if (__atomic_load_n(&old->refcnt, __ATOMIC_ACQUIRE) == 1) {
			*pte = (*pte & ~PTE_COW) | PTE_W | PTE_D;
		} else {
			struct page *copy = alloc_user_page(MEMCG_ANON, false);
			if (!copy)
				return -ENOMEM;
			memcpy(page_address(copy), page_address(old), PAGE_SIZE);
			*pte = pa_to_pte(page_to_pa(copy)) | vma_pte_perm(v) | PTE_V;
			put_page(old);
		}
		flush_range(mm, va, va + PAGE_SIZE);
		return 0;
	}
	/* Already mapped as needed (another thread got here first). */
	sfence_vma_page(va);
	return 0;
}

/*
 * Out of memory at a fault, as Linux: the process with the most resident
 * pages (never init) is killed, and the fault is tried again once the
 * victim has had time to go.  While one victim is still dying nobody else
 * is chosen.  Returns false when there is nobody left to kill.
 */
static bool oom_kill(void)
{
	struct task *victim = NULL, *t;
	unsigned long most = 0;
	bool dying = false;

	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link) {
		if (!t->mm || t == init_pid_ns.child_reaper || t->state == TASK_ZOMBIE ||
		    t->state == TASK_DEAD)
			continue;
		if (READ_ONCE(t->pending) & sigmask(SIGKILL))
			dying = true;
		else if (t->mm->rss > most) {
			most = t->mm->rss;
			victim = t;
		}
	}
	if (!dying && victim) {
		console_quiet = false;
		printk("kernel: out of memory: killed process %d (%s), %lu pages\n",
		       task_tgid_vnr(victim), victim->comm, most);
		send_signal(victim, SIGKILL);
	}
	spin_unlock(&tasklist_lock);
	return dying || victim;
}

int handle_page_fault(unsigned long addr, int cause)
{
	struct mm *mm = current->mm;
	if (!mm || addr >= USER_TOP)
		return -EFAULT;
	count_vm_event(PGFAULT);
	memcg_count_fault();
	for (int tries = 0;; tries++) {
		mutex_lock(&mm->lock);
		current->in_user_fault = true;
		int err = fault_locked(mm, addr, cause);
		current->in_user_fault = false;
		mutex_unlock(&mm->lock);
		if (err != -ENOMEM || (READ_ONCE(current->pending) & sigmask(SIGKILL)))
			return err;
		/* Its memory cgroup's limit: that group's OOM killer has
		 * chosen; wait for the victim, never kill outside the group. */
		if (current->memcg_oom) {
			if (tries < 500 && memcg_oom_synchronize())
				continue;
			current->memcg_oom = MEMCG_OOM_NONE;
			return err;
		}
		if (tries >= 50 || !oom_kill())
			return err;
		sleep_until(timer_now_ns() + 10000000, false);	/* 10 ms */
	}
}

/* Fork: share v's pages of old with mm, a leaf table at a time; private
 * writable pages become copy-on-write in both.  Tables only for the 2 MiB
 * ranges where old has pages. */
static int copy_ptes(struct mm *mm, struct mm *old, struct vma *v)
{
	unsigned long next;
	for (unsigned long va = v->start; va < v->end; va = next) {
		pte_t *table = leaf_table(old->pgd, va, &next);
		next = MIN(next, v->end);
		if (!table)
			continue;
		pte_t *src = &table[vpn(va, 0)], *dst = NULL;
		unsigned long n = (next - va) / PAGE_SIZE;
		for (unsigned long i = 0; i < n; i++) {
			if (i + PTE_SKIP <= n && ptes_clear(&src[i])) {
				i += PTE_SKIP - 1;
				continue;
			}
			if (!(src[i] & PTE_V))
				continue;
			if (!dst && !(dst = walk(mm->pgd, va, true)))
				return -ENOMEM;
			if ((src[i] & PTE_W) && !(v->flags & VM_SHARED))
				src[i] = (src[i] & ~PTE_W) | PTE_COW;
			get_page(pa_to_page(pte_to_pa(src[i])));
			dst[i] = src[i];
			mm->rss++;
		}
	}
	return 0;
}

struct mm *mm_dup(struct mm *old)
{
	struct mm *mm = mm_create();
	if (!mm)
		return NULL;
	if (mm_map_vdso(mm, old->vdso_base)) {
		mm_put(mm);
		return NULL;
	}
	mutex_lock(&old->lock);
	mm->stack_top = old->stack_top;
	mm->mmap_base = old->mmap_base;
	mm->brk_start = old->brk_start;
	mm->brk = old->brk;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->exe_file = old->exe_file ? file_get(old->exe_file) : NULL;
	struct vma *v;
	list_for_each_entry(v, &old->vmas, link) {
		struct vma *nv = kmalloc(sizeof(*nv));
		if (!nv)
			goto fail;
		*nv = *v;
		nv->mm = mm;
		if (nv->file) {
			file_get(nv->file);
			vma_link_file(nv);
		}
		if (vma_reserve(mm)) {
			vma_unlink_file(nv);
			if (nv->file)
				file_put(nv->file);
			kfree(nv);
			goto fail;
		}
		list_add_tail(&nv->link, &mm->vmas);
		mm->sorted[mm->nr_vmas++] = nv;
		if (copy_ptes(mm, old, v))
			goto fail;
	}
	flush_all(old);
	mutex_unlock(&old->lock);
	return mm;
fail:
	flush_all(old);
	mutex_unlock(&old->lock);
	mm_put(mm);
	return NULL;
}

/* Copy bytes into a fresh mm (not yet running): used by exec for the stack. */
int mm_populate_copy(struct mm *mm, unsigned long addr, const void *src, size_t len)
{
	const char *s = src;
	while (len) {
		unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE);
		pte_t *pte = walk(mm->pgd, va, true);
		if (!pte)
			return -ENOMEM;
		if (!(*pte & PTE_V)) {
			struct page *page = alloc_user_page(MEMCG_ANON, true);
			if (!page)
				return -ENOMEM;
			*pte = pa_to_pte(page_to_pa(page)) | PTE_V | PTE_U | PTE_R | PTE_W |
			       PTE_A | PTE_D;
			mm->rss++;
		}
		size_t off = addr - va, n = MIN(len, PAGE_SIZE - off);
		memcpy((char *)phys_to_virt(pte_to_pa(*pte)) + off, s, n);
		s += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/* ---- system calls ---- */

long sys_brk(unsigned long brk)
{
	struct mm *mm = current->mm;
	mutex_lock(&mm->lock);
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(brk, PAGE_SIZE);
	if (brk < mm->brk_start || brk >= MMAP_BASE)
		goto out;
	if (new_end > old_end) {
		struct vma *v;
		list_for_each_entry(v, &mm->vmas, link)
			if (v->start < new_end && v->end > old_end)
				goto out;
		if (vma_map(mm, old_end, new_end - old_end, VM_READ | VM_WRITE, NULL, 0, 0))
			goto out;
	} else if (new_end < old_end) {
		vma_unmap(mm, new_end, old_end - new_end);
	}
	mm->brk = brk;
out:
	brk = mm->brk;
	mutex_unlock(&mm->lock);
	return brk;
}

#include <linux/mman.h>

/* Give every page of [addr, addr + len) in its vma a zeroed page now. */
static int populate(struct mm *mm, unsigned long addr, unsigned long len)
{
	struct vma *v = find_vma(mm, addr);
	/* Never more than what is free, less a sixteenth of memory kept for
	 * everyone else: a huge request fails at once instead of taking
	 * every page first. */
	unsigned long free = nr_free_pages() + pcache_reclaimable();
	unsigned long keep = nr_total_pages() / 16;
	if (!v || len / PAGE_SIZE + keep > free)
		return -ENOMEM;
	pte_t perm = vma_pte_perm(v) | PTE_V;
	for (unsigned long va = addr; va < addr + len; va += PAGE_SIZE) {
		pte_t *pte = walk(mm->pgd, va, true);
		if (!pte)
			return -ENOMEM;
		if (*pte & PTE_V)
			continue;
		struct page *page = alloc_user_page(MEMCG_ANON, true);
		if (!page)
			return -ENOMEM;
		*pte = pa_to_pte(page_to_pa(page)) | perm;
		mm->rss++;
	}
	return 0;
}

/* The flags Linux's MAP_SHARED_VALIDATE accepts for a file (LEGACY_MAP_MASK,
 * plus MAP_FIXED_NOREPLACE, which is checked before). */
#define MAP_KNOWN_FLAGS	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | \
			 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | \
			 MAP_FIXED_NOREPLACE)

/* May f be mapped so?  Adds VM_SHARED and VM_MAYWRITE to *vflags as
 * Linux: a shared writable mapping needs a file open for writing. */
static int file_mmap_flags(struct file *f, unsigned long flags, unsigned long prot,
			   unsigned int *vflags)
{
	/* Not a pipe or pidfd (no inode), nor a file with no data to read
	 * (a namespace's), as Linux. */
	if (!f->inode || !S_ISREG(f->inode->mode) || !f->f_op || !f->f_op->read)
		return -ENODEV;
	if (!(f->mode & FMODE_READ))
		return -EACCES;
	if (!(flags & MAP_SHARED))
		return 0;
	if (!f->inode->sb || !f->inode->sb->pcache)
		return -ENODEV;		/* no page cache to share */
	if (f->mode & FMODE_WRITE)
		*vflags |= VM_MAYWRITE;
	else if (prot & PROT_WRITE)
		return -EACCES;
	*vflags |= VM_SHARED;
	return 0;
}

/* Does any vma overlap [start, end)? */
bool vma_range_used(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v;
	list_for_each_entry(v, &mm->vmas, link) {
		if (v->start >= end)
			break;
		if (v->end > start)
			return true;
	}
	return false;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, long fd, unsigned long off)
{
	struct mm *mm = current->mm;
	struct file *file = NULL;
	unsigned int vflags = prot & (VM_READ | VM_WRITE | VM_EXEC);
	long ret;

	if (!len || (off & (PAGE_SIZE - 1)) || (addr & (PAGE_SIZE - 1)))
		return -EINVAL;
	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_PRIVATE &&
	    (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return -EINVAL;
	/* As Linux: only MAP_SHARED_VALIDATE refuses flags it does not know
	 * (MAP_SYNC among them: no file here is DAX). */
	if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && !(flags & MAP_ANONYMOUS) &&
	    (flags & ~(unsigned long)MAP_KNOWN_FLAGS))
		return -EOPNOTSUPP;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len > MMAP_BASE)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fd_get(fd);
		if (!file)
			return -EBADF;
		if ((ret = file_mmap_flags(file, flags, prot, &vflags)))
			goto out_file;
	} else if (flags & MAP_SHARED) {
		vflags |= VM_SHARED;
	}
	mutex_lock(&mm->lock);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		ret = (addr + len > mm->stack_top || addr < PAGE_SIZE) ? -EINVAL : 0;
		if (!ret && !(flags & MAP_FIXED) && vma_range_used(mm, addr, addr + len))
			ret = -EEXIST;
	} else {
		addr = vma_find_free(mm, len, addr >= MMAP_BASE ? addr : 0);
		ret = addr ? 0 : -ENOMEM;
	}
	if (!ret) {
		/* The file's part is the whole mapping: a page past the
		 * file's end raises SIGBUS (fault_page). */
		ret = vma_map(mm, addr, len, vflags, file, off, file ? len : 0);
		/* Shared anonymous memory has no object behind it here: its
		 * pages are made now, so a child forked before the first touch
		 * shares them too. */
		if (!ret && !file && (vflags & VM_SHARED) && (ret = populate(mm, addr, len)))
			vma_unmap(mm, addr, len);
	}
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	if (!ret)
		ret = addr;
out_file:
	if (file)
		file_put(file);
	return ret;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm *mm = current->mm;
	if ((addr & (PAGE_SIZE - 1)) || !len || addr >= STACK_TOP)
		return -EINVAL;
	mutex_lock(&mm->lock);
	int err = vma_unmap(mm, addr, ALIGN_UP(len, PAGE_SIZE));
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	return err;
}

/* Give v's present pages its (new) permissions; true if any changed.  A
 * private page still shared stays copy-on-write; a shared file page is
 * made writable again only by its next write fault (pcache_dirty). */
static bool protect_pages(struct mm *mm, struct vma *v)
{
	pte_t perm = vma_pte_perm(v);
	bool changed = false;
	if (v->file && (v->flags & VM_SHARED))
		perm &= ~(PTE_W | PTE_D);
	for (unsigned long va = v->start; va < v->end; va += PAGE_SIZE) {
		pte_t *pte = walk(mm->pgd, va, false);
		if (!pte || !(*pte & PTE_V))
			continue;
		pte_t keep = *pte & ~(pte_t)0x3ff;
		bool cow = !(v->flags & VM_SHARED) && ((*pte & PTE_COW) || (!(*pte & PTE_W) &&
			    pa_to_page(pte_to_pa(*pte))->refcnt > 1));
		pte_t np = keep | perm | PTE_V;
		if (cow && (np & PTE_W))
			np = (np & ~PTE_W) | PTE_COW;
		changed |= np != *pte;
		*pte = np;
	}
	return changed;
}

long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	struct mm *mm = current->mm;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	int err = 0;
	bool changed = false;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	mutex_lock(&mm->lock);
	for (unsigned long a = addr; a < end;) {
		struct vma *v = find_vma(mm, a);
		if (!v) {
			err = -ENOMEM;
			break;
		}
		if ((prot & PROT_WRITE) && (v->flags & VM_SHARED) && v->file &&
		    !(v->flags & VM_MAYWRITE)) {
			err = -EACCES;
			break;
		}
		if (v->start < a && (err = vma_split(v, a)))
			break;
		v = find_vma(mm, a);
		if (v->end > end && (err = vma_split(v, end)))
			break;
		vma_unlink_file(v);
		v->flags = (v->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) |
			   (prot & (VM_READ | VM_WRITE | VM_EXEC));
		vma_link_file(v);
		changed |= protect_pages(mm, v);
		mm->cache = NULL;
		a = v->end;
	}
	if (changed)
		flush_range(mm, addr, end);
	mutex_unlock(&mm->lock);
	return err;
}

/* Read another process's memory through its page table (procfs cmdline).
 * Caller holds mm->lock; pages not present read as zeros. */
int mm_read_user(struct mm *mm, unsigned long addr, void *buf, size_t len)
{
	char *out = buf;
	while (len) {
		unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE);
		size_t off = addr - va, n = MIN(len, PAGE_SIZE - off);
		pte_t *pte = walk(mm->pgd, va, false);
		if (pte && (*pte & PTE_V))
			memcpy(out, (char *)phys_to_virt(pte_to_pa(*pte)) + off, n);
		else
			memset(out, 0, n);
		out += n;
		addr += n;
		len -= n;
	}
	return 0;
}

bool mm_shared_phys(struct mm *mm, unsigned long addr, unsigned long *pa)
{
	bool shared = false;
	mutex_lock(&mm->lock);
	struct vma *vma = find_vma(mm, addr);
	if (vma && (vma->flags & VM_SHARED)) {
		unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE);
		pte_t *pte = walk(mm->pgd, va, false);
		if ((!pte || !(*pte & PTE_V)) && fault_locked(mm, addr, EXC_LOAD_PAGE_FAULT) == 0)
			pte = walk(mm->pgd, va, false);
		if (pte && (*pte & PTE_V)) {
			*pa = pte_to_pa(*pte) + (addr - va);
			shared = true;
		}
	}
	mutex_unlock(&mm->lock);
	return shared;
}

int mm_access(struct mm *mm, unsigned long addr, void *buf, size_t len, bool write)
{
	char *b = buf;
	size_t done = 0;
	mutex_lock(&mm->lock);
	while (done < len) {
		unsigned long va = ALIGN_DOWN(addr, PAGE_SIZE);
		size_t off = addr - va, n = MIN(len - done, PAGE_SIZE - off);
		if (addr >= USER_TOP)
			break;
		pte_t *pte = walk(mm->pgd, va, false);
		if (!pte || !(*pte & PTE_V) || (write && !(*pte & PTE_W))) {
			if (fault_locked(mm, addr, write ? EXC_STORE_PAGE_FAULT : EXC_LOAD_PAGE_FAULT))
				break;
			pte = walk(mm->pgd, va, false);
			if (!pte || !(*pte & PTE_V))
				break;
		}
		char *page = (char *)phys_to_virt(pte_to_pa(*pte));
		if (write)
			memcpy(page + off, b + done, n);
		else
			memcpy(b + done, page + off, n);
		done += n;
		addr += n;
	}
	mutex_unlock(&mm->lock);
	return done ? (int)done : -EIO;
}

/* madvise: MADV_DONTNEED drops the pages (private mappings read back as
 * zeros or the file's contents); the other advice changes nothing here. */
long sys_madvise(unsigned long addr, unsigned long len, int advice)
{
	struct mm *mm = current->mm;
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	if (end < addr || end > STACK_TOP)
		return -EINVAL;
	if (advice != MADV_DONTNEED)
		return advice >= 0 && advice <= MADV_COLLAPSE ? 0 : -EINVAL;
	mutex_lock(&mm->lock);
	long err = 0;
	for (unsigned long a = addr; a < end;) {
		struct vma *v = find_vma(mm, a);
		if (!v) {
			err = -ENOMEM;
			a += PAGE_SIZE;
			continue;
		}
		unsigned long stop = MIN(end, v->end);
		if (!(v->flags & VM_SHARED) && unmap_pages(mm, a, stop))
			flush_range(mm, a, stop);
		a = stop;
	}
	mutex_unlock(&mm->lock);
	return err;
}

/* ---- mremap ---- */

/* Move the pages of [from, from + len) to [to, to + len), both in mm.  The
 * tables for the destination come first, so a failure moves nothing. */
static int move_pages(struct mm *mm, unsigned long from, unsigned long to, unsigned long len)
{
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
			pte_t *src = walk(mm->pgd, from + off, false);
			if (!src || !(*src & PTE_V))
				continue;
			pte_t *dst = walk(mm->pgd, to + off, true);
			if (!dst)
				return -ENOMEM;
			if (pass == 1) {
				*dst = *src;
				*src = 0;
			}
		}
	}
	return 0;
}

/* The part of the file a vma shows from new_start on, after its start
 * moved or it grew: all of it if the file covered all of it before. */
static unsigned long moved_file_end(const struct vma *v, unsigned long addr,
				    unsigned long new_start, unsigned long new_end)
{
	if (v->file_end >= v->end)
		return new_end;
	return v->file_end > addr ? new_start + (v->file_end - addr) : new_start;
}

/* Map v's [addr, addr + old_len) at new_addr with new_len, taking its pages
 * along; the old range goes unless keep_old (MREMAP_DONTUNMAP). */
static long move_vma(struct mm *mm, struct vma *v, unsigned long addr, unsigned long old_len,
		     unsigned long new_addr, unsigned long new_len, bool keep_old)
{
	if (vma_reserve(mm))
		return -ENOMEM;
	struct vma *nv = kmalloc(sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	*nv = *v;
	nv->start = new_addr;
	nv->end = new_addr + new_len;
	nv->file_off = v->file_off + (addr - v->start);
	nv->file_end = moved_file_end(v, addr, new_addr, nv->end);
	int err = move_pages(mm, addr, new_addr, MIN(old_len, new_len));
	if (err) {
		kfree(nv);
		return err;
	}
	if (nv->file) {
		file_get(nv->file);
		vma_link_file(nv);
	}
	vma_insert(mm, nv);
	flush_range(mm, addr, addr + old_len);
	if (!keep_old)
		vma_unmap(mm, addr, old_len);
	mm->cache = NULL;
	if (!nv->file && (nv->flags & VM_SHARED) && new_len > old_len)
		populate(mm, new_addr + old_len, new_len - old_len);
	return new_addr;
}

/* As Linux's vma_to_resize: the vma [addr, addr + old_len) lies in. */
static struct vma *resizable_vma(struct mm *mm, unsigned long addr, unsigned long old_len,
				 long *err)
{
	struct vma *v = find_vma(mm, addr);
	*err = -EFAULT;
	if (!v)
		return NULL;
	if (!old_len && !(v->flags & VM_SHARED)) {
		*err = -EINVAL;
		return NULL;
	}
	if (old_len > v->end - addr)
		return NULL;
	return v;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: to new_addr (or anywhere free). */
static long mremap_to(struct mm *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	long err;
	if (new_addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (new_len > mm->stack_top || new_addr > mm->stack_top - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;		/* the ranges overlap */
	if ((flags & MREMAP_FIXED) && (err = vma_unmap(mm, new_addr, new_len)))
		return err;
	if (old_len > new_len) {
		if ((err = vma_unmap(mm, addr + new_len, old_len - new_len)))
			return err;
		old_len = new_len;
	}
	struct vma *v = resizable_vma(mm, addr, old_len, &err);
	if (!v)
		return err;
	if (!(flags & MREMAP_FIXED) && !(new_addr = vma_find_free(mm, new_len, 0)))
		return -ENOMEM;
	return move_vma(mm, v, addr, old_len, new_addr, new_len, flags & MREMAP_DONTUNMAP);
}

/* Grow v, which ends at addr + old_len, in place if nothing follows it. */
static bool grow_in_place(struct mm *mm, struct vma *v, unsigned long new_end)
{
	struct vma *next = list_entry(v->link.next, struct vma, link);
	if (new_end > mm->stack_top || (&next->link != &mm->vmas && next->start < new_end))
		return false;
	unsigned long old_end = v->end;
	if (v->file_end >= v->end)
		v->file_end = new_end;
	v->end = new_end;
	if (!v->file && (v->flags & VM_SHARED))
		populate(mm, old_end, new_end - old_end);
	return true;
}

static long mremap_locked(struct mm *mm, unsigned long addr, unsigned long old_len,
			  unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	long err;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_len, flags, new_addr);
	if (old_len >= new_len) {
		err = old_len > new_len ? vma_unmap(mm, addr + new_len, old_len - new_len) : 0;
		return err ? err : (long)addr;
	}
	struct vma *v = resizable_vma(mm, addr, old_len, &err);
	if (!v)
		return err;
	if (addr + old_len == v->end && grow_in_place(mm, v, addr + new_len))
		return addr;
	if (!(flags & MREMAP_MAYMOVE) || !(new_addr = vma_find_free(mm, new_len, 0)))
		return -ENOMEM;
	return move_vma(mm, v, addr, old_len, new_addr, new_len, false);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm *mm = current->mm;

	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || old_len > STACK_TOP || addr >= STACK_TOP)
		return -EINVAL;
	mutex_lock(&mm->lock);
	long ret = mremap_locked(mm, addr, old_len, new_len, flags, new_addr);
	mutex_unlock(&mm->lock);
	mm_flush_dead(mm);
	return ret;
}

/* ---- msync and mincore ---- */

/* The first vma ending after addr, or NULL.  mm->lock held. */
static struct vma *vma_after(struct mm *mm, unsigned long addr)
{
	struct vma *v;
	list_for_each_entry(v, &mm->vmas, link)
		if (v->end > addr)
			return v;
	return NULL;
}

long sys_msync(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm *mm = current->mm;
	long err = 0, unmapped = 0;

	if ((addr & (PAGE_SIZE - 1)) || (flags & ~(unsigned long)(MS_ASYNC | MS_INVALIDATE | MS_SYNC)))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	unsigned long end = addr + ALIGN_UP(len, PAGE_SIZE);
	if (end < addr)
		return -ENOMEM;
	/* One vma at a time: its file's pages are written without mm->lock. */
	while (addr < end) {
		mutex_lock(&mm->lock);
		struct vma *v = vma_after(mm, addr);
		if (!v || v->start >= end) {
			mutex_unlock(&mm->lock);
			unmapped = -ENOMEM;
			break;
		}
		if (v->start > addr)
			unmapped = -ENOMEM;
		unsigned long from = MAX(addr, v->start), to = MIN(end, v->end);
		struct file *f = v->file && (v->flags & VM_SHARED) ? file_get(v->file) : NULL;
		off_t off = v->file_off + (off_t)(from - v->start);
		mutex_unlock(&mm->lock);
		if (f) {
			long e = pcache_writeback(f->inode, off, off + (off_t)(to - from));
			if (!e && (flags & MS_SYNC) && f->f_op && f->f_op->fsync)
				e = f->f_op->fsync(f);
			err = err ? err : e;
			file_put(f);
		}
		addr = to;
	}
	return err ? err : unmapped;
}

#define MINCORE_CHUNK	256	/* pages looked at per hold of mm->lock */

/* Fill vec[0..n) for the pages from addr on, all in one vma; returns how
 * many were done, or -ENOMEM where nothing is mapped.  mm->lock held. */
static long mincore_vma(struct mm *mm, unsigned long addr, unsigned long n, unsigned char *vec)
{
	struct vma *v = find_vma(mm, addr);
	if (!v)
		return -ENOMEM;
	n = MIN(n, (v->end - addr) >> PAGE_SHIFT);
	for (unsigned long i = 0; i < n; i++) {
		unsigned long va = addr + (i << PAGE_SHIFT);
		pte_t *pte = walk(mm->pgd, va, false);
		if (pte && (*pte & PTE_V))
			vec[i] = 1;
		else if (v->file)
			vec[i] = pcache_resident(v->file->inode,
						 (unsigned long)(v->file_off + (va - v->start)) >> PAGE_SHIFT);
		else
			vec[i] = 0;
	}
	return n;
}

long sys_mincore(unsigned long addr, unsigned long len, unsigned char __user *vec)
{
	struct mm *mm = current->mm;
	unsigned char buf[MINCORE_CHUNK];

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (len > STACK_TOP || addr > STACK_TOP - len)
		return -ENOMEM;
	unsigned long pages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	while (pages) {
		mutex_lock(&mm->lock);
		long n = mincore_vma(mm, addr, MIN(pages, (unsigned long)MINCORE_CHUNK), buf);
		mutex_unlock(&mm->lock);
		if (n < 0)
			return n;
		if (copy_to_user(vec, buf, n))
			return -EFAULT;
		vec += n;
		pages -= n;
		addr += (unsigned long)n << PAGE_SHIFT;
	}
	return 0;
}

/* ---- truncation of mapped files ---- */

/*
 * Calling fn for every mm that maps in: each mm with a vma of in not yet
 * marked in this pass is handled under its own lock, found again from the
 * list's head each time, since the list may change while i_mmap_lock is
 * let go; fn marks every vma of in it handled.  An mm forked meanwhile
 * copies its parent's vmas with their marks: handled already, or still to
 * handle.  Each kind of walk has its own mark, so two kinds may overlap.
 */
typedef void (*mapping_fn)(struct mm *mm, struct vma *v, void *arg);

static void for_each_mapping(struct inode *in, int kind, mapping_fn fn, void *arg)
{
	unsigned long pass = __atomic_add_fetch(&unmap_passes, 1, __ATOMIC_RELAXED);

	for (;;) {
		spin_lock(&i_mmap_lock);
		struct vma *v = in->i_mmap;
		while (v && v->walk_pass[kind] == pass)
			v = v->i_next;
		if (!v) {
			spin_unlock(&i_mmap_lock);
			return;
		}
		v->walk_pass[kind] = pass;
		struct mm *mm = v->mm;
		__atomic_add_fetch(&mm->refs, 1, __ATOMIC_RELAXED);
		spin_unlock(&i_mmap_lock);
		mutex_lock(&mm->lock);
		if (__atomic_load_n(&mm->users, __ATOMIC_ACQUIRE)) {
			list_for_each_entry(v, &mm->vmas, link) {
				if (v->file && v->file->inode == in) {
					v->walk_pass[kind] = pass;
					fn(mm, v, arg);
				}
			}
		}
		mutex_unlock(&mm->lock);
		mm_drop(mm);
	}
}

/* The part of v that maps file pages first..last (inclusive), clipped to
 * the file's part of v; false if none. */
static bool vma_file_range(const struct vma *v, unsigned long first, unsigned long last,
			   unsigned long *start, unsigned long *stop)
{
	unsigned long vfirst = (unsigned long)v->file_off >> PAGE_SHIFT;
	unsigned long vpages = (MIN(v->end, v->file_end) - v->start) >> PAGE_SHIFT;
	if (!vpages || last < vfirst || first >= vfirst + vpages)
		return false;
	*start = v->start + ((first > vfirst ? first - vfirst : 0) << PAGE_SHIFT);
	*stop = v->start + ((MIN(last - vfirst, vpages - 1) + 1) << PAGE_SHIFT);
	return true;
}

static void truncate_vma(struct mm *mm, struct vma *v, void *arg)
{
	unsigned long from = *(unsigned long *)arg, start, stop;
	if (vma_file_range(v, from, ~0ul, &start, &stop) && unmap_pages(mm, start, stop))
		flush_range(mm, start, stop);
}

void mapping_truncate(struct inode *in, off_t size)
{
	unsigned long from = (unsigned long)ALIGN_UP(size, (off_t)PAGE_SIZE) >> PAGE_SHIFT;
	for_each_mapping(in, WALK_TRUNCATE, truncate_vma, &from);
}

/* Make the pages of a shared writable vma read-only again, so the next
 * store faults and marks its page dirty. */
static void wrprotect_vma(struct mm *mm, struct vma *v, void *arg)
{
	unsigned long *range = arg, start, stop, next;
	bool changed = false;
	if (!(v->flags & VM_SHARED) || !vma_file_range(v, range[0], range[1], &start, &stop))
		return;
	for (unsigned long va = start; va < stop; va = next) {
		pte_t *table = leaf_table(mm->pgd, va, &next);
		if (!table)
			continue;
		for (unsigned long a = va; a < MIN(next, stop); a += PAGE_SIZE) {
			pte_t *pte = &table[vpn(a, 0)];
			if ((*pte & PTE_V) && (*pte & PTE_W)) {
				*pte &= ~(PTE_W | PTE_D);
				changed = true;
			}
		}
	}
	if (changed)
		flush_range(mm, start, stop);
}

void mapping_wrprotect(struct inode *in, unsigned long first, unsigned long last)
{
	unsigned long range[2] = { first, last };
	for_each_mapping(in, WALK_WRPROTECT, wrprotect_vma, range);
}
