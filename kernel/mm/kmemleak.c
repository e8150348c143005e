/*
 * kmemleak (kmemleak.h): the table of live objects, the scan, and the
 * debugfs file.
 *
 * kmemleak_lock (a spinlock) guards the hash table of objects, the pool
 * of free records, the flags of every object and the scan: a scan holds
 * it from start to end, so no object is freed while its memory is read.
 * It is a leaf: nothing is called under it that takes another lock but
 * tasklist_lock's copy of the stacks, made before it is taken.  Records
 * live in pages of their own taken straight from the page allocator
 * (never kmalloc, which reports here), outside the lock.
 */
#include "kmemleak.h"
#include "kmalloc.h"
#include "debugfs.h"
#include "mm.h"
#include "proc.h"
#include "ns.h"
#include "fs.h"
#include "file.h"
#include "uaccess.h"
#include "timer.h"
#include "sections.h"
#include "boot.h"
#include "printk.h"
#include "string.h"

#define HASH_BUCKETS	4096
#define MAX_REPORTS	200		/* listed per read */
#define REPORT_BUF	(64 * 1024)
#define MAX_STACKS	512		/* task stacks scanned */
#define TEST_LEAK_SIZE	64		/* the object "test" plants */

enum {
	OBJ_REFERENCED = 1,	/* found by the current scan */
	OBJ_IGNORED = 2,	/* cleared: never reported again */
	OBJ_LEAK = 4,		/* unreferenced at the last scan */
};

struct kmemleak_object {
	struct kmemleak_object *hash_next;
	struct kmemleak_object *gray_next;	/* scan's work list */
	unsigned long ptr;
	size_t size;
	unsigned long caller;
	uint64_t born_ns;
	int pid;
	int flags;
	char comm[TASK_COMM_LEN];
};

bool kmemleak_enabled;
static struct spinlock kmemleak_lock = SPINLOCK_INIT("kmemleak");
static struct kmemleak_object *buckets[HASH_BUCKETS];
static struct kmemleak_object *free_records;
static unsigned long nr_objects;
static unsigned long min_addr = ~0ul, max_addr;	/* bounds of tracked objects */
static struct kmemleak_object *gray;

static const struct file_operations kmemleak_fops;

void kmemleak_init(void)
{
	char val[8];
	const char *v = cmdline_get("kmemleak", val, sizeof(val));
	if (!v || strcmp(v, "on"))
		return;
	kmemleak_enabled = true;
	debugfs_create_file("kmemleak", 0600, &kmemleak_fops);
}

/* Multiplicative (Fibonacci) hashing: objects are aligned to their size
 * class (a 1 KiB block buffer to 1 KiB, a page to 4 KiB), so the low bits
 * of the address say little; (p >> 4) % 4096 put every 1 KiB object in one
 * of 64 buckets and made a free walk a chain of thousands. */
static unsigned long hash_ptr(unsigned long p)
{
	_Static_assert((HASH_BUCKETS & (HASH_BUCKETS - 1)) == 0, "a power of two");
	return (p * 0x9e3779b97f4a7c15ull) >> (64 - __builtin_ctz(HASH_BUCKETS));
}

/* A page of fresh records onto the free list; false when memory is out. */
static bool grow_pool(void)
{
	struct page *pg = alloc_pages(0);
	if (!pg)
		return false;
	struct kmemleak_object *r = page_address(pg);
	size_t n = PAGE_SIZE / sizeof(*r);
	spin_lock(&kmemleak_lock);
	for (size_t i = 0; i < n; i++) {
		r[i].hash_next = free_records;
		free_records = &r[i];
	}
	spin_unlock(&kmemleak_lock);
	return true;
}

void kmemleak_alloc(const void *ptr, size_t size, unsigned long caller)
{
	struct task *t = current;
	for (;;) {
		spin_lock(&kmemleak_lock);
		if (free_records)
			break;
		spin_unlock(&kmemleak_lock);
		if (!grow_pool()) {
			kmemleak_enabled = false;
			printk(KERN_ERR "kmemleak: out of memory for records, disabled\n");
			return;
		}
	}
	struct kmemleak_object *o = free_records;
	free_records = o->hash_next;
	o->ptr = (unsigned long)ptr;
	o->size = size;
	o->caller = caller;
	o->born_ns = timer_now_ns();
	o->pid = t && t->pid ? t->pid->numbers[0].nr : 0;
	o->flags = 0;
	memcpy(o->comm, t ? t->comm : "kernel", sizeof(o->comm));
	o->comm[sizeof(o->comm) - 1] = 0;
	unsigned long h = hash_ptr(o->ptr);
	o->hash_next = buckets[h];
	buckets[h] = o;
	nr_objects++;
	min_addr = MIN(min_addr, o->ptr);
	max_addr = MAX(max_addr, o->ptr + size);
	spin_unlock(&kmemleak_lock);
}

