/* stdio.c - buffered file I/O through glibc: write, fseek, ftell, read back. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[64], line[128];
	FILE *f;
	long size;

	snprintf(path, sizeof(path), "/tmp/linux-stdio-%d", (int)getpid());
	f = fopen(path, "w+");
	if (!f) {
		perror(path);
		return 1;
	}
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %04d %s\n", i, i % 3 ? "fizz" : "buzz");
	fflush(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	printf("size %ld\n", size);
	fseek(f, 15 * 500, SEEK_SET);
	if (fgets(line, sizeof(line), f))
		printf("at 7500: %s", line);
	fseek(f, -15, SEEK_END);
	if (fgets(line, sizeof(line), f))
		printf("last: %s", line);
	rewind(f);
	fputs("LINE", f);
	fseek(f, 0, SEEK_SET);
	if (fgets(line, sizeof(line), f))
		printf("first after overwrite: %s", line);
	fclose(f);
	f = fopen(path, "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen(path, "r");
	int lines = 0;
	while (fgets(line, sizeof(line), f))
		lines++;
	printf("lines %d, last '%.*s'\n", lines, (int)strcspn(line, "\n"), line);
	fclose(f);
	printf("unlink %d\n", unlink(path));
	printf("fopen missing: %s\n", fopen(path, "r") ? "opened" : "failed");
	return 0;
}
