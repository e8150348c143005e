/*
 * sysvipc.c - System V IPC: message queues, semaphore sets and shared
 * memory segments, and their IPC namespaces.
 *
 * Each kind: creation by key and IPC_PRIVATE with IPC_CREAT/IPC_EXCL and
 * the errors of each call; the blocking paths woken by another process,
 * by a signal (EINTR) and by IPC_RMID (EIDRM); SEM_UNDO applied at exit;
 * a segment shared across fork and attached anew by another process,
 * detached by exec and exit, and removed while attached (SHM_DEST until
 * the last detach).  A queue made outside is invisible inside a new IPC
 * namespace, whose objects go with it.
 *
 * A child that must be asleep before the next step is waited for by its
 * state in /proc/PID/stat (or by GETNCNT), never by a fixed delay.
 * Runs as root or as an ordinary user (then the namespace comes with a
 * user namespace, and the checks of other users' access are skipped);
 * also natively on a Linux host, the oracle for every assertion.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "t.h"

#define ALICE		1000
#define WAIT_LIMIT_MS	30000	/* only stops a hang */

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct text_msg {
	long mtype;
	char mtext[64];
};

static const char *self;	/* argv[0], run again for the exec check */
static key_t key_base;		/* keys this run uses: key_base + n */

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The one-letter state of pid in /proc/PID/stat, or '?'. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512];
	int fd, n;
	char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Wait until pid sleeps (in the call it is expected to block in). */
