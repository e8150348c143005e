/*
 * Kernel stacks with guard pages (kstack.h).  A slot is FREE (never
 * mapped, or unmapped and every TLB flushed since), STALE (unmapped, but
 * another hart may still hold its old translation), CACHED (free, its
 * pages still mapped: the next task takes it as it is) or USED.
 *
 * No TLB shoot-down when a stack goes: up to KSTACK_CACHE stacks stay
 * mapped for reuse (fork and exit go through here), the others are
 * unmapped and their slots left STALE; only a slot that is FREE is mapped
 * afresh.  When no FREE slot is left, one flush of every hart
 * (SBI RFENCE) turns the STALE ones FREE.  New mappings need no flush:
 * an entry that was never valid, or was flushed, is not in any TLB.
 *
 * kstack_lock (a spinlock) guards the slot states, the cache and the
 * area's leaf page tables.
 */
#include "kstack.h"
#include "vm.h"
#include "mm.h"
#include "sbi.h"
#include "spinlock.h"
#include "printk.h"

#define KSTACK_SLOTS	((KSTACK_AREA_END - KSTACK_AREA) / KSTACK_SLOT)
#define KSTACK_PAGES	(KSTACK_SIZE / PAGE_SIZE)
#define KSTACK_CACHE	32

enum { SLOT_FREE, SLOT_STALE, SLOT_CACHED, SLOT_USED };

static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");
static uint8_t slot_state[KSTACK_SLOTS];
static unsigned int cache[KSTACK_CACHE], ncached;
static unsigned int cursor;	/* where the search for a FREE slot goes on */

static unsigned long slot_stack(unsigned int slot)
{
	return KSTACK_AREA + (unsigned long)slot * KSTACK_SLOT + (KSTACK_SLOT - KSTACK_SIZE);
}

/* A FREE slot, marked USED, or -1 (kstack_lock held). */
static long take_free_slot(void)
{
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned int n = 0; n < KSTACK_SLOTS; n++) {
			unsigned int slot = (cursor + n) % KSTACK_SLOTS;
			if (slot_state[slot] == SLOT_FREE) {
				slot_state[slot] = SLOT_USED;
				cursor = (slot + 1) % KSTACK_SLOTS;
				return slot;
			}
		}
		/* Every STALE slot's old translations go from every hart. */
		sbi_remote_sfence_vma_all();
		for (unsigned int s = 0; s < KSTACK_SLOTS; s++)
			if (slot_state[s] == SLOT_STALE)
				slot_state[s] = SLOT_FREE;
	}
	return -1;
}

/* Unmap the first n pages of slot's stack, freeing them (kstack_lock held). */
static void unmap_stack(unsigned int slot, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		free_page(kvm_unmap_page(slot_stack(slot) + i * PAGE_SIZE));
}

void *kstack_alloc(void)
{
	spin_lock(&kstack_lock);
	if (ncached) {
		unsigned int slot = cache[--ncached];
		slot_state[slot] = SLOT_USED;
		spin_unlock(&kstack_lock);
		return (void *)slot_stack(slot);
	}
	long slot = take_free_slot();
	if (slot < 0) {
		spin_unlock(&kstack_lock);
		return NULL;
	}
	unsigned int i;
	for (i = 0; i < KSTACK_PAGES; i++) {
		void *page = get_free_page();
		if (!page || kvm_map_page(slot_stack(slot) + i * PAGE_SIZE, page)) {
			if (page)
				free_page(page);
			break;
		}
	}
	if (i < KSTACK_PAGES) {
		unmap_stack(slot, i);
		slot_state[slot] = SLOT_STALE;
		spin_unlock(&kstack_lock);
		return NULL;
	}
	spin_unlock(&kstack_lock);
	return (void *)slot_stack(slot);
}

void kstack_free(void *stack)
{
	unsigned long va = (unsigned long)stack;
	BUG_ON(va < KSTACK_AREA || va >= KSTACK_AREA_END || kstack_guard(va));
	unsigned int slot = (va - KSTACK_AREA) / KSTACK_SLOT;
	spin_lock(&kstack_lock);
	BUG_ON(slot_state[slot] != SLOT_USED);
	if (ncached < KSTACK_CACHE) {
		cache[ncached++] = slot;
		slot_state[slot] = SLOT_CACHED;
	} else {
		unmap_stack(slot, KSTACK_PAGES);
		slot_state[slot] = SLOT_STALE;
	}
	spin_unlock(&kstack_lock);
}
