/* sys/msg.h - System V message queues (Linux's struct msqid64_ds). */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>

__BEGIN_DECLS

#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000

#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime;
	time_t msg_rtime;
	time_t msg_ctime;
	unsigned long __msg_cbytes;
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	pid_t msg_lspid;
	pid_t msg_lrpid;
	unsigned long __glibc_reserved4;
	unsigned long __glibc_reserved5;
};
#define msg_cbytes __msg_cbytes

/* IPC_INFO and MSG_INFO. */
struct msginfo {
	int msgpool;
	int msgmap;
	int msgmax;
	int msgmnb;
	int msgmni;
	int msgssz;
	int msgtql;
	unsigned short msgseg;
};

struct msgbuf {
	long mtype;
	char mtext[1];
};

int msgget(key_t key, int flags);
int msgsnd(int msqid, const void *msgp, size_t msgsz, int flags);
ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int flags);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

__END_DECLS

#endif /* _SYS_MSG_H */
