// IsNormalAbsolute decides when a path skips absolute() and
// lexically_normal(): it must say yes only where those return it unchanged.
// ModuleDirectory normalizes on strings where it can: it must agree with
// lexically_normal() everywhere. ListDirectory types entries from the
// listing: it must type them as std::filesystem's directory_entry does.
#include "checker/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace infracheck {
namespace {

TEST(Files, IsNormalAbsoluteAgreesWithLexicallyNormal) {
  // Every path of up to four parts over these pieces, with and without a
  // trailing separator.
  const std::vector<std::string> parts = {"a", "bc", ".", "..", "", ".x", "x.", "..."};
  std::vector<std::string> paths = {"", "/", "a", "a/b", "./a", "//"};
  std::vector<std::string> frontier = {""};
  for (int depth = 0; depth < 4; ++depth) {
    std::vector<std::string> next;
    for (const std::string& f : frontier) {
      for (const std::string& p : parts) next.push_back(f + "/" + p);
    }
    for (const std::string& p : next) {
      paths.push_back(p);
      paths.push_back(p + "/");
    }
    frontier = std::move(next);
  }
  size_t normal = 0;
  for (const std::string& p : paths) {
    std::filesystem::path path(p);
    bool expected = path.is_absolute() && path.lexically_normal().native() == p;
    // libstdc++ leaves a path of slashes alone ("//", "///"); calling it not
    // normal only costs a normalization.
    if (p.size() > 1 && p.find_first_not_of('/') == std::string::npos) {
      EXPECT_FALSE(IsNormalAbsolute(p)) << "'" << p << "'";
      continue;
    }
    EXPECT_EQ(IsNormalAbsolute(p), expected) << "'" << p << "'";
    normal += expected;
  }
  EXPECT_GT(normal, 100u);  // both answers are exercised
}

// The filesystem definition ModuleDirectory's string path must agree with.
std::string ModuleDirectoryByPath(const std::string& dir, const std::string& source) {
  std::filesystem::path p = (std::filesystem::path(dir) / source).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
  return p.string();
}

TEST(Files, ModuleDirectoryAgreesWithLexicallyNormal) {
  const std::vector<std::string> dirs = {"/",       "/a",      "/a/", "/a/b",  "/a/b/c",
                                         "/a/b/c/", "/a/./b",  "a/b", "/a//b", "/a/b/..",
                                         "",        "/.x/y..", "/..."};
  // Sources of up to three parts over these pieces, with and without a
  // trailing separator, and a few absolute ones.
  const std::vector<std::string> parts = {".", "..", "m", "mod-x", "", "..."};
  std::vector<std::string> sources = {"/abs/m", "/", "//x", "./", "../", "m//n"};
  std::vector<std::string> frontier = {""};
  for (int depth = 0; depth < 3; ++depth) {
    std::vector<std::string> next;
    for (const std::string& f : frontier) {
      for (const std::string& p : parts) {
        std::string s = f;
        if (!s.empty()) s += '/';
        next.push_back(s += p);
      }
    }
    for (const std::string& s : next) {
      sources.push_back(s);
      sources.push_back(s + "/");
    }
    frontier = std::move(next);
  }
  for (const std::string& d : dirs) {
    for (const std::string& s : sources) {
      EXPECT_EQ(ModuleDirectory(d, s), ModuleDirectoryByPath(d, s))
          << "'" << d << "' + '" << s << "'";
    }
  }
  EXPECT_EQ(ModuleDirectory("/p/envs/dev", "../../modules/vpc"), "/p/modules/vpc");
  EXPECT_EQ(ModuleDirectory("/p/envs/dev", "./"), "/p/envs/dev");
  EXPECT_EQ(ModuleDirectory("/p", "../../.."), "/");
}

TEST(Files, ListDirectoryTypesEntriesAsDirectoryIteratorDoes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("infracheck-list-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "main.tf") << "x = 1\n";
  std::ofstream(dir / ".hidden.tf") << "";
  fs::create_directory_symlink("sub", dir / "to-sub");
  fs::create_symlink("main.tf", dir / "to-main.tf");
  fs::create_symlink("nowhere", dir / "dangling.tf");
  fs::create_directory_symlink(dir, dir / "sub" / "loop");
  ASSERT_EQ(::mkfifo((dir / "pipe.tf").c_str(), 0600), 0);

  struct Typed {
    bool directory, symlink, regular;
    bool operator==(const Typed&) const = default;
  };
  auto listed = [](const fs::path& d) {
    std::map<std::string, Typed> out;
    for (const DirEntry& e : ListDirectory(d.string())) {
      out[e.name] = {e.directory, e.symlink, e.regular};
    }
    return out;
  };
  auto iterated = [](const fs::path& d) {
    std::map<std::string, Typed> out;
    for (const fs::directory_entry& e : fs::directory_iterator(d)) {
      std::error_code ec;
      bool symlink = e.is_symlink(ec);
      out[e.path().filename().string()] = {e.is_directory(ec), symlink,
                                           !symlink && e.is_regular_file(ec)};
    }
    return out;
  };
  std::map<std::string, Typed> top = listed(dir);
  EXPECT_EQ(top, iterated(dir));
  EXPECT_EQ(top.size(), 7u);
  EXPECT_EQ(top["sub"], (Typed{true, false, false}));
  EXPECT_EQ(top["to-sub"], (Typed{true, true, false}));
  EXPECT_EQ(top["main.tf"], (Typed{false, false, true}));
  EXPECT_EQ(top["to-main.tf"], (Typed{false, true, false}));
  EXPECT_EQ(top["dangling.tf"], (Typed{false, true, false}));
  EXPECT_EQ(top["pipe.tf"], (Typed{false, false, false}));
  EXPECT_EQ(listed(dir / "sub"), iterated(dir / "sub"));
  // Not a directory, or gone: nothing.
  EXPECT_TRUE(ListDirectory((dir / "main.tf").string()).empty());
  EXPECT_TRUE(ListDirectory((dir / "missing").string()).empty());
  fs::remove_all(dir);
}

// Display's fast paths (under the working directory; under the root, seen
// from outside it) print what the general way does, from any directory.
TEST(Files, DisplayAgreesWithLexicallyRelative) {
  namespace fs = std::filesystem;
  fs::path tmp = fs::temp_directory_path() / ("ic-display-" + std::to_string(getpid()));
  for (const char* d : {"a/b/c", "a/bx", "d"}) fs::create_directories(tmp / d);
  tmp = fs::canonical(tmp);
  fs::path saved = fs::current_path();
  auto general = [](const std::string& p, const fs::path& cwd) {
    fs::path abs = fs::absolute(p).lexically_normal();
    fs::path rel = abs.lexically_relative(cwd);
    std::string s = rel.empty() ? abs.generic_string() : rel.generic_string();
    if (s.empty()) s = ".";
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
  };
  std::vector<std::string> cwds = {"/", tmp, tmp / "a", tmp / "a/b", tmp / "a/b/c", tmp / "d"};
  std::vector<std::string> roots = {tmp / "a", tmp / "a/b", tmp / "d", tmp.string()};
  size_t checked = 0;
  for (const std::string& cwd : cwds) {
    fs::current_path(cwd);
    for (const std::string& root : roots) {
      FileStore store(root, 1 << 20);
      for (const std::string& p :
           std::vector<std::string>{root, root + "/", root + "/x.tf", root + "/b/c/y.tf",
                                    root + "/sub/", root + "/./x.tf", root + "/../d/w.tf",
                                    (tmp / "a/bx/z.tf").string(), (tmp / "d/w.tf").string(),
                                    (tmp / "a/b").string() + "x/v.tf", std::string("/x.tf")}) {
        EXPECT_EQ(store.Display(p), general(p, cwd)) << "cwd " << cwd << ", root " << root;
        ++checked;
      }
    }
  }
  fs::current_path(saved);
  fs::remove_all(tmp);
  EXPECT_EQ(checked, 6u * 4u * 11u);
}

TEST(Files, JoinPath) {
  EXPECT_EQ(JoinPath("/a/b", "c.tf"), "/a/b/c.tf");
  EXPECT_EQ(JoinPath("/", "c.tf"), "/c.tf");
  EXPECT_EQ(JoinPath("/a/", "c"), "/a/c");
}

}  // namespace
}  // namespace infracheck
