/*
 * epoll (fs/eventpoll.c): an epoll file watches other files through their
 * poll operations.  Each watch (an epitem) keeps a callback entry on the
 * file's wait queues; a wake_up there moves the item onto the epoll's ready
 * list, so epoll_wait looks at ready items only: O(ready), never
 * O(watched).  A file's last file_put removes its watches.
 */
#ifndef KERNEL_EVENTPOLL_H
#define KERNEL_EVENTPOLL_H

struct file;

/* f is being freed (file_put): take it out of every epoll watching it. */
void eventpoll_release_file(struct file *f);

#endif
