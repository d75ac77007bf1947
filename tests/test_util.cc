#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace infracheck::testing {

namespace fs = std::filesystem;

TempTree::TempTree() {
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("infracheck-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(path_ / ".git");
}

TempTree::~TempTree() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void TempTree::Write(const std::string& relative, const std::string& text) {
  fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

}  // namespace

RunResult RunInfracheck(const std::vector<std::string>& args, const fs::path& cwd) {
  static int counter = 0;
  fs::path err = fs::temp_directory_path() / ("infracheck-stderr-" + std::to_string(getpid()) +
                                              "-" + std::to_string(counter++));
  std::string cmd = "cd " + Quote(cwd.string()) + " && NO_COLOR=1 " + Quote(INFRACHECK_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  cmd += " 2>" + Quote(err.string());
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = ReadFile(err);
  std::error_code ec;
  fs::remove(err, ec);
  return r;
}

}  // namespace infracheck::testing