void kmemleak_free(const void *ptr)
{
	unsigned long p = (unsigned long)ptr;
	spin_lock(&kmemleak_lock);
	for (struct kmemleak_object **link = &buckets[hash_ptr(p)]; *link; link = &(*link)->hash_next) {
		struct kmemleak_object *o = *link;
		if (o->ptr != p)
			continue;
		*link = o->hash_next;
		o->hash_next = free_records;
		free_records = o;
		nr_objects--;
		break;
	}
	spin_unlock(&kmemleak_lock);
}

/* ---- the scan (kmemleak_lock held) ---- */

static struct kmemleak_object *find_exact(unsigned long p)
{
	for (struct kmemleak_object *o = buckets[hash_ptr(p)]; o; o = o->hash_next)
		if (o->ptr == p)
			return o;
	return NULL;
}

/* The object the address v points into, or NULL.  A slab object starts
 * at a multiple of its class's size in its page; a bigger one is a buddy
 * block, aligned to its size, so one of MAX_ORDER alignments finds it. */
static struct kmemleak_object *find_containing(unsigned long v)
{
	if (v < min_addr || v >= max_addr)
		return NULL;
	struct page *pg = virt_to_page((void *)v);
	if (pg->flags & PG_SLAB) {
		unsigned long base = (unsigned long)page_address(pg);
		unsigned long size = 16ul << pg->slab_class;
		struct kmemleak_object *o = find_exact(base + (v - base) / size * size);
		return o && v < o->ptr + MAX(o->size, 1ul) ? o : NULL;
	}
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct kmemleak_object *o = find_exact(v & ~((PAGE_SIZE << order) - 1));
		if (o)
			return v < o->ptr + o->size ? o : NULL;
	}
	return NULL;
}

static void scan_block(const void *start, const void *end)
{
	const unsigned long *p = (const unsigned long *)ALIGN_UP((unsigned long)start, sizeof(long));
	for (; (const void *)(p + 1) <= end; p++) {
		struct kmemleak_object *o = find_containing(READ_ONCE(*p));
		if (o && !(o->flags & OBJ_REFERENCED)) {
			o->flags |= OBJ_REFERENCED;
			o->gray_next = gray;
			gray = o;
		}
	}
}

/* The live part of a kernel stack: from the saved stack pointer up for a
 * task switched out, from here up for the scanning task, the whole stack
 * for one running on another hart.  Below the stack pointer lie only
 * dead frames (and, in a stack just reused, its last owner's): words
 * there would keep objects alive that nothing points to. */
struct stack_range {
	unsigned long start, end;
};

static struct stack_range live_stack(struct task *t)
{
	unsigned long base = (unsigned long)t->kstack, top = base + KSTACK_SIZE;
	unsigned long sp = base;
	if (t == current)
		sp = (unsigned long)__builtin_frame_address(0);
	else if (!__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		sp = t->ctx.sp;
	if (sp < base || sp > top)
		sp = base;
	return (struct stack_range){ sp, top };
}

/* The kernel stacks of every task, copied under tasklist_lock (which is
 * never taken under kmemleak_lock): their number. */
static int collect_stacks(struct stack_range *stacks, int max)
{
	struct task *t;
	int n = 0;
	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link)
		if (t->kstack && n < max)
			stacks[n++] = live_stack(t);
	spin_unlock(&tasklist_lock);
	return n;
}

#define STACKS_ORDER	1
_Static_assert(MAX_STACKS * sizeof(struct stack_range) <= PAGE_SIZE << STACKS_ORDER, "stack list");

/* Mark from the roots, then every object reached, until none is new;
 * objects left unmarked, old enough and not cleared become leaks.
 * Returns the number of leaks found, or -ENOMEM. */
static int kmemleak_scan(void)
{
	struct page *pg = alloc_pages(STACKS_ORDER);
	if (!pg)
		return -ENOMEM;
	struct stack_range *stacks = page_address(pg);
	int nstacks = collect_stacks(stacks, MAX_STACKS);
	unsigned long npages = (mem_end - mem_start) >> PAGE_SHIFT;
	uint64_t now = timer_now_ns();
	int leaks = 0;

	spin_lock(&kmemleak_lock);
	for (int i = 0; i < HASH_BUCKETS; i++)
		for (struct kmemleak_object *o = buckets[i]; o; o = o->hash_next)
			o->flags &= ~(OBJ_REFERENCED | OBJ_LEAK);
	gray = NULL;
	scan_block(_erodata, _kernel_end);
	scan_block(mem_map, mem_map + npages);
	for (int i = 0; i < nstacks; i++)
		scan_block((void *)stacks[i].start, (void *)stacks[i].end);
	while (gray) {
		struct kmemleak_object *o = gray;
		gray = o->gray_next;
		scan_block((void *)o->ptr, (void *)(o->ptr + o->size));
	}
	for (int i = 0; i < HASH_BUCKETS; i++) {
		for (struct kmemleak_object *o = buckets[i]; o; o = o->hash_next) {
			if (o->flags & (OBJ_REFERENCED | OBJ_IGNORED) || now - o->born_ns < KMEMLEAK_MIN_AGE_NS)
				continue;
			o->flags |= OBJ_LEAK;
			leaks++;
		}
	}
	spin_unlock(&kmemleak_lock);
	free_pages(pg, STACKS_ORDER);
	return leaks;
}

