/*
 * signalfd (fs/signalfd.c): a file whose reads take the reader's pending
 * signals of the file's mask, as struct signalfd_siginfo.
 */
#ifndef KERNEL_SIGNALFD_H
#define KERNEL_SIGNALFD_H

/* A signal was queued (signal.c): wake signalfd readers and pollers. */
void signalfd_notify(void);

#endif
