/*
 * bpf_test.c - the seccomp BPF checker and interpreter
 * (kernel/security/seccomp_bpf.c) on the host, under ASan and UBSan: the
 * programs Linux refuses are refused, every instruction computes what
 * classic BPF says, and random programs either fail the check or run to a
 * return without a sanitizer report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "seccomp_bpf.h"
#include "../check.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define RET(k) BPF_STMT(BPF_RET | BPF_K, (k))
#define LDW(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))

static __u16 scratch[BPF_MAXINSNS];

static int ok(const struct sock_filter *p, unsigned len)
{
	return seccomp_bpf_check(p, len, scratch);
}

static struct seccomp_data data = {
	.nr = 172,
	.arch = 0xc00000f3,
	.instruction_pointer = 0x123456789abcdef0ull,
	.args = { 0x1111111122222222ull, 5, 0, 0, 0, 0xffffffffffffffffull },
};

/* Run p (checked first); ~0u if the check fails. */
static __u32 run(const struct sock_filter *p, unsigned len)
{
	if (!ok(p, len))
		return ~0u;
	return seccomp_bpf_run(p, &data);
}

static void test_refusals(void)
{
	struct sock_filter r[] = { RET(0) };
	check("accept-ret", ok(r, 1), "");
	check("refuse-empty", !ok(r, 0), "");
	static struct sock_filter big[BPF_MAXINSNS + 1];
	for (unsigned i = 0; i < N(big); i++)
		big[i] = (struct sock_filter)RET(0);
	check("accept-max", ok(big, BPF_MAXINSNS), "");
	check("refuse-too-long", !ok(big, BPF_MAXINSNS + 1), "");

	static const struct { const char *name; struct sock_filter p[3]; unsigned len; } bad[] = {
		{ "refuse-byte-load", { BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), RET(0) }, 2 },
		{ "refuse-half-load", { BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0), RET(0) }, 2 },
		{ "refuse-ind-load", { BPF_STMT(BPF_LD | BPF_W | BPF_IND, 0), RET(0) }, 2 },
		{ "refuse-msh", { BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0), RET(0) }, 2 },
		{ "refuse-mod", { BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 2), RET(0) }, 2 },
		{ "refuse-unknown-code", { { 0xffff, 0, 0, 0 }, RET(0) }, 2 },
		{ "refuse-unaligned", { LDW(1), RET(0) }, 2 },
		{ "refuse-past-data", { LDW(sizeof(struct seccomp_data)), RET(0) }, 2 },
		{ "refuse-last-word-past", { LDW(0xfffffffc), RET(0) }, 2 },
		{ "refuse-div-0", { BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0), RET(0) }, 2 },
		{ "refuse-lsh-32", { BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32), RET(0) }, 2 },
		{ "refuse-rsh-33", { BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 33), RET(0) }, 2 },
		{ "refuse-mem-index", { BPF_STMT(BPF_ST, BPF_MEMWORDS), RET(0) }, 2 },
		{ "refuse-mem-unwritten", { BPF_STMT(BPF_LDX | BPF_MEM, 0), RET(0) }, 2 },
		{ "refuse-no-ret", { LDW(0) }, 1 },
		{ "refuse-last-not-ret", { RET(0), LDW(0) }, 2 },
		{ "refuse-jt-out", { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), RET(0) }, 2 },
		{ "refuse-jf-out", { BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 0, 0, 2), RET(0), RET(0) }, 3 },
		{ "refuse-ja-out", { BPF_STMT(BPF_JMP | BPF_JA, 1), RET(0) }, 2 },
		{ "refuse-ja-huge", { BPF_STMT(BPF_JMP | BPF_JA, 0xffffffff), RET(0) }, 2 },
		/* Written on one branch only. */
		{ "refuse-mem-one-path", { BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
					   BPF_STMT(BPF_ST, 1), BPF_STMT(BPF_LD | BPF_MEM, 1) }, 3 },
	};
	for (unsigned i = 0; i < N(bad); i++)
		check(bad[i].name, !ok(bad[i].p, bad[i].len), "accepted");

	struct sock_filter both[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		BPF_STMT(BPF_ST, 1),
		BPF_STMT(BPF_JMP | BPF_JA, 1),
		BPF_STMT(BPF_STX, 1),
		BPF_STMT(BPF_LD | BPF_MEM, 1),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	check("accept-mem-both-paths", ok(both, N(both)), "refused");
	struct sock_filter last[] = { LDW(offsetof(struct seccomp_data, args[5]) + 4),
				      BPF_STMT(BPF_RET | BPF_A, 0) };
	check("accept-last-word", ok(last, 2), "refused");
	/* Unreachable code reading unwritten memory is not refused (Linux). */
	struct sock_filter dead[] = { RET(0), BPF_STMT(BPF_LD | BPF_MEM, 2), RET(0) };
	check("accept-dead-mem-read", ok(dead, 3), "refused");
}

