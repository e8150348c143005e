/* hello.c - the smallest test: the machinery runs a program and sees its line. */
#include "t.h"

int main(void)
{
	check("hello", 1, "");
	return 0;
}
