/*
 * Tasks.  A task is one thread; it points to shared, reference-counted parts
 * (mm, files, fs, signal handlers, cred, nsproxy).  `tp` holds the current
 * task in the kernel; sscratch holds it while the task runs in user mode.
 *
 * Locks: sched_lock (sched.c) guards state, on_rq, the run queues and the
 * scheduler's fields at the end of struct task;
 * tasklist_lock guards parent/children/sibling links and exit states.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "types.h"
#include "list.h"
#include "lock.h"
#include "riscv.h"

#define MAX_CPUS	8
#define KSTACK_ORDER	2
#define KSTACK_SIZE	(PAGE_SIZE << KSTACK_ORDER)
#define TASK_COMM_LEN	16

/* Register slots: regs[i] is xi; slot 0 holds sepc. */
struct trapframe {
	unsigned long epc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status, tval, cause, orig_a0;
};

struct context {
	unsigned long ra, sp, s[12], tp;
};

struct fp_state {
	uint64_t f[32];
	uint32_t fcsr;
};

enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE,
	TASK_UNINTERRUPTIBLE,
	TASK_STOPPED,
	TASK_ZOMBIE,
	TASK_DEAD,
};

struct cpu;
struct mm;
struct files_struct;
struct fs_struct;
struct sighand;
struct signal_struct;
struct cred;
struct nsproxy;
struct pid;
struct sem_undo_list;
struct cgroup;

struct task {
	/* Used by trap.S: keep first and in this order. */
	unsigned long kstack_top;
	unsigned long scratch_sp;
	struct context ctx;

	struct cpu *cpu;
	int on_cpu;		/* executing on a hart */
	int on_rq;			/* in the run queue */
	bool sched_out;			/* asleep, switching away from its hart */
	volatile int state;		/* enum task_state */
	bool need_resched;
	bool regs_replaced;	/* exec or sigreturn rewrote tf: reload all of it */
	bool syscall_work;	/* trap.S: call syscall_entry_work first (seccomp) */
	uint64_t slice_start;
	struct list_head run_link;
	void *kstack;
	struct trapframe *tf;

	struct mm *mm;
	struct files_struct *files;
	struct fs_struct *fs;
	struct sighand *sighand;
	struct signal_struct *signal;	/* shared by a thread group */
	struct cred *cred;
	struct nsproxy *nsproxy;
	struct pid *pid;		/* this thread's */
	struct list_head pid_links[3];	/* in pid->tasks[PIDTYPE_*]; pidmap_lock */
	struct task *group_leader;
	struct list_head thread_link;	/* in group_leader->threads */
	struct list_head threads;

	struct task *parent;
	struct pid *parent_pid;		/* parent's pid, referenced: getppid without locks */
	struct list_head children;
	struct list_head sibling;
	int exit_code;			/* wait status */
	int exit_signal;		/* sent to the parent at exit */
	bool exec_done;			/* for setpgid's EACCES rule */
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS: one-way, kept over fork and exec */
	int pdeath_signal;		/* PR_SET_PDEATHSIG: sent when the parent thread exits */
	int *clear_child_tid;
	int *set_child_tid;		/* written on the first return to user */
	unsigned long tls;

	/* Signals (signal.c). */
	uint64_t blocked;
	uint64_t pending;		/* this thread's */
	/* The stack protector's canary for this task's kernel stack: GCC
	 * reads it at tp + TASK_STACK_CANARY (kernel.mk), set once at
	 * task_alloc, before the task runs. */
	unsigned long stack_canary;
	unsigned long sas_sp, sas_size;
	uint64_t saved_sigmask;
	bool restore_sigmask;
	unsigned long fault_addr;	/* of the last fault signal */
	struct kinfo *siginfo;		/* [64], allocated with the task */
	struct list_head rt_queue;	/* of struct rt_sig; rt_lock */
	struct spinlock rt_lock;
	unsigned int cont_seq;		/* bumped by SIGCONT/SIGKILL: ends a stop */
	int fault_code;
	unsigned int personality;	/* personality(2): kept over fork and exec */