static void test_loads(void)
{
	struct sock_filter p[] = { LDW(0), BPF_STMT(BPF_RET | BPF_A, 0) };
	check("load-nr", run(p, 2) == 172, "%#x", run(p, 2));
	p[0].k = offsetof(struct seccomp_data, arch);
	check("load-arch", run(p, 2) == 0xc00000f3, "%#x", run(p, 2));
	p[0].k = offsetof(struct seccomp_data, instruction_pointer);
	check("load-ip-low", run(p, 2) == 0x9abcdef0, "%#x", run(p, 2));
	p[0].k += 4;
	check("load-ip-high", run(p, 2) == 0x12345678, "%#x", run(p, 2));
	p[0].k = offsetof(struct seccomp_data, args[0]);
	check("load-arg0-low", run(p, 2) == 0x22222222, "%#x", run(p, 2));
	p[0].k += 4;
	check("load-arg0-high", run(p, 2) == 0x11111111, "%#x", run(p, 2));
	struct sock_filter len[] = { BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
				     BPF_STMT(BPF_RET | BPF_A, 0) };
	check("load-len", run(len, 2) == sizeof(struct seccomp_data), "%u", run(len, 2));
	struct sock_filter xlen[] = { BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
				      BPF_STMT(BPF_MISC | BPF_TXA, 0), BPF_STMT(BPF_RET | BPF_A, 0) };
	check("load-x-len", run(xlen, 3) == sizeof(struct seccomp_data), "%u", run(xlen, 3));
}

/* A op K and A op X, A = a, K = X = k. */
static __u32 alu(__u16 op, __u32 a, __u32 k, int use_x)
{
	struct sock_filter p[] = {
		BPF_STMT(BPF_LD | BPF_IMM, a),
		BPF_STMT(BPF_LDX | BPF_IMM, k),
		BPF_STMT(BPF_ALU | op | (use_x ? BPF_X : BPF_K), k),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	return run(p, 4);
}

static void test_alu(void)
{
	static const struct { const char *name; __u16 op; __u32 a, k, want; } t[] = {
		{ "alu-add", BPF_ADD, 0xfffffffe, 3, 1 },
		{ "alu-sub", BPF_SUB, 1, 3, 0xfffffffe },
		{ "alu-mul", BPF_MUL, 0x10000, 0x10001, 0x10000 },
		{ "alu-div", BPF_DIV, 100, 7, 14 },
		{ "alu-and", BPF_AND, 0xf0f0, 0xff00, 0xf000 },
		{ "alu-or", BPF_OR, 0xf0f0, 0x0f00, 0xfff0 },
		{ "alu-xor", BPF_XOR, 0xf0f0, 0xff00, 0x0ff0 },
		{ "alu-lsh", BPF_LSH, 1, 31, 0x80000000 },
		{ "alu-rsh", BPF_RSH, 0x80000000, 31, 1 },
	};
	for (unsigned i = 0; i < N(t); i++) {
		__u32 k = alu(t[i].op, t[i].a, t[i].k, 0), x = alu(t[i].op, t[i].a, t[i].k, 1);
		check(t[i].name, k == t[i].want && x == t[i].want, "K %#x X %#x want %#x", k, x,
		      t[i].want);
	}
	struct sock_filter neg[] = { BPF_STMT(BPF_LD | BPF_IMM, 5), BPF_STMT(BPF_ALU | BPF_NEG, 0),
				     BPF_STMT(BPF_RET | BPF_A, 0) };
	check("alu-neg", run(neg, 3) == (__u32)-5, "%#x", run(neg, 3));
	check("alu-div-x-0", alu(BPF_DIV, 100, 0, 1) == 0, "%#x", alu(BPF_DIV, 100, 0, 1));
	check("alu-lsh-x-big", alu(BPF_LSH, 1, 33, 1) == 2, "%#x", alu(BPF_LSH, 1, 33, 1));
	struct sock_filter mem[] = {
		BPF_STMT(BPF_LD | BPF_IMM, 7), BPF_STMT(BPF_ST, 15), BPF_STMT(BPF_LD | BPF_IMM, 0),
		BPF_STMT(BPF_LDX | BPF_MEM, 15), BPF_STMT(BPF_MISC | BPF_TXA, 0),
		BPF_STMT(BPF_MISC | BPF_TAX, 0), BPF_STMT(BPF_STX, 0), BPF_STMT(BPF_LD | BPF_MEM, 0),
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0), BPF_STMT(BPF_RET | BPF_A, 0),
	};
	check("mem-and-moves", run(mem, N(mem)) == 14, "%u", run(mem, N(mem)));
}

