/* human: sizes as ls -h, df -h and du -h print them ("512", "1.5K", "20M"). */
#ifndef HUMAN_H
#define HUMAN_H

#define HUMAN_SIZE_MAX 24

/*
 * bytes in powers of 1024 with a one-letter suffix, rounded up as GNU
 * coreutils does: one decimal below 10 ("9.9K"), none above ("10K");
 * below 1024 the plain number.
 */
const char *human_size(unsigned long long bytes, char buf[HUMAN_SIZE_MAX]);

#endif /* HUMAN_H */
