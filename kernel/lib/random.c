/*
 * get_random_bytes: a ChaCha20 generator (lib/chacha.c), as Linux's crng.
 * Its 256-bit key is seeded from the registered entropy source
 * (virtio-rng) at the first request and again once CRNG_RESEED_SECONDS
 * have passed; every refill also replaces the key with output of its own
 * that is never handed out (fast key erasure), so what was given before
 * cannot be computed from a later key.  Output goes out in CRNG_BATCH
 * bytes made at a time, each byte given once and cleared: an exec's
 * AT_RANDOM and layout offsets cost no device round trip and no wait.
 *
 * Without a source the key comes from the time CSR: not cryptographic,
 * it keeps getrandom(2) working on machines without virtio-rng.
 * get_random_canary takes its words from the same batches and never
 * sleeps (it never asks the source).
 *
 * crng_lock guards the key, the block counter and the batch; the source
 * is read outside it (the read sleeps) and registered once, at boot.
 */
#include "random.h"
#include "chacha.h"
#include "spinlock.h"
#include "riscv.h"
#include "string.h"
#include "boot.h"

#define CRNG_BATCH		(4 * CHACHA_BLOCK_SIZE)
#define CRNG_RESEED_SECONDS	60	/* Linux's CRNG_RESEED_INTERVAL */
#define CRNG_RETRY_SECONDS	1	/* after a source that gave nothing */

static struct spinlock crng_lock = SPINLOCK_INIT("random");
static uint32_t crng_key[CHACHA_KEY_WORDS];
static uint64_t crng_counter;
static bool crng_keyed;
static uint64_t reseed_at;		/* time CSR; 0: never seeded from the source */
static uint8_t batch[CRNG_BATCH];
static size_t batch_left;		/* unread bytes at the end of batch */
static struct entropy_source *entropy;

void register_entropy_source(struct entropy_source *src)
{
	entropy = src;
}

/* The next block of the key's stream (crng_lock held). */
static void crng_block(uint8_t out[CHACHA_BLOCK_SIZE])
{
	uint32_t state[16];

	chacha_init_state(state, crng_key);
	state[12] = (uint32_t)crng_counter;
	state[13] = (uint32_t)(crng_counter >> 32);
	crng_counter++;
	chacha20_block(state, out);
	memset(state, 0, sizeof(state));
}

/* A new batch, and a new key from a block nobody sees (crng_lock held). */
static void crng_refill(void)
{
	uint8_t next_key[CHACHA_BLOCK_SIZE];

	crng_block(next_key);
	for (size_t off = 0; off < CRNG_BATCH; off += CHACHA_BLOCK_SIZE)
		crng_block(batch + off);
	memcpy(crng_key, next_key, sizeof(crng_key));
	memset(next_key, 0, sizeof(next_key));
	batch_left = CRNG_BATCH;
}

/* Fold len bytes of seed into the key; the batch made with the old key
 * goes (crng_lock held). */
static void crng_mix(const uint8_t *seed, size_t len)
{
	uint8_t *k = (uint8_t *)crng_key;

	for (size_t i = 0; i < len; i++)
		k[i % sizeof(crng_key)] ^= seed[i];
	memset(batch, 0, sizeof(batch));
	batch_left = 0;
	crng_keyed = true;
}

/* No source has answered yet: a key from the time (crng_lock held). */
static void crng_time_key(void)
{
	uint64_t t = rdtime() * 0x9e3779b97f4a7c15ull;

	crng_mix((const uint8_t *)&t, sizeof(t));
}

/* len bytes of output (crng_lock held). */
static void crng_take(void *buf, size_t len)
{
	uint8_t *p = buf;

	if (!crng_keyed)
		crng_time_key();
	while (len) {
		if (!batch_left)
			crng_refill();
		size_t n = MIN(len, batch_left);
		uint8_t *from = batch + CRNG_BATCH - batch_left;
		memcpy(p, from, n);
		memset(from, 0, n);
		batch_left -= n;
		p += n;
		len -= n;
	}
}

/* Seed from the source when it is due; may sleep in the source's read. */
static void crng_maybe_reseed(void)
{
	struct entropy_source *src = READ_ONCE(entropy);
	uint64_t now = rdtime();

	if (!src || now < READ_ONCE(reseed_at))
		return;
	uint8_t seed[2 * sizeof(crng_key)];
	ssize_t got = src->read(seed, sizeof(seed));
	uint64_t freq = boot_info.timebase_freq;
	spin_lock(&crng_lock);
	if (got > 0)
		crng_mix(seed, (size_t)got);
	reseed_at = rdtime() + (got > 0 ? CRNG_RESEED_SECONDS : CRNG_RETRY_SECONDS) * freq;
	spin_unlock(&crng_lock);
	memset(seed, 0, sizeof(seed));
}

unsigned long get_random_canary(void)
{
	unsigned long v;

	spin_lock(&crng_lock);
	crng_take(&v, sizeof(v));
	spin_unlock(&crng_lock);
	return v;
}

void get_random_bytes(void *buf, size_t len)
{
	crng_maybe_reseed();
	spin_lock(&crng_lock);
	crng_take(buf, len);
	spin_unlock(&crng_lock);
}
