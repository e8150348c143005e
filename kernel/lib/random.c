/*
 * get_random_bytes: from the registered entropy source (virtio-rng) when
 * it answers, else from a xorshift generator seeded with the time CSR.  The
 * fallback is not cryptographic; it keeps getrandom(2) working on machines
 * without virtio-rng.  Every answer of the source is also stirred into the
 * generator, whose words get_random_canary hands out without sleeping.
 * seed_lock guards the generator state; the source is registered once, at
 * boot.
 */
#include "random.h"
#include "spinlock.h"
#include "riscv.h"
#include "string.h"

static struct spinlock seed_lock = SPINLOCK_INIT("random");
static uint64_t state;
static struct entropy_source *entropy;

void register_entropy_source(struct entropy_source *src)
{
	entropy = src;
}

static uint64_t next(void)
{
	if (!state)
		state = rdtime() * 0x9e3779b97f4a7c15ull | 1;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* Fold what the source gave into the generator (seed_lock held). */
static void stir(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		state = (state ^ (uint8_t)p[i]) * 0x100000001b3ull;	/* FNV-1a's step */
	state ^= rdtime();
	if (!state)
		state = 1;
}

unsigned long get_random_canary(void)
{
	spin_lock(&seed_lock);
	state ^= rdtime();
	unsigned long v = next();
	spin_unlock(&seed_lock);
	return v;
}

void get_random_bytes(void *buf, size_t len)
{
	char *p = buf;
	struct entropy_source *src = READ_ONCE(entropy);
	ssize_t got = src ? src->read(p, len) : 0;
	if (got < 0)
		got = 0;
	spin_lock(&seed_lock);
	if (!state)
		next();
	stir(p, got);
	p += got;
	len -= got;
	while (len) {
		uint64_t v = next();
		size_t n = MIN(len, sizeof(v));
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	spin_unlock(&seed_lock);
}