static int wait_sleeping(pid_t pid)
{
	for (int ms = 0; ms < WAIT_LIMIT_MS; ms++) {
		if (proc_state(pid) == 'S')
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* Wait until semaphore num of semid has want sleepers of kind cmd. */
static int wait_semcnt(int semid, int num, int cmd, int want)
{
	for (int ms = 0; ms < WAIT_LIMIT_MS; ms++) {
		if (semctl(semid, num, cmd) == want)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* The exit status of pid: its exit code, 128 + signal, or -1. */
static int reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

static void on_signal(int sig)
{
	(void)sig;
}

/* SIGUSR1 interrupts without restarting. */
static void catch_usr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGUSR1, &sa, NULL);
}

static int send_text(int id, long type, const char *text, int flags)
{
	struct text_msg m;

	m.mtype = type;
	snprintf(m.mtext, sizeof(m.mtext), "%s", text);
	return msgsnd(id, &m, strlen(text), flags);
}

/* Receive into m (text NUL-terminated): the size, or -1. */
static ssize_t recv_text(int id, struct text_msg *m, size_t size, long type, int flags)
{
	memset(m, 0, sizeof(*m));
	return msgrcv(id, m, size, type, flags);
}

static void msg_basics(void)
{
	key_t key = key_base + 1;
	struct text_msg m;
	struct msqid_ds ds;

	int id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	check("msg-get-create", id >= 0, "%s", strerror(errno));
	check("msg-get-same-key", msgget(key, 0) == id, "another id");
	check_err("msg-get-excl-eexist", msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	check_err("msg-get-enoent", msgget(key_base + 2, 0600), ENOENT);
	int priv = msgget(IPC_PRIVATE, 0600), priv2 = msgget(IPC_PRIVATE, 0600);
	check("msg-get-private-new", priv >= 0 && priv != id && priv2 >= 0 && priv2 != priv,
	      "ids %d %d %d", priv, priv2, id);
	msgctl(priv, IPC_RMID, NULL);
	msgctl(priv2, IPC_RMID, NULL);

	/* Types 3, 1, 2, 1: the order each kind of msgtyp takes them in. */
	send_text(id, 3, "three", 0);
	send_text(id, 1, "one", 0);
	send_text(id, 2, "two", 0);
	send_text(id, 1, "uno", 0);
	check("msg-stat-counts", msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum == 4 &&
	      ds.msg_cbytes == 14 && ds.msg_qbytes == 16384 && ds.msg_lspid == getpid() &&
	      (ds.msg_perm.mode & 0777) == 0600 && ds.msg_perm.__key == key &&
	      ds.msg_perm.uid == getuid() && ds.msg_perm.cuid == getuid(),
	      "qnum %lu cbytes %lu qbytes %lu lspid %d mode %o", (unsigned long)ds.msg_qnum,
	      (unsigned long)ds.msg_cbytes, (unsigned long)ds.msg_qbytes, (int)ds.msg_lspid,
	      ds.msg_perm.mode);
	check("msg-rcv-type-lowest", recv_text(id, &m, 64, -2, 0) == 3 && m.mtype == 1 &&
	      strcmp(m.mtext, "one") == 0, "got type %ld '%s'", m.mtype, m.mtext);
	check("msg-rcv-except", recv_text(id, &m, 64, 3, MSG_EXCEPT) == 3 && m.mtype == 2,
	      "got type %ld '%s'", m.mtype, m.mtext);
	check("msg-rcv-type", recv_text(id, &m, 64, 1, 0) == 3 && strcmp(m.mtext, "uno") == 0,
	      "got '%s'", m.mtext);
	check_err("msg-rcv-e2big", recv_text(id, &m, 2, 0, 0), E2BIG);
	check("msg-rcv-noerror", recv_text(id, &m, 2, 0, MSG_NOERROR) == 2 &&
	      strcmp(m.mtext, "th") == 0 && m.mtype == 3, "got '%s'", m.mtext);
	check_err("msg-rcv-nowait-enomsg", recv_text(id, &m, 64, 0, IPC_NOWAIT), ENOMSG);
	send_text(id, 9, "nine", 0);
	check("msg-rcv-long-min", recv_text(id, &m, 64, -__LONG_MAX__ - 1, IPC_NOWAIT) == 4 &&
	      m.mtype == 9, "%s", strerror(errno));
	check("msg-stat-lrpid", msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum == 0 &&
	      ds.msg_lrpid == getpid() && ds.msg_rtime != 0, "qnum %lu",
	      (unsigned long)ds.msg_qnum);

	check_err("msg-snd-type0-einval", send_text(id, 0, "x", 0), EINVAL);
	static struct { long mtype; char mtext[8193]; } big = { 1, { 0 } };
	check_err("msg-snd-msgmax-einval", msgsnd(id, &big, 8193, 0), EINVAL);
	check("msg-snd-msgmax-ok", msgsnd(id, &big, 8192, 0) == 0 &&
	      msgrcv(id, &big, 8192, 0, 0) == 8192, "%s", strerror(errno));
	check_err("msg-snd-efault", msgsnd(id, (void *)8, 1, 0), EFAULT);
	check_err("msg-ctl-bad-cmd", msgctl(id, 99, &ds), EINVAL);
	check_err("msg-ctl-bad-id", msgctl(id + 1, IPC_STAT, &ds), EINVAL);

	/* A queue of 100 bytes: the second 60 do not fit. */
	msgctl(id, IPC_STAT, &ds);
	ds.msg_qbytes = 100;
	check("msg-set-qbytes", msgctl(id, IPC_SET, &ds) == 0 && msgctl(id, IPC_STAT, &ds) == 0 &&
	      ds.msg_qbytes == 100, "%s", strerror(errno));
	memset(big.mtext, 'x', 60);
	check("msg-snd-fits", msgsnd(id, &big, 60, IPC_NOWAIT) == 0, "%s", strerror(errno));
	check_err("msg-snd-full-eagain", msgsnd(id, &big, 60, IPC_NOWAIT), EAGAIN);

	/* A sender blocked on the full queue goes on when a receiver makes room. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(msgsnd(id, &big, 60, 0) == 0 ? 0 : 1);
	check("msg-snd-blocks", wait_sleeping(pid), "the sender never slept");
	check("msg-rcv-wakes-sender", msgrcv(id, &big, 100, 0, 0) == 60 && reap(pid) == 0 &&
	      msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum == 1, "qnum %lu",
	      (unsigned long)ds.msg_qnum);
	/* Full again: a signal interrupts a blocked sender, and so does
	 * IPC_RMID of another full queue (EIDRM). */
	pid = fork();
	if (pid == 0) {
		catch_usr1();
		_exit(msgsnd(id, &big, 60, 0) == -1 && errno == EINTR ? 0 : 1);
	}
	wait_sleeping(pid);
	kill(pid, SIGUSR1);
	check("msg-snd-eintr", reap(pid) == 0, "not EINTR");
	msgrcv(id, &big, 100, 0, 0);
	int full = msgget(IPC_PRIVATE, 0600);
	msgctl(full, IPC_STAT, &ds);
	ds.msg_qbytes = 60;
	msgctl(full, IPC_SET, &ds);
	msgsnd(full, &big, 60, 0);
	pid = fork();
	if (pid == 0)
		_exit(msgsnd(full, &big, 60, 0) == -1 && errno == EIDRM ? 0 : 1);
	wait_sleeping(pid);
	msgctl(full, IPC_RMID, NULL);
	check("msg-snd-eidrm", reap(pid) == 0, "not EIDRM");

	/* A receiver blocked on an empty queue gets what is sent next. */
	pid = fork();
	if (pid == 0)
		_exit(recv_text(id, &m, 64, 7, 0) == 5 && strcmp(m.mtext, "hello") == 0 ? 0 : 1);
	check("msg-rcv-blocks", wait_sleeping(pid), "the receiver never slept");
	send_text(id, 6, "other", 0);
	send_text(id, 7, "hello", 0);
	check("msg-snd-wakes-receiver", reap(pid) == 0, "the receiver saw something else");
	recv_text(id, &m, 64, 0, 0);

	/* A signal interrupts a blocked msgrcv. */
	pid = fork();
	if (pid == 0) {
		catch_usr1();
		_exit(recv_text(id, &m, 64, 0, 0) == -1 && errno == EINTR ? 0 : 1);
	}
	wait_sleeping(pid);
	kill(pid, SIGUSR1);
	check("msg-rcv-eintr", reap(pid) == 0, "not EINTR");

	/* IPC_RMID wakes a blocked receiver with EIDRM. */
	pid = fork();
	if (pid == 0)
		_exit(recv_text(id, &m, 64, 0, 0) == -1 && errno == EIDRM ? 0 : 1);
	wait_sleeping(pid);
	check("msg-rmid", msgctl(id, IPC_RMID, NULL) == 0, "%s", strerror(errno));
	check("msg-rmid-eidrm", reap(pid) == 0, "not EIDRM");
	check_err("msg-after-rmid-einval", send_text(id, 1, "x", 0), EINVAL);
	check_err("msg-after-rmid-key-gone", msgget(key, 0), ENOENT);
}

static void msg_info(void)
{
	struct msginfo info;
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0640);

	memset(&info, 0, sizeof(info));
	int max = msgctl(0, IPC_INFO, (struct msqid_ds *)&info);
	check("msg-ipc-info", max >= 0 && info.msgmax == 8192 && info.msgmnb == 16384 &&
	      info.msgmni > 0, "max %d msgmax %d msgmnb %d", max, info.msgmax, info.msgmnb);
	max = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
	check("msg-msg-info", max >= id % 32768 && info.msgpool >= 1, "max %d pool %d", max,
	      info.msgpool);
	check("msg-msg-stat", msgctl(id % 32768, MSG_STAT, &ds) == id &&
	      (ds.msg_perm.mode & 0777) == 0640, "%s", strerror(errno));
	msgctl(id, IPC_RMID, NULL);
}

/* Another user's access to root's 0600 queue. */
static void msg_other_user(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(ALICE) != 0 || setuid(ALICE) != 0)
			_exit(9);
		int r = 0;
		struct msqid_ds ds;
		if (!(send_text(id, 1, "x", IPC_NOWAIT) == -1 && errno == EACCES))
			r |= 1;
		if (!(msgctl(id, IPC_STAT, &ds) == -1 && errno == EACCES))
			r |= 2;
		if (!(msgctl(id, IPC_RMID, NULL) == -1 && errno == EPERM))
			r |= 4;
		_exit(r);
	}
	int r = reap(pid);
	check("msg-other-user-refused", r == 0, "status %d (1 send, 2 stat, 4 rmid)", r);
	/* Root's CAP_IPC_OWNER passes over the bits; handing it to alice
	 * lets her in. */
	struct msqid_ds ds;
	msgctl(id, IPC_STAT, &ds);
	ds.msg_perm.mode = 0000;
	msgctl(id, IPC_SET, &ds);
	check("msg-cap-ipc-owner", send_text(id, 1, "x", IPC_NOWAIT) == 0, "%s", strerror(errno));
	ds.msg_perm.uid = ALICE;
	ds.msg_perm.mode = 0600;
	msgctl(id, IPC_SET, &ds);
	pid = fork();
	if (pid == 0) {
		if (setgid(ALICE) != 0 || setuid(ALICE) != 0)
			_exit(9);
		struct text_msg m;
		_exit(recv_text(id, &m, 64, 0, IPC_NOWAIT) == 1 &&
		      msgctl(id, IPC_RMID, NULL) == 0 ? 0 : 1);
	}
	check("msg-set-owner", reap(pid) == 0, "alice could not use her queue");

	/* Ids are shown as the caller's user namespace maps them: in a new
	 * one with no map yet, root's read as the overflow id. */
	id = msgget(IPC_PRIVATE, 0644);
	pid = fork();
	if (pid == 0) {
		if (setgid(ALICE) != 0 || setuid(ALICE) != 0 || unshare(CLONE_NEWUSER) != 0)
			_exit(9);
		_exit(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_perm.uid == 65534 &&
		      ds.msg_perm.cuid == 65534 && ds.msg_perm.gid == 65534 ? 0 : 1);
	}
	check("msg-ids-mapped", reap(pid) == 0, "root's ids not shown as 65534");
	msgctl(id, IPC_RMID, NULL);
}

