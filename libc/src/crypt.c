/*
 * crypt.c - password hashing: SHA-512 crypt ("$6$"), the scheme Linux
 * systems use in /etc/shadow.
 *
 * Written from the published description of SHA-crypt and from FIPS
 * 180-4 for SHA-512 (the constants below are the fractional parts of the
 * cube and square roots of the first primes, as that standard defines
 * them).  Plain C without system calls, so tests/libc builds it on the
 * host too and compares it with glibc's crypt().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypt.h>

/* ---- SHA-512 ---- */

static const uint64_t round_constants[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL,
	0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
	0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
	0xd807aa98a3030242ULL, 0x12835b0145706fbeULL,
	0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL,
	0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
	0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
	0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL,
	0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL,
	0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
	0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
	0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL,
	0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL,
	0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
	0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
	0xd192e819d6ef5218ULL, 0xd69906245565a910ULL,
	0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL,
	0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
	0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
	0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL,
	0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL,
	0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
	0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
	0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL,
	0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL,
	0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
	0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const uint64_t initial_state[8] = {
	0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
	0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
	0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
	0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

struct sha512 {
	uint64_t state[8];
	uint64_t length;	/* bytes hashed so far (inputs are small) */
	unsigned char block[128];
	size_t used;		/* bytes waiting in block */
};

static uint64_t rotr(uint64_t x, int n)
{
	return (x >> n) | (x << (64 - n));
}

static uint64_t load_be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void store_be64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)v;
		v >>= 8;
	}
}

