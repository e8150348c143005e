/* sys/reboot.h - reboot(2) commands (Linux's LINUX_REBOOT_CMD_* values). */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <sys/cdefs.h>

__BEGIN_DECLS

#define RB_AUTOBOOT     0x01234567
#define RB_HALT_SYSTEM  0xcdef0123
#define RB_ENABLE_CAD   0x89abcdef
#define RB_DISABLE_CAD  0
#define RB_POWER_OFF    0x4321fedc
#define RB_SW_SUSPEND   0xd000fce2
#define RB_KEXEC        0x45584543

/* reboot(2)'s magic numbers; reboot() below supplies them. */
#define LINUX_REBOOT_MAGIC1   0xfee1dead
#define LINUX_REBOOT_MAGIC2   672274793

int reboot(int cmd);

__END_DECLS

#endif /* _SYS_REBOOT_H */