static void sem_basics(void)
{
	key_t key = key_base + 3;
	unsigned short vals[3] = { 1, 2, 3 }, got[3] = { 0 };
	struct semid_ds ds;
	union semun arg;

	check_err("sem-get-zero-einval", semget(IPC_PRIVATE, 0, 0600), EINVAL);
	int id = semget(key, 3, IPC_CREAT | IPC_EXCL | 0600);
	check("sem-get-create", id >= 0, "%s", strerror(errno));
	check_err("sem-get-more-einval", semget(key, 4, 0600), EINVAL);
	check("sem-get-fewer", semget(key, 2, 0600) == id, "%s", strerror(errno));
	arg.buf = &ds;
	check("sem-stat", semctl(id, 0, IPC_STAT, arg) == 0 && ds.sem_nsems == 3 &&
	      ds.sem_perm.__key == key && ds.sem_otime == 0, "nsems %lu",
	      (unsigned long)ds.sem_nsems);
	check("sem-initial-zero", semctl(id, 2, GETVAL) == 0, "%s", strerror(errno));
	arg.val = 5;
	check("sem-setval", semctl(id, 1, SETVAL, arg) == 0 && semctl(id, 1, GETVAL) == 5 &&
	      semctl(id, 1, GETPID) == getpid(), "%s", strerror(errno));
	arg.val = 32768;
	check_err("sem-setval-erange", semctl(id, 1, SETVAL, arg), ERANGE);
	check_err("sem-getval-bad-num", semctl(id, 3, GETVAL), EINVAL);
	arg.array = vals;
	check("sem-setall", semctl(id, 0, SETALL, arg) == 0, "%s", strerror(errno));
	arg.array = got;
	check("sem-getall", semctl(id, 0, GETALL, arg) == 0 && got[0] == 1 && got[1] == 2 &&
	      got[2] == 3, "%u %u %u", got[0], got[1], got[2]);

	/* All or nothing: the second operation cannot be done, so neither is. */
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -3, IPC_NOWAIT } };
	check_err("sem-op-nowait-eagain", semop(id, two, 2), EAGAIN);
	check("sem-op-atomic", semctl(id, 0, GETVAL) == 1 && semctl(id, 1, GETVAL) == 2,
	      "values %d %d", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
	two[1].sem_op = -2;
	check("sem-op-both", semop(id, two, 2) == 0 && semctl(id, 0, GETVAL) == 0 &&
	      semctl(id, 1, GETVAL) == 0, "%s", strerror(errno));
	struct sembuf over = { 2, 32767, 0 };
	check_err("sem-op-erange", semop(id, &over, 1), ERANGE);
	struct sembuf far = { 3, 1, 0 };
	check_err("sem-op-efbig", semop(id, &far, 1), EFBIG);
	check_err("sem-op-zero-ops", semop(id, &far, 0), EINVAL);
	static struct sembuf many[501];
	check_err("sem-op-e2big", semop(id, many, 501), E2BIG);
	check_err("sem-op-efault", semop(id, (struct sembuf *)8, 1), EFAULT);
	struct sembuf wait_zero = { 2, 0, 0 };
	struct timespec ts = { 0, 20000000 };
	check_err("sem-timedop-eagain", semtimedop(id, &wait_zero, 1, &ts), EAGAIN);
	/* A timed wait that something ends first. */
	pid_t waiter = fork();
	if (waiter == 0) {
		struct sembuf down = { 1, -1, 0 };
		struct timespec long_ts = { 600, 0 };
		_exit(semtimedop(id, &down, 1, &long_ts) == 0 ? 0 : 1);
	}
	wait_semcnt(id, 1, GETNCNT, 1);
	struct sembuf up1 = { 1, 1, 0 };
	check("sem-timedop-woken", semop(id, &up1, 1) == 0 && reap(waiter) == 0 &&
	      semctl(id, 1, GETVAL) == 0, "%s", strerror(errno));
	ts.tv_nsec = 2000000000L;
	check_err("sem-timedop-einval", semtimedop(id, &wait_zero, 1, &ts), EINVAL);

	/* A waiter for more is counted, and goes on when it comes. */
	pid_t pid = fork();
	if (pid == 0) {
		struct sembuf down = { 0, -1, 0 };
		_exit(semop(id, &down, 1) == 0 ? 0 : 1);
	}
	check("sem-ncnt", wait_semcnt(id, 0, GETNCNT, 1), "no waiter counted");
	struct sembuf up = { 0, 1, 0 };
	check("sem-op-wakes", semop(id, &up, 1) == 0 && reap(pid) == 0 &&
	      semctl(id, 0, GETVAL) == 0 && semctl(id, 0, GETPID) == pid &&
	      semctl(id, 0, GETNCNT) == 0, "value %d pid %d", semctl(id, 0, GETVAL),
	      semctl(id, 0, GETPID));
	/* A waiter for zero. */
	arg.val = 1;
	semctl(id, 2, SETVAL, arg);
	pid = fork();
	if (pid == 0)
		_exit(semop(id, &wait_zero, 1) == 0 ? 0 : 1);
	check("sem-zcnt", wait_semcnt(id, 2, GETZCNT, 1), "no waiter counted");
	struct sembuf down2 = { 2, -1, 0 };
	check("sem-zero-wakes", semop(id, &down2, 1) == 0 && reap(pid) == 0, "%s",
	      strerror(errno));
	/* A signal, then IPC_RMID. */
	pid = fork();
	if (pid == 0) {
		struct sembuf down = { 0, -1, 0 };
		catch_usr1();
		_exit(semop(id, &down, 1) == -1 && errno == EINTR ? 0 : 1);
	}
	wait_semcnt(id, 0, GETNCNT, 1);
	kill(pid, SIGUSR1);
	check("sem-op-eintr", reap(pid) == 0, "not EINTR");
	pid = fork();
	if (pid == 0) {
		struct sembuf down = { 0, -1, 0 };
		_exit(semop(id, &down, 1) == -1 && errno == EIDRM ? 0 : 1);
	}
	wait_semcnt(id, 0, GETNCNT, 1);
	check("sem-rmid", semctl(id, 0, IPC_RMID) == 0, "%s", strerror(errno));
	check("sem-rmid-eidrm", reap(pid) == 0, "not EIDRM");
	check_err("sem-after-rmid", semctl(id, 0, GETVAL), EINVAL);
}