/* "clear": the leaks found so far are not reported again. */
static void kmemleak_clear(void)
{
	spin_lock(&kmemleak_lock);
	for (int i = 0; i < HASH_BUCKETS; i++)
		for (struct kmemleak_object *o = buckets[i]; o; o = o->hash_next)
			if (o->flags & OBJ_LEAK)
				o->flags = (o->flags & ~OBJ_LEAK) | OBJ_IGNORED;
	spin_unlock(&kmemleak_lock);
}

/* Zero this task's kernel stack below our frame, where kmalloc's callees
 * left copies of the pointer just made: once the task is gone its stack
 * pages are reused (as another stack, or a buffer that is never wholly
 * written), and a copy there would keep the planted object referenced.
 * Interrupts are off so no handler's frame is being written down there;
 * a plain loop, as a call would put its own frame in the range. */
static __attribute__((noinline)) void scrub_dead_stack(void)
{
	volatile unsigned long *p = current->kstack;
	unsigned long *below = (unsigned long *)__builtin_frame_address(0) - 64;
	irq_push_off();
	for (; (unsigned long *)p < below; p++)
		*p = 0;
	irq_pop_off();
}

/* "test": a leak on purpose, for the tests: an object whose only pointer
 * is dropped here.  Its caller is this function. */
static __attribute__((noinline)) void kmemleak_plant_leak(void)
{
	char *p = kmalloc(TEST_LEAK_SIZE);
	if (p)
		memset(p, 0x5a, TEST_LEAK_SIZE);
	__asm__ volatile("" ::: "memory");
	scrub_dead_stack();
}

/* ---- /sys/kernel/debug/kmemleak ---- */

/* The report, in Linux's layout, into buf (kmemleak_lock held). */
static size_t format_report(char *buf, size_t size, uint64_t now)
{
	size_t len = 0;
	int shown = 0;
	for (int i = 0; i < HASH_BUCKETS && shown < MAX_REPORTS; i++) {
		for (struct kmemleak_object *o = buckets[i]; o && shown < MAX_REPORTS; o = o->hash_next) {
			if (!(o->flags & OBJ_LEAK) || len >= size)
				continue;
			uint64_t age = now - o->born_ns;
			len += snprintf(buf + len, size - len,
					"unreferenced object 0x%lx (size %lu):\n"
					"  comm \"%s\", pid %d, age %lu.%03lus\n"
					"  backtrace:\n"
					"    [<%016lx>]\n",
					o->ptr, (unsigned long)o->size, o->comm, o->pid,
					(unsigned long)(age / 1000000000ull),
					(unsigned long)(age / 1000000 % 1000), o->caller);
			shown++;
		}
	}
	return MIN(len, size);
}

/* The report is made at open and read from the file's copy. */
struct report {
	size_t len;
	char text[];
};

static int kmemleak_open(struct inode *in, struct file *f)
{
	struct report *r = kmalloc(REPORT_BUF);
	if (!r)
		return -ENOMEM;
	uint64_t now = timer_now_ns();
	spin_lock(&kmemleak_lock);
	r->len = format_report(r->text, REPORT_BUF - sizeof(*r), now);
	spin_unlock(&kmemleak_lock);
	f->private = r;
	return 0;
}

static int kmemleak_release(struct inode *in, struct file *f)
{
	kfree(f->private);
	return 0;
}

static ssize_t kmemleak_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct report *r = f->private;
	if (*pos >= (off_t)r->len)
		return 0;
	size_t n = MIN(len, r->len - (size_t)*pos);
	if (copy_out(buf, r->text + *pos, n, user))
		return -EFAULT;
	*pos += n;
	return n;
}

/* Commands, as Linux's: scan, clear, and test (plant a leak). */
static ssize_t kmemleak_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	char cmd[8] = "";
	size_t n = MIN(len, sizeof(cmd) - 1);
	if (copy_in(cmd, buf, n, user))
		return -EFAULT;
	while (n > 0 && (cmd[n - 1] == '\n' || cmd[n - 1] == ' '))
		cmd[--n] = 0;
	if (!strcmp(cmd, "scan")) {
		int leaks = kmemleak_scan();
		if (leaks < 0)
			return leaks;
		if (leaks)
			printk(KERN_INFO "kmemleak: %d new suspected memory leaks (see /sys/kernel/debug/kmemleak)\n",
			       leaks);
	} else if (!strcmp(cmd, "clear")) {
		kmemleak_clear();
	} else if (!strcmp(cmd, "test")) {
		kmemleak_plant_leak();
	} else {
		return -EINVAL;
	}
	return len;
}

static const struct file_operations kmemleak_fops = {
	.open = kmemleak_open, .release = kmemleak_release,
	.read = kmemleak_read, .write = kmemleak_write,
};
