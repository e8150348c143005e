/*
 * Address-space layout randomization: the offsets exec applies to a new
 * image's stack (and the vdso page above it), mmap base, PIE base and brk (aslr.h gives the
 * sizes and why).  Randomness comes from the kernel's pool (lib/random.c:
 * virtio-rng when the machine has one, else the timer-seeded generator),
 * one draw per exec.  randomize_va_space is a single int, accessed
 * atomically; nothing else here is shared.
 */
#include "aslr.h"
#include "random.h"
#include "riscv.h"
#include "string.h"
#include "boot.h"
#include <linux/personality.h>
#include <linux/errno.h>

static int randomize_va_space = 2;

void aslr_init(void)
{
	/* Linux's boot option: nothing moves (randomize_va_space 0). */
	if (cmdline_has("norandmaps"))
		randomize_va_space = 0;
}

int aslr_get_level(void)
{
	return __atomic_load_n(&randomize_va_space, __ATOMIC_RELAXED);
}

int aslr_set_level(int level)
{
	if (level < 0 || level > 2)
		return -EINVAL;
	__atomic_store_n(&randomize_va_space, level, __ATOMIC_RELAXED);
	return 0;
}

/* A page-aligned offset of bits random bits of pages. */
static unsigned long page_offset(unsigned long rnd, int bits)
{
	return (rnd & ((1ul << bits) - 1)) << PAGE_SHIFT;
}

void aslr_draw(struct aslr_offsets *o, unsigned int personality)
{
	int level = aslr_get_level();
	struct {
		uint8_t at_random[sizeof(o->at_random)];
		unsigned long words[4];
	} rnd;
	bool moves = level > 0 && !(personality & ADDR_NO_RANDOMIZE);
	get_random_bytes(&rnd, moves ? sizeof(rnd) : sizeof(rnd.at_random));
	*o = (struct aslr_offsets){ 0 };
	memcpy(o->at_random, rnd.at_random, sizeof(o->at_random));
	if (!moves)
		return;
	unsigned long *words = rnd.words;
	o->stack = page_offset(words[0], STACK_RND_BITS);
	o->mmap = page_offset(words[1], MMAP_RND_BITS);
	o->pie = page_offset(words[2], MMAP_RND_BITS);
	if (level > 1)
		o->brk = (words[3] % (BRK_RND_RANGE >> PAGE_SHIFT)) << PAGE_SHIFT;
}
