/*
 * POSIX threads of a static glibc program: four threads share a counter
 * under a mutex (futex), each maps and unmaps private pages while the
 * others run (TLB shoot-downs between harts), and all are joined.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define THREADS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg)
{
	long id = (long)arg, bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 500 == 0) {
			char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED) {
				bad++;
				continue;
			}
			memset(p, (int)id, 8192);
			bad += p[4097] != (char)id;
			munmap(p, 8192);
		}
	}
	return (void *)bad;
}

int main(void)
{
	pthread_t t[THREADS];
	long bad = 0;
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, work, (void *)i)) {
			printf("pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("threads %d counter %ld bad %ld\n", THREADS, counter, bad);
	return 0;
}
