/*
 * spawn_bench.c - run a command N times, start to exit, and print the
 * median and 90th percentile wall time in milliseconds and the largest
 * peak resident set of any run in kilobytes:  "median_ms p90_ms maxrss_kb".
 * Output of the command is discarded.  An exit status above 2 (trustlint's
 * range) is a failure unless -a comes first (peers have their own codes).  The pre-commit case is "one small
 * file, start to exit", so process start-up is part of what is measured.
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs, i;
	double *ms;
	long maxrss = 0;
	int any_status = argc > 1 && strcmp(argv[1], "-a") == 0;

	if (any_status) {
		argv++;
		argc--;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: spawn_bench RUNS COMMAND [ARGS...]\n");
		return 2;
	}
	runs = atoi(argv[1]) > 0 ? atoi(argv[1]) : 1;
	ms = calloc((size_t)runs, sizeof(*ms));
	if (!ms)
		return 2;
	for (i = 0; i < runs; i++) {
		struct timespec a, b;
		struct rusage ru;
		int status;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &a);
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
			return 2;
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (WIFSIGNALED(status) || (!any_status && WIFEXITED(status) && WEXITSTATUS(status) > 2)) {
			fprintf(stderr, "spawn_bench: %s failed (status %d)\n", argv[2], status);
			return 2;
		}
		ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp);
	printf("%.3f %.3f %ld\n", ms[runs / 2], ms[(runs * 9) / 10 < runs ? (runs * 9) / 10 : runs - 1],
	       maxrss);
	free(ms);
	return 0;
}
