/* Zentoo test fixture: prints a line that shows how it was built. */
#include <stdio.h>

int main(int argc, char **argv) {
	const char *who = argc > 1 ? argv[1] : "zentoo";
#ifdef GREETING
	printf("hello, %s, with greeting\n", who);
#else
	printf("hello, %s\n", who);
#endif
#ifdef COLOUR
	printf("colour: on\n");
#endif
	return 0;
}