static void sem_undo(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	union semun arg = { .val = 2 };

	semctl(id, 1, SETVAL, arg);
	pid_t pid = fork();
	if (pid == 0) {
		struct sembuf ops[2] = { { 0, 3, SEM_UNDO }, { 1, -2, SEM_UNDO } };
		struct sembuf again = { 0, 1, SEM_UNDO };
		_exit(semop(id, ops, 2) == 0 && semop(id, &again, 1) == 0 &&
		      semctl(id, 0, GETVAL) == 4 ? 0 : 1);
	}
	check("sem-undo-child", reap(pid) == 0, "the child's operations failed");
	check("sem-undo-at-exit", semctl(id, 0, GETVAL) == 0 && semctl(id, 1, GETVAL) == 2,
	      "values %d %d", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
	/* SETVAL drops what the adjustment would undo. */
	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 0, 5, SEM_UNDO };
		union semun a = { .val = 7 };
		_exit(semop(id, &up, 1) == 0 && semctl(id, 0, SETVAL, a) == 0 ? 0 : 1);
	}
	check("sem-undo-setval-clears", reap(pid) == 0 && semctl(id, 0, GETVAL) == 7,
	      "value %d", semctl(id, 0, GETVAL));
	/* The set is gone before the process exits: nothing to undo. */
	pid = fork();
	if (pid == 0) {
		struct sembuf up = { 0, 1, SEM_UNDO };
		_exit(semop(id, &up, 1) == 0 && semctl(id, 0, IPC_RMID) == 0 ? 0 : 1);
	}
	check("sem-undo-after-rmid", reap(pid) == 0, "the child failed");
}

