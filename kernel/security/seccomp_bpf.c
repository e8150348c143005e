/*
 * Classic BPF checker and interpreter for seccomp filters (contract in
 * seccomp_bpf.h).  Owns no state and takes no lock: the program is read
 * only.  Pure C over the UAPI headers, built into the kernel and, for
 * tests/seccomp, on the host.
 */
#include "seccomp_bpf.h"

/* The opcodes a seccomp filter may use (Linux's seccomp_check_filter). */
static int allowed(__u16 code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return 1;
	default:
		return 0;
	}
}

int seccomp_bpf_check(const struct sock_filter *prog, unsigned int len, __u16 *written)
{
	if (len == 0 || len > BPF_MAXINSNS)
		return 0;
	/* written[pc]: the scratch words surely written on every path to pc
	 * (all ones until a path reaches it; jumps only go forward). */
	for (unsigned int pc = 0; pc < len; pc++)
		written[pc] = 0xffff;
	written[0] = 0;
	for (unsigned int pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &prog[pc];
		__u16 w = written[pc];
		if (!allowed(f->code))
			return 0;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k >= sizeof(struct seccomp_data) || (f->k & 3))
				return 0;
			break;
		case BPF_ALU | BPF_DIV | BPF_K:
			if (f->k == 0)
				return 0;
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			if (f->k >= 32)
				return 0;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (f->k >= BPF_MEMWORDS || !((w >> f->k) & 1))
				return 0;
			break;
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				return 0;
			w |= 1u << f->k;
			break;
		}
		if (BPF_CLASS(f->code) == BPF_RET)
			continue;
		if (BPF_CLASS(f->code) != BPF_JMP) {
			if (pc + 1 < len)
				written[pc + 1] &= w;
			continue;
		}
		if (BPF_OP(f->code) == BPF_JA) {
			if (f->k >= len - pc - 1)
				return 0;
			written[pc + 1 + f->k] &= w;
			continue;
		}
		if (pc + 1 + f->jt >= len || pc + 1 + f->jf >= len)
			return 0;
		written[pc + 1 + f->jt] &= w;
		written[pc + 1 + f->jf] &= w;
	}
	return BPF_CLASS(prog[len - 1].code) == BPF_RET;
}

__u32 seccomp_bpf_run(const struct sock_filter *prog, const struct seccomp_data *d)
{
	__u32 a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 };
	const unsigned char *data = (const unsigned char *)d;
	for (const struct sock_filter *f = prog;; f++) {
		__u32 k = f->k;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			__builtin_memcpy(&a, data + k, sizeof(a));
			break;
		case BPF_LD | BPF_W | BPF_LEN:
			a = sizeof(*d);
			break;
		case BPF_LDX | BPF_W | BPF_LEN:
			x = sizeof(*d);
			break;
		case BPF_RET | BPF_K:
			return k;
		case BPF_RET | BPF_A:
			return a;
		case BPF_ALU | BPF_ADD | BPF_K: a += k; break;
		case BPF_ALU | BPF_ADD | BPF_X: a += x; break;
		case BPF_ALU | BPF_SUB | BPF_K: a -= k; break;
		case BPF_ALU | BPF_SUB | BPF_X: a -= x; break;
		case BPF_ALU | BPF_MUL | BPF_K: a *= k; break;
		case BPF_ALU | BPF_MUL | BPF_X: a *= x; break;
		case BPF_ALU | BPF_DIV | BPF_K: a /= k; break;
		case BPF_ALU | BPF_DIV | BPF_X:
			if (x == 0)
				return 0;
			a /= x;
			break;
		case BPF_ALU | BPF_AND | BPF_K: a &= k; break;
		case BPF_ALU | BPF_AND | BPF_X: a &= x; break;
		case BPF_ALU | BPF_OR | BPF_K: a |= k; break;
		case BPF_ALU | BPF_OR | BPF_X: a |= x; break;
		case BPF_ALU | BPF_XOR | BPF_K: a ^= k; break;
		case BPF_ALU | BPF_XOR | BPF_X: a ^= x; break;
		case BPF_ALU | BPF_LSH | BPF_K: a <<= k; break;
		case BPF_ALU | BPF_LSH | BPF_X: a <<= (x & 31); break;
		case BPF_ALU | BPF_RSH | BPF_K: a >>= k; break;
		case BPF_ALU | BPF_RSH | BPF_X: a >>= (x & 31); break;
		case BPF_ALU | BPF_NEG: a = -a; break;
		case BPF_LD | BPF_IMM: a = k; break;
		case BPF_LDX | BPF_IMM: x = k; break;
		case BPF_MISC | BPF_TAX: x = a; break;
		case BPF_MISC | BPF_TXA: a = x; break;
		case BPF_LD | BPF_MEM: a = mem[k]; break;
		case BPF_LDX | BPF_MEM: x = mem[k]; break;
		case BPF_ST: mem[k] = a; break;
		case BPF_STX: mem[k] = x; break;
		case BPF_JMP | BPF_JA: f += k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: f += a == k ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JEQ | BPF_X: f += a == x ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: f += a >= k ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGE | BPF_X: f += a >= x ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K: f += a > k ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JGT | BPF_X: f += a > x ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: f += (a & k) ? f->jt : f->jf; break;
		case BPF_JMP | BPF_JSET | BPF_X: f += (a & x) ? f->jt : f->jf; break;
		default:
			return 0;	/* unreachable after the check */
		}
	}
}