	uint64_t utime, stime;		/* in timer ticks */
	uint64_t start_time;		/* ns since boot */
	struct fp_state fp;
	char comm[TASK_COMM_LEN];
	struct list_head all_link;	/* in all_tasks */
	struct list_head dead_link;	/* autoreaped, waiting to be freed */
	bool *vfork_done;		/* CLONE_VFORK: the parent sleeps until set */
	/* Its cgroup (kernel/cgroup/; css_set_lock): referenced from fork
	 * until reaped; cg_node is in the cgroup's task list until exit.
	 * cg_freeze asks it to stop in the freezer on its way to user mode;
	 * cg_frozen says it has. */
	struct cgroup *cgroup;
	struct list_head cg_node;
	bool cg_freeze, cg_frozen;
	/* memcontrol.h: the cgroup it charges (referenced; only the task
	 * itself changes it), stale after a migration; set in a page fault;
	 * a fault failed on its cgroup's limit (MEMCG_OOM_*); over
	 * memory.high, to be throttled on the way to user mode. */
	struct cgroup *memcg;
	bool memcg_stale, in_user_fault, memcg_high;
	uint8_t memcg_oom;
	int refcnt;
	struct sem_undo_list *sysvsem;	/* SEM_UNDO entries (ipc/sem.c); CLONE_SYSVSEM shares */

	/* seccomp.h: the mode, the filter stack and its length. */
	int seccomp_mode;
	int seccomp_count;
	struct seccomp_filter *seccomp_filter;

	/* The scheduler's (sched.c), under sched_lock.  vruntime is weighted
	 * run time in ns, on the scale of run queue rq_cpu (the one it is in,
	 * runs on or last ran on); sum_exec_runtime is real ns run. */
	uint64_t vruntime, exec_start, sum_exec_runtime;
	int rq_cpu;
	int nice;			/* -20 .. 19 */
	int policy, rt_priority;	/* SCHED_*; 1 .. 99 for FIFO and RR */
	bool reset_on_fork;
	bool sched_active;		/* counted in its group's nr_running */
	unsigned long cpus_allowed;	/* bit i: may run on cpus[i] */
	struct cgroup *sched_cg;	/* its cgroup as the scheduler sees it */
	struct cgroup *parked_on;	/* on_rq == 2: parked by this throttled group */
};

/* Set the current task's state, then a full fence: the condition checked
 * next cannot be read before the new state is visible to a waker (which
 * writes its condition, then reads the state under sched_lock). */
#define set_current_state(s) do {					\
	current->state = (s);						\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);			\
} while (0)

#if defined(__riscv)
/* tp, a register the compiler never allocates, named so that a field of
 * current is one load off it. */
register struct task *__current_tp __asm__("tp");
static inline struct task *current_task(void)
{
	return __current_tp;
}
#else
/* A host build of kernel files (their unit tests) has no tp; it includes
 * this header, but no code of it that runs asks for current. */
struct task *current_task(void);
#endif
#define current current_task()

struct cpu {
	int id;				/* index, not the hart id */
	unsigned long hartid;
	struct task *idle;
	int irq_depth;			/* irq_push_off nesting */
	unsigned long irq_was_on;	/* SSTATUS_SIE if on before the outermost */
	struct mm *active_mm;		/* whose page table satp holds */
	uint64_t next_tick;
	bool tick_stopped;		/* idle: next_tick is not programmed (timer.c) */
	uint64_t next_sample;		/* of the profiler, when it is on */
	uint64_t timer_programmed;	/* last given to sbi_set_timer (timer.c) */
	uint64_t tlb_gen;		/* of active_mm when last flushed */
	int flush_pending;		/* a TLB shoot-down asked by another hart */
	int resched_ipi;		/* sched.c's kick: the IPI asks for schedule() */
	/* Timer ticks (10 ms, Linux's USER_HZ) spent, for /proc/stat; only
	 * this hart writes them, readers take a possibly stale value. */
	uint64_t user_ticks, system_ticks, idle_ticks;
	/* For /proc/interrupts and /proc/stat, written by this hart only:
	 * timer and software (IPI) interrupts taken, context switches. */
	uint64_t timer_irqs, ipi_irqs, nr_switches;
};

extern struct cpu cpus[];
extern int ncpus;
/* Inline: the lock and irq paths ask for it several times per call. */
static inline struct cpu *this_cpu(void)
{
	return current->cpu;
}

extern struct list_head all_tasks;	/* guarded by tasklist_lock */
extern struct spinlock tasklist_lock;

/* loadavg.c: the 1, 5 and 15 minute load averages in fixed point
 * (LOAD_FIXED_1 is 1.0), sampled every 5 seconds once loadavg_init ran. */