static int sysvsem_id;

/* A child made with CLONE_SYSVSEM: its adjustment goes in the list it
 * shares with its parent. */
static int shared_undo_child(void *arg)
{
	struct sembuf up = { 0, 1, SEM_UNDO };

	(void)arg;
	return semop(sysvsem_id, &up, 1) == 0 ? 0 : 1;
}

/* The middle process: the value stays after its CLONE_SYSVSEM child has
 * exited (the list is still held), and is undone when it exits too. */
static int shared_undo_parent(void)
{
	static char stack[64 * 1024];
	pid_t pid = clone(shared_undo_child, stack + sizeof(stack), CLONE_SYSVSEM | SIGCHLD, NULL);

	if (pid < 0 || reap(pid) != 0)
		return 2;
	return semctl(sysvsem_id, 0, GETVAL) == 1 ? 0 : 1;
}

static void sem_undo_shared(void)
{
	sysvsem_id = semget(IPC_PRIVATE, 1, 0600);
	pid_t pid = fork();

	if (pid == 0)
		_exit(shared_undo_parent());
	int r = reap(pid);
	check("sem-undo-sysvsem-shared", r == 0, "status %d", r);
	check("sem-undo-sysvsem-last-exit", semctl(sysvsem_id, 0, GETVAL) == 0, "value %d",
	      semctl(sysvsem_id, 0, GETVAL));
	semctl(sysvsem_id, 0, IPC_RMID);
}

