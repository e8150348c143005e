/*
 * termios.h - the kernel's struct termios (asm-generic/termbits.h) and the
 * POSIX terminal functions.  The line speed lives in c_cflag (CBAUD), as on
 * Linux; there are no separate speed fields.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 19

struct termios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

/* c_cc indexes */
#define VINTR     0
#define VQUIT     1
#define VERASE    2
#define VKILL     3
#define VEOF      4
#define VTIME     5
#define VMIN      6
#define VSWTC     7
#define VSTART    8
#define VSTOP     9
#define VSUSP     10
#define VEOL      11
#define VREPRINT  12
#define VDISCARD  13
#define VWERASE   14
#define VLNEXT    15
#define VEOL2     16

/* c_iflag */
#define IGNBRK   0x0001
#define BRKINT   0x0002
#define IGNPAR   0x0004
#define PARMRK   0x0008
#define INPCK    0x0010
#define ISTRIP   0x0020
#define INLCR    0x0040
#define IGNCR    0x0080
#define ICRNL    0x0100
#define IUCLC    0x0200
#define IXON     0x0400
#define IXANY    0x0800
#define IXOFF    0x1000
#define IMAXBEL  0x2000
#define IUTF8    0x4000

/* c_oflag */
#define OPOST    0x0001
#define OLCUC    0x0002
#define ONLCR    0x0004
#define OCRNL    0x0008
#define ONOCR    0x0010
#define ONLRET   0x0020
#define OFILL    0x0040
#define OFDEL    0x0080
#define NLDLY    0x0100
#define NL0      0x0000
#define NL1      0x0100
#define CRDLY    0x0600
#define CR0      0x0000
#define CR1      0x0200
#define CR2      0x0400
#define CR3      0x0600
#define TABDLY   0x1800
#define TAB0     0x0000
#define TAB1     0x0800
#define TAB2     0x1000
#define TAB3     0x1800
#define XTABS    0x1800
#define BSDLY    0x2000
#define BS0      0x0000
#define BS1      0x2000
#define VTDLY    0x4000
#define VT0      0x0000
#define VT1      0x4000
#define FFDLY    0x8000
#define FF0      0x0000
#define FF1      0x8000

/* c_cflag */
#define CBAUD    0x0000100f
#define CSIZE    0x00000030
#define CS5      0x00000000
#define CS6      0x00000010
#define CS7      0x00000020
#define CS8      0x00000030
#define CSTOPB   0x00000040
#define CREAD    0x00000080
#define PARENB   0x00000100
#define PARODD   0x00000200
#define HUPCL    0x00000400
#define CLOCAL   0x00000800
#define CBAUDEX  0x00001000
#define BOTHER   0x00001000
#define CIBAUD   0x100f0000
#define CMSPAR   0x40000000
#define CRTSCTS  0x80000000

/* line speeds, stored in c_cflag & CBAUD */
#define B0        0x00000000
#define B50       0x00000001
#define B75       0x00000002
#define B110      0x00000003
#define B134      0x00000004
#define B150      0x00000005
#define B200      0x00000006
#define B300      0x00000007
#define B600      0x00000008
#define B1200     0x00000009
#define B1800     0x0000000a
#define B2400     0x0000000b
#define B4800     0x0000000c
#define B9600     0x0000000d
#define B19200    0x0000000e
#define B38400    0x0000000f
#define B57600    0x00001001
#define B115200   0x00001002
#define B230400   0x00001003
#define B460800   0x00001004
#define B500000   0x00001005
#define B576000   0x00001006
#define B921600   0x00001007
#define B1000000  0x00001008
#define B1152000  0x00001009
#define B1500000  0x0000100a
#define B2000000  0x0000100b
#define B2500000  0x0000100c
#define B3000000  0x0000100d
#define B3500000  0x0000100e
#define B4000000  0x0000100f

/* c_lflag */
#define ISIG     0x00001
#define ICANON   0x00002
#define XCASE    0x00004
#define ECHO     0x00008
#define ECHOE    0x00010
#define ECHOK    0x00020
#define ECHONL   0x00040
#define NOFLSH   0x00080
#define TOSTOP   0x00100
#define ECHOCTL  0x00200
#define ECHOPRT  0x00400
#define ECHOKE   0x00800
#define FLUSHO   0x01000
#define PENDIN   0x04000
#define IEXTEN   0x08000
#define EXTPROC  0x10000

/* tcsetattr() actions */
#define TCSANOW    0
#define TCSADRAIN  1
#define TCSAFLUSH  2

/* tcflush() queues */
#define TCIFLUSH   0
#define TCOFLUSH   1
#define TCIOFLUSH  2

/* tcflow() actions */
#define TCOOFF     0
#define TCOON      1
#define TCIOFF     2
#define TCION      3

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcflush(int fd, int queue);
int tcsendbreak(int fd, int duration);
pid_t tcgetsid(int fd);
void cfmakeraw(struct termios *t);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);

__END_DECLS

#endif /* _TERMIOS_H */