#define LOAD_FSHIFT	11
#define LOAD_FIXED_1	(1ul << LOAD_FSHIFT)
void loadavg_init(void);
void loadavg_read(unsigned long loads[3]);

/* sched.c */
void sched_init_cpu(struct cpu *c, struct task *idle);
void wake_up_task(struct task *t);
void sched_tick(bool from_user);
void yield(void);
void cpu_idle_loop(void) __attribute__((noreturn));
void sched_add_new(struct task *t);
void wake_up_stopped(struct task *t);
/* fork: the child t inherits p's nice, policy and affinity (before
 * sched_add_new). */
void sched_fork(struct task *t, struct task *p);
/* sched_sys.c reads and changes these under sched_lock through sched.c: */
int sched_task_cpu(struct task *t);	/* the hart it runs or waits on */
/* Set t's nice, policy (SCHED_*) and rt priority; a task that runs on a
 * hart its new mask excludes is moved. */
void sched_set_nice(struct task *t, int nice);
void sched_set_policy(struct task *t, int policy, int rt_priority, int nice, bool reset_on_fork);
void sched_set_affinity(struct task *t, unsigned long mask);
unsigned long sched_get_affinity(struct task *t);
uint64_t sched_task_runtime(struct task *t);	/* ns run so far */
/* For the cpu controller (cgroup/cpu.c), css_set_lock held for the first
 * two: t moves to cgroup to; t is reaped. */
struct cpu_state;
void sched_move_task(struct task *t, struct cgroup *to);
void sched_release_task(struct task *t);
/* A group's weight (0: unchanged), quota (0: none) and period in ns. */
void sched_group_set(struct cgroup *g, int weight, uint64_t quota, uint64_t period);
void sched_group_read(struct cgroup *g, struct cpu_state *out);	/* a copy */

/* proc.c */
struct task *task_alloc(void);
void task_free(struct task *t);
void task_put(struct task *t);
/* A vfork child lets go of its parent's mm (exec, exit): the parent runs on. */
void vfork_release(struct task *t);
pid_t task_pid_vnr(struct task *t);	/* in the current task's pid ns */
pid_t task_tgid_vnr(struct task *t);
struct task *find_task_by_vpid(pid_t nr);	/* caller holds tasklist_lock */
/* t->comm is written without a lock, byte by byte, and its last byte is
 * always NUL: a racing reader sees a mixture, never an unterminated name. */
void set_task_comm(struct task *t, const char *name);
void get_task_comm(char buf[TASK_COMM_LEN], struct task *t);

/* fork.c, exec.c, exit.c */
/* into: the cgroup the child starts in (clone3's CLONE_INTO_CGROUP), or
 * NULL for the parent's. */
long do_clone(unsigned long flags, unsigned long newsp, int *parent_tid,
	      unsigned long tls, int *child_tid, struct cgroup *into);
int kernel_execve(const char *path, const char *const argv[], const char *const envp[]);
void do_exit(int code) __attribute__((noreturn));
void do_group_exit(int code) __attribute__((noreturn));
int start_init(void);
struct task *kthread_create(int (*fn)(void *), void *arg, const char *name);
struct signal_struct *signal_alloc(void);
void put_signal(struct signal_struct *sig);	/* the last put frees it */
void task_count_exit(void);		/* one task fewer for the fork limit */
void release_task_parts(struct task *t);	/* mm, files, fs, ... of a dead task */
void defer_release(struct task *t);	/* free it once off its own stack */
void reap_dead_tasks(void);		/* free what defer_release queued */
bool pgrp_is_orphaned(struct pid *pg);

/* sys.c, futex.c */
void rlimits_init(struct signal_struct *sig);
void futex_wake_addr(int *uaddr, int n);

/* trap.c: trap_init_hart sets stvec; trap.S calls the other two on the way
 * back to user mode. */
void trap_init_hart(void);
void syscall_exit_work(void);
struct trapframe;
long syscall_entry_work(struct trapframe *tf);	/* trap.S, with task->syscall_work */
void prepare_user_return(void);

/* trap.S: the context switch, the ways into user mode and the FP state */
struct task *__switch(struct task *prev, struct task *next);
void ret_from_fork(void);
void enter_user(struct trapframe *tf) __attribute__((noreturn));
void kthread_start(void);
void fp_save(struct fp_state *fp);
void fp_restore(struct fp_state *fp);

#endif