static void sem_info(void)
{
	struct seminfo info;
	union semun arg = { .__buf = &info };

	memset(&info, 0, sizeof(info));
	check("sem-ipc-info", semctl(0, 0, IPC_INFO, arg) >= 0 && info.semvmx == 32767 &&
	      info.semopm >= 32 && info.semmsl > 0, "semvmx %d semopm %d", info.semvmx,
	      info.semopm);
}

static int shm_nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) == 0 ? (int)ds.shm_nattch : -1;
}

/* Run as `sysvipc nattch ID` by the exec check: the segment's attach
 * count as this freshly exec'd process sees it. */
static int report_nattch(const char *id)
{
	return shm_nattch(atoi(id));
}

static void shm_basics(void)
{
	key_t key = key_base + 4;
	struct shmid_ds ds;

	check_err("shm-get-zero-einval", shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	int id = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600);
	check("shm-get-create", id >= 0, "%s", strerror(errno));
	check_err("shm-get-bigger-einval", shmget(key, 20000, 0600), EINVAL);
	check("shm-get-existing", shmget(key, 0, 0600) == id, "%s", strerror(errno));
	check("shm-stat", shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_segsz == 10000 &&
	      ds.shm_nattch == 0 && ds.shm_cpid == getpid() && ds.shm_perm.__key == key,
	      "segsz %lu nattch %lu", (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch);

	char *p = shmat(id, NULL, 0);
	check("shm-at", p != (char *)-1 && ((unsigned long)p & (SHMLBA - 1)) == 0, "%s",
	      strerror(errno));
	if (p == (char *)-1)
		return;
	check("shm-zero-filled", p[0] == 0 && p[9999] == 0, "not zero");
	strcpy(p, "parent");
	check("shm-nattch-1", shm_nattch(id) == 1, "nattch %d", shm_nattch(id));

	/* The child shares the attach, and writes back through it. */
	int ready[2], done[2];
	pipe(ready);
	pipe(done);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		int ok = strcmp(p, "parent") == 0;
		strcpy(p + 100, "child");
		write(ready[1], "x", 1);
		read(done[0], &c, 1);
		_exit(ok ? 0 : 1);
	}
	char c;
	read(ready[0], &c, 1);
	check("shm-fork-shares", strcmp(p + 100, "child") == 0, "'%s'", p + 100);
	check("shm-fork-nattch-2", shm_nattch(id) == 2, "nattch %d", shm_nattch(id));
	write(done[1], "x", 1);
	check("shm-fork-child-saw", reap(pid) == 0, "the child saw other data");
	check("shm-exit-detaches", shm_nattch(id) == 1, "nattch %d", shm_nattch(id));

	/* Another process attaches by id on its own, read-only: it sees the
	 * data and cannot write. */
	pid = fork();
	if (pid == 0) {
		shmdt(p);
		char *q = shmat(id, NULL, SHM_RDONLY);
		if (q == (char *)-1 || strcmp(q, "parent") != 0)
			_exit(1);
		q[0] = 'X';	/* SIGSEGV */
		_exit(2);
	}
	int r = reap(pid);
	check("shm-rdonly-segv", r == 128 + SIGSEGV, "status %d", r);

	/* exec detaches: the new program sees only the parent's attach. */
	pid = fork();
	if (pid == 0) {
		char arg[16];
		snprintf(arg, sizeof(arg), "%d", id);
		execl(self, self, "nattch", arg, (char *)NULL);
		_exit(99);
	}
	r = reap(pid);
	check("shm-exec-detaches", r == 1, "the exec'd program saw nattch %d", r);

	/* Attach addresses: a hint, SHM_RND, and the refusals. */
	char *free_area = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(free_area, 4 * 4096);
	char *q = shmat(id, free_area, 0);
	check("shm-at-address", q == free_area && strcmp(q, "parent") == 0, "at %p, want %p",
	      (void *)q, (void *)free_area);
	check_err("shm-at-unaligned-einval", shmat(id, free_area + 5, 0), EINVAL);
	check_err("shm-at-busy-einval", shmat(id, free_area, 0), EINVAL);
	check("shm-dt-hint", shmdt(q) == 0, "%s", strerror(errno));
	q = shmat(id, free_area + 5, SHM_RND);
	check("shm-at-rnd", q == free_area, "at %p, want %p", (void *)q, (void *)free_area);
	shmdt(q);
	check_err("shm-dt-not-attached", shmdt(free_area), EINVAL);
	check_err("shm-dt-unaligned", shmdt(p + 1), EINVAL);
	check_err("shm-at-bad-id", shmat(id + 1, NULL, 0), EINVAL);
	check_err("shm-at-remap-no-address", shmat(id, NULL, SHM_REMAP), EINVAL);
	q = shmat(id, free_area, 0);
	check("shm-at-remap", q == free_area && shmat(id, free_area, SHM_REMAP) == free_area &&
	      shm_nattch(id) == 2 && shmdt(q) == 0, "%s", strerror(errno));

	/* The data outlives the attaches until IPC_RMID. */
	check("shm-dt", shmdt(p) == 0 && shm_nattch(id) == 0, "%s", strerror(errno));
	p = shmat(id, NULL, 0);
	check("shm-data-kept", p != (char *)-1 && strcmp(p, "parent") == 0 &&
	      strcmp(p + 100, "child") == 0, "data lost");

	/* IPC_RMID while attached: SHM_DEST and no key until the last detach. */
	check("shm-rmid-attached", shmctl(id, IPC_RMID, NULL) == 0 &&
	      shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SHM_DEST) &&
	      ds.shm_perm.__key == IPC_PRIVATE && ds.shm_nattch == 1, "mode %o key %d",
	      ds.shm_perm.mode, ds.shm_perm.__key);
	check_err("shm-rmid-key-gone", shmget(key, 0, 0600), ENOENT);
	check("shm-dest-still-usable", strcmp(p, "parent") == 0, "data lost");
	check("shm-last-dt", shmdt(p) == 0, "%s", strerror(errno));
	check_err("shm-gone-after-last-dt", shmctl(id, IPC_STAT, &ds), EINVAL);

	/* Removed while a child holds it: gone when the child exits. */
	id = shmget(IPC_PRIVATE, 4096, 0600);
	p = shmat(id, NULL, 0);
	pid = fork();
	if (pid == 0) {
		read(done[0], &c, 1);
		_exit(p[0] == 'k' ? 0 : 1);
	}
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
	check("shm-dest-child-holds", shm_nattch(id) == 1, "nattch %d", shm_nattch(id));
	write(done[1], "x", 1);
	reap(pid);
	check_err("shm-dest-freed-at-child-exit", shmctl(id, IPC_STAT, &ds), EINVAL);
	close(ready[0]);
	close(ready[1]);
	close(done[0]);
	close(done[1]);

	struct shminfo info;
	check("shm-ipc-info", shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0 &&
	      info.shmmni > 0 && info.shmmin == 1, "shmmni %lu", info.shmmni);
	id = shmget(IPC_PRIVATE, 4096, 0600);
	check("shm-lock", shmctl(id, SHM_LOCK, NULL) == 0 && shmctl(id, IPC_STAT, &ds) == 0 &&
	      (ds.shm_perm.mode & SHM_LOCKED) && shmctl(id, SHM_UNLOCK, NULL) == 0, "%s",
	      strerror(errno));
	shmctl(id, IPC_RMID, NULL);
}

