/* bench_rusage - runs a command and writes its peak RSS (KiB) to a file.
 *
 * usage: bench_rusage OUT CMD [ARG...]   (exits with CMD's status)
 *
 * tools/bench cannot read a tool's peak RSS from the child it spawns: at exec
 * the kernel keeps the high-water RSS of the memory the child had until then,
 * which is the bench script's own (vfork shares it), so every tool smaller
 * than the Python process would read as the Python process's size. The
 * grandchild this program forks starts from this program's few pages.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_rusage OUT CMD [ARG...]\n");
    return 2;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("bench_rusage: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("bench_rusage: wait4");
    return 2;
  }
  FILE* f = fopen(argv[1], "w");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  fprintf(f, "%ld\n", ru.ru_maxrss);
  fclose(f);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}