static void sha512_compress(struct sha512 *c, const unsigned char *block)
{
	uint64_t w[80], s[8], t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = load_be64(block + 8 * i);
	for (i = 16; i < 80; i++) {
		uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^
			      (w[i - 15] >> 7);
		uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^
			      (w[i - 2] >> 6);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(s, c->state, sizeof(s));
	for (i = 0; i < 80; i++) {
		uint64_t e = s[4], a = s[0];
		uint64_t ch = (e & s[5]) ^ (~e & s[6]);
		uint64_t maj = (a & s[1]) ^ (a & s[2]) ^ (s[1] & s[2]);

		t1 = s[7] + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ch +
		     round_constants[i] + w[i];
		t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + maj;
		memmove(s + 1, s, 7 * sizeof(s[0]));
		s[4] += t1;
		s[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		c->state[i] += s[i];
}

static void sha512_init(struct sha512 *c)
{
	memcpy(c->state, initial_state, sizeof(c->state));
	c->length = 0;
	c->used = 0;
}

static void sha512_update(struct sha512 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t n;

	c->length += len;
	while (len) {
		n = sizeof(c->block) - c->used;
		if (n > len)
			n = len;
		memcpy(c->block + c->used, p, n);
		c->used += n;
		p += n;
		len -= n;
		if (c->used == sizeof(c->block)) {
			sha512_compress(c, c->block);
			c->used = 0;
		}
	}
}

/* Pads with 0x80, zeros and the 128-bit big-endian bit length. */
static void sha512_final(struct sha512 *c, unsigned char out[64])
{
	uint64_t bits = c->length * 8;
	int i;

	c->block[c->used++] = 0x80;
	if (c->used > 112) {
		memset(c->block + c->used, 0, sizeof(c->block) - c->used);
		sha512_compress(c, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 120 - c->used);
	store_be64(c->block + 120, bits);
	sha512_compress(c, c->block);
	for (i = 0; i < 8; i++)
		store_be64(out + 8 * i, c->state[i]);
}

/* ---- SHA-crypt ---- */

#define SALT_MAX        16
#define ROUNDS_DEFAULT  5000
#define ROUNDS_MIN      1000
#define ROUNDS_MAX      999999999L
#define HASH_TEXT_MAX   (3 + 7 + 10 + 1 + SALT_MAX + 1 + 86 + 1)

static const char crypt_alphabet[] =
	"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Adds the 64-byte digest d to c as many times as len covers, then part. */
static void add_repeated(struct sha512 *c, const unsigned char d[64],
			 size_t len)
{
	for (; len > 64; len -= 64)
		sha512_update(c, d, 64);
	sha512_update(c, d, len);
}

/* Emits n base-64 characters of the 24-bit group b2:b1:b0, low bits first. */
static char *encode_group(char *out, unsigned b2, unsigned b1, unsigned b0,
			  int n)
{
	unsigned long w = ((unsigned long)b2 << 16) | (b1 << 8) | b0;

	while (n-- > 0) {
		*out++ = crypt_alphabet[w & 0x3f];
		w >>= 6;
	}
	return out;
}

/* The final digest's bytes are emitted in this interleaved order. */
static char *encode_digest(char *out, const unsigned char h[64])
{
	int i, a = 0, b = 21, c = 42;

	for (i = 0; i < 21; i++) {
		out = encode_group(out, h[a], h[b], h[c], 4);
		/* each group rotates the three positions: (a,b,c) -> (b+1,c+1,a+1) */
		{
			int na = b + 1, nb = c + 1, nc = a + 1;

			a = na % 63;
			b = nb % 63;
			c = nc % 63;
		}
	}
	out = encode_group(out, 0, 0, h[63], 2);
	*out = '\0';
	return out;
}

/* A salt character: printable, and none of the shadow-file separators. */
static int salt_char_ok(char ch)
{
	return ch > ' ' && ch < 0x7f && !strchr("$:;*!\\", ch);
}

/*
 * Parses "$6$[rounds=N$]salt[$...]"; returns 0, or -1 for a setting glibc
 * (libxcrypt) refuses too: N out of [1000, 999999999] or with a leading
 * zero, or a salt character that could break a shadow line.
 */
static int parse_setting(const char *setting, long *rounds, int *explicit,
			 const char **salt, size_t *salt_len)
{
	const char *p = setting + 3;
	size_t i;
	char *end;

	if (strncmp(setting, "$6$", 3) != 0)
		return -1;
	*rounds = ROUNDS_DEFAULT;
	*explicit = 0;
	if (strncmp(p, "rounds=", 7) == 0) {
		unsigned long r;

		p += 7;
		if (*p < '1' || *p > '9')
			return -1;
		r = strtoul(p, &end, 10);
		if (*end != '$' || r < ROUNDS_MIN || r > ROUNDS_MAX)
			return -1;
		*rounds = (long)r;
		*explicit = 1;
		p = end + 1;
	}
	*salt = p;
	for (i = 0; p[i] && p[i] != '$' && i < SALT_MAX; i++)
		if (!salt_char_ok(p[i]))
			return -1;
	*salt_len = i;
	return 0;
}

static char *sha512_crypt(const char *key, const char *setting, char *out)
{
	unsigned char a[64], b[64], dp[64], ds[64], c_digest[64];
	unsigned char *pseq, *sseq;
	size_t klen = strlen(key), slen, i;
	const char *salt;
	struct sha512 c;
	int explicit;
	long rounds, r;
	char *o;

	if (parse_setting(setting, &rounds, &explicit, &salt, &slen) < 0) {
		errno = EINVAL;
		return 0;
	}
	pseq = malloc(klen + 1);
	sseq = malloc(slen + 1);
	if (!pseq || !sseq) {
		free(pseq);
		free(sseq);
		return 0;
	}

	/* B = H(key salt key) */
	sha512_init(&c);
	sha512_update(&c, key, klen);
	sha512_update(&c, salt, slen);
	sha512_update(&c, key, klen);
	sha512_final(&c, b);

	/* A = H(key salt B-repeated-to-klen, then B or key per bit of klen) */
	sha512_init(&c);
	sha512_update(&c, key, klen);
	sha512_update(&c, salt, slen);
	add_repeated(&c, b, klen);
	for (i = klen; i > 0; i >>= 1) {
		if (i & 1)
			sha512_update(&c, b, 64);
		else
			sha512_update(&c, key, klen);
	}
	sha512_final(&c, a);

	/* P sequence: H(key repeated klen times), stretched to klen bytes */
	sha512_init(&c);
	for (i = 0; i < klen; i++)
		sha512_update(&c, key, klen);
	sha512_final(&c, dp);
	for (i = 0; i < klen; i++)
		pseq[i] = dp[i % 64];

	/* S sequence: H(salt repeated 16 + A[0] times), first slen bytes */
	sha512_init(&c);
	for (i = 0; i < 16u + a[0]; i++)
		sha512_update(&c, salt, slen);
	sha512_final(&c, ds);
	for (i = 0; i < slen; i++)
		sseq[i] = ds[i % 64];

	memcpy(c_digest, a, 64);
	for (r = 0; r < rounds; r++) {
		sha512_init(&c);
		if (r & 1)
			sha512_update(&c, pseq, klen);
		else
			sha512_update(&c, c_digest, 64);
		if (r % 3)
			sha512_update(&c, sseq, slen);
		if (r % 7)
			sha512_update(&c, pseq, klen);
		if (r & 1)
			sha512_update(&c, c_digest, 64);
		else
			sha512_update(&c, pseq, klen);
		sha512_final(&c, c_digest);
	}

	o = out + sprintf(out, "$6$");
	if (explicit)
		o += sprintf(o, "rounds=%ld$", rounds);
	memcpy(o, salt, slen);
	o += slen;
	*o++ = '$';
	encode_digest(o, c_digest);

	memset(pseq, 0, klen);
	memset(&c, 0, sizeof(c));
	free(pseq);
	free(sseq);
	return out;
}

/*
 * On failure crypt() returns a string that can never match a hash, as
 * glibc does: "*0", or "*1" when the setting itself was "*0".
 */
char *crypt(const char *key, const char *setting)
{
	static char out[HASH_TEXT_MAX];

	if (sha512_crypt(key, setting, out))
		return out;
	strcpy(out, setting[0] == '*' && setting[1] == '0' ? "*1" : "*0");
	return out;
}