/* MemFree in /proc/meminfo, in kB, or -1. */
static long mem_free_kb(void)
{
	char buf[512];
	int fd = open("/proc/meminfo", O_RDONLY);
	int n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "MemFree:");
	return p ? atol(p + 8) : -1;
}

/* Is the kernel under test ours (a quiet machine whose free memory
 * tells), rather than the Linux host's? */
static int our_kernel(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "-isolate") != NULL;
}

/* A new IPC namespace (with a user namespace when not root). */
static int new_ipc_ns(void)
{
	if (getuid() == 0)
		return unshare(CLONE_NEWIPC);
	return unshare(CLONE_NEWUSER | CLONE_NEWIPC);
}

static void namespaces(void)
{
	key_t key = key_base + 5;
	int outside = msgget(key, IPC_CREAT | 0600);
	send_text(outside, 1, "outside", 0);
	int sem_out = semget(key, 1, IPC_CREAT | 0600);
	pid_t pid = fork();

	if (pid == 0) {
		struct msqid_ds ds;
		if (new_ipc_ns() != 0) {
			check_say("FAIL ipcns-unshare: %s", strerror(errno));
			_exit(1);
		}
		check_err("ipcns-key-invisible", msgget(key, 0), ENOENT);
		check_err("ipcns-id-invisible", msgctl(outside, IPC_STAT, &ds), EINVAL);
		check_err("ipcns-sem-invisible", semctl(sem_out, 0, GETVAL), EINVAL);
		int inside = msgget(key, IPC_CREAT | 0600);
		check("ipcns-own-queue", inside == 0 && send_text(inside, 2, "inside", 0) == 0,
		      "id %d: %s", inside, strerror(errno));
		struct msginfo info;
		check("ipcns-info-own", msgctl(0, MSG_INFO, (struct msqid_ds *)&info) == 0 &&
		      info.msgpool == 1, "%d queues", info.msgpool);
		/* Objects of every kind left behind, some in use: they go with
		 * the namespace when this process ends. */
		int sem = semget(IPC_PRIVATE, 1, 0600);
		struct sembuf up = { 0, 1, SEM_UNDO };
		semop(sem, &up, 1);
		int shm = shmget(IPC_PRIVATE, 65536, 0600);
		char *p = shmat(shm, NULL, 0);
		if (p != (char *)-1)
			memset(p, 1, 65536);
		shmget(IPC_PRIVATE, 8192, 0600);
		_exit(0);
	}
	check("ipcns-child", reap(pid) == 0, "the child failed");
	struct text_msg m;
	check("ipcns-outside-untouched", recv_text(outside, &m, 64, 0, IPC_NOWAIT) == 7 &&
	      strcmp(m.mtext, "outside") == 0 && recv_text(outside, &m, 64, 0, IPC_NOWAIT) == -1,
	      "got '%s'", m.mtext);
	msgctl(outside, IPC_RMID, NULL);
	semctl(sem_out, 0, IPC_RMID);

	/* Many namespaces made and left with objects in them: each goes,
	 * and with it the memory of its segments (once the page cache has
	 * written their pages back, which sync hastens). */
	long before = mem_free_kb();
	int ok = 1;
	for (int i = 0; i < 20 && ok; i++) {
		pid = fork();
		if (pid == 0) {
			if (new_ipc_ns() != 0)
				_exit(1);
			int q = msgget(IPC_PRIVATE, 0600);
			int s = shmget(IPC_PRIVATE, 1 << 20, 0600);
			char *p = shmat(s, NULL, 0);
			if (q < 0 || p == (char *)-1 || send_text(q, 1, "left", 0) != 0)
				_exit(2);
			memset(p, 2, 1 << 20);
			_exit(0);
		}
		ok = reap(pid) == 0;
	}
	check("ipcns-many-freed", ok, "a namespace failed");
	if (!our_kernel())
		return;
	long after = mem_free_kb();
	for (int ms = 0; ms < WAIT_LIMIT_MS && after < before - 4096; ms += 10) {
		sync();
		sleep_ms(10);
		after = mem_free_kb();
	}
	check("ipcns-memory-freed", after >= before - 4096, "%ld kB free before, %ld after",
	      before, after);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "nattch") == 0)
		return report_nattch(argv[2]);
	self = argv[0];
	/* Keys of our own: another run (or program) may use small ones. */
	key_base = (key_t)(0x5e000000 | ((getpid() & 0xffff) << 4));
	msg_basics();
	msg_info();
	if (getuid() == 0)
		msg_other_user();
	sem_basics();
	sem_undo();
	sem_undo_shared();
	sem_info();
	shm_basics();
	namespaces();
	return 0;
}