/* Jump op with A = a against k: which way it went (1 true, 0 false). */
static __u32 jump(__u16 op, __u32 a, __u32 k, int use_x)
{
	struct sock_filter p[] = {
		BPF_STMT(BPF_LD | BPF_IMM, a),
		BPF_STMT(BPF_LDX | BPF_IMM, k),
		BPF_JUMP(BPF_JMP | op | (use_x ? BPF_X : BPF_K), k, 1, 0),
		RET(0),
		RET(1),
	};
	return run(p, 5);
}

static void test_jumps(void)
{
	static const struct { const char *name; __u16 op; __u32 a, k, want; } t[] = {
		{ "jeq-true", BPF_JEQ, 5, 5, 1 }, { "jeq-false", BPF_JEQ, 5, 6, 0 },
		{ "jgt-true", BPF_JGT, 0x80000000, 1, 1 }, { "jgt-equal", BPF_JGT, 5, 5, 0 },
		{ "jge-equal", BPF_JGE, 5, 5, 1 }, { "jge-false", BPF_JGE, 4, 5, 0 },
		{ "jset-true", BPF_JSET, 6, 2, 1 }, { "jset-false", BPF_JSET, 6, 1, 0 },
	};
	for (unsigned i = 0; i < N(t); i++) {
		__u32 k = jump(t[i].op, t[i].a, t[i].k, 0), x = jump(t[i].op, t[i].a, t[i].k, 1);
		check(t[i].name, k == t[i].want && x == t[i].want, "K %u X %u", k, x);
	}
	struct sock_filter ja[] = { BPF_STMT(BPF_JMP | BPF_JA, 2), RET(1), RET(2), RET(3) };
	check("ja", run(ja, 4) == 3, "%u", run(ja, 4));
	struct sock_filter ra[] = { BPF_STMT(BPF_LD | BPF_IMM, 0x7fff0000),
				    BPF_STMT(BPF_RET | BPF_A, 0) };
	check("ret-a", run(ra, 2) == 0x7fff0000, "%#x", run(ra, 2));
}

/* Random programs: refused, or run to a return without a sanitizer
 * report.  Deterministic (fixed seed). */
static void test_random(void)
{
	static const __u16 codes[] = {
		BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_W | BPF_LEN, BPF_LDX | BPF_W | BPF_LEN,
		BPF_RET | BPF_K, BPF_RET | BPF_A, BPF_ALU | BPF_ADD | BPF_X, BPF_ALU | BPF_SUB | BPF_K,
		BPF_ALU | BPF_MUL | BPF_X, BPF_ALU | BPF_DIV | BPF_X, BPF_ALU | BPF_DIV | BPF_K,
		BPF_ALU | BPF_LSH | BPF_X, BPF_ALU | BPF_RSH | BPF_K, BPF_ALU | BPF_NEG,
		BPF_LD | BPF_IMM, BPF_LDX | BPF_IMM, BPF_MISC | BPF_TAX, BPF_MISC | BPF_TXA,
		BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM, BPF_ST, BPF_STX, BPF_JMP | BPF_JA,
		BPF_JMP | BPF_JEQ | BPF_K, BPF_JMP | BPF_JGT | BPF_X, BPF_JMP | BPF_JSET | BPF_K,
		BPF_LD | BPF_B | BPF_ABS, BPF_ALU | BPF_MOD | BPF_K, 0x1234,
	};
	static struct sock_filter p[64];
	unsigned seed = 12345, accepted = 0, total = 200000;
	srand(seed);
	for (unsigned n = 0; n < total; n++) {
		unsigned len = 1 + rand() % 64;
		for (unsigned i = 0; i < len; i++) {
			p[i].code = codes[rand() % N(codes)];
			p[i].jt = rand() % 8;
			p[i].jf = rand() % 8;
			p[i].k = rand() % 4 ? (__u32)(rand() % 80) : (__u32)rand() * 2654435761u;
		}
		if (rand() % 2)
			p[len - 1] = (struct sock_filter)RET(rand());
		if (ok(p, len)) {
			accepted++;
			(void)seccomp_bpf_run(p, &data);
		}
	}
	check("random-programs", accepted > 100, "only %u of %u accepted", accepted, total);
}

int main(void)
{
	test_refusals();
	test_loads();
	test_alu();
	test_jumps();
	test_random();
	return 0;
}
