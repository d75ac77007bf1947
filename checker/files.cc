#include "checker/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "model/bytes.h"

namespace infracheck {

namespace fs = std::filesystem;

size_t Utf8SequenceAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size() || c == 0xC0 || c == 0xC1 || c > 0xF4) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return len;
}

int64_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Most text is ASCII: eight bytes at a time while it is.
    while (i + 8 <= s.size() && bytes::PlainAscii8(s.data() + i)) i += 8;
    if (i == s.size()) break;
    size_t len = Utf8SequenceAt(s, i);
    if (len == 0) return static_cast<int64_t>(i);
    i += len;
  }
  return -1;
}

bool IsNormalAbsolute(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  // Each part between separators must be a name: not empty, "." or "..".
  // A single trailing separator is normal (lexically_normal keeps it).
  size_t i = 1;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "." || part == "..") return false;
    if (part.empty() && j != path.size()) return false;  // "//"
    if (j == path.size() - 1) break;                     // trailing '/'
    i = j + 1;
  }
  return true;
}

std::string ModuleDirectory(const std::string& dir, std::string_view source) {
  if (!IsNormalAbsolute(dir) || source.empty() || source[0] == '/') {
    fs::path p = (fs::path(dir) / source).lexically_normal();
    if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
    return p.string();
  }
  // A normal absolute directory, then the source's parts: names are added,
  // `.` and empty parts skipped, `..` drops the last name (never the root).
  std::string out = dir;
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  size_t i = 0;
  while (i <= source.size()) {
    size_t j = source.find('/', i);
    if (j == std::string_view::npos) j = source.size();
    std::string_view part = source.substr(i, j - i);
    if (part == "..") {
      out.resize(std::max<size_t>(out.rfind('/'), 1));
    } else if (!part.empty() && part != ".") {
      if (out.size() > 1) out.push_back('/');
      out.append(part);
    }
    i = j + 1;
  }
  return out;
}

std::vector<DirEntry> ListDirectory(const std::string& dir) {
  std::vector<DirEntry> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  int fd = ::dirfd(d);
  while (const struct dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    DirEntry entry;
    entry.name = name;
    unsigned char type = e->d_type;
    struct stat st {};
    if (type == DT_UNKNOWN) {  // file systems that do not record it
      if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISLNK(st.st_mode)   ? DT_LNK
             : S_ISDIR(st.st_mode) ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
                                   : DT_UNKNOWN;
    }
    entry.symlink = type == DT_LNK;
    entry.regular = type == DT_REG;
    entry.directory = type == DT_DIR || (entry.symlink && ::fstatat(fd, e->d_name, &st, 0) == 0 &&
                                         S_ISDIR(st.st_mode));
    out.push_back(std::move(entry));
  }
  ::closedir(d);
  return out;
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out;
  out.reserve(dir.size() + 1 + name.size());
  out.append(dir);
  if (out.empty() || out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

FileStore::FileStore(const fs::path& project_root, uint64_t max_size) : max_size_(max_size) {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  root_ = fs::weakly_canonical(project_root, ec);
  if (ec) root_ = fs::absolute(project_root).lexically_normal();
  // With the working directory outside the root, a path under the root
  // shares with it no more than the root does: it displays as the root's
  // display path and the rest. (From inside the root, a path may share more.)
  const std::string& r = root_.native();
  const std::string& w = cwd_.native();
  bool cwd_in_root = w.size() >= r.size() && w.compare(0, r.size(), r) == 0 &&
                     (w.size() == r.size() || w[r.size()] == '/');
  if (!cwd_in_root && r.size() > 1 && r.back() != '/' && IsNormalAbsolute(r) &&
      IsNormalAbsolute(w)) {
    root_display_ = Display(r);
  }
}

bool FileStore::Contains(const fs::path& path) const {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) return false;
  std::string c = CanonicalPath(abs.native());
  return !c.empty() && InsideRoot(c);
}

bool FileStore::InsideRoot(const std::string& c) const {
  // Fast path: the root's own path followed by a separator.
  const std::string& r = root_.native();
  if (c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '/' &&
      IsNormalAbsolute(c)) {
    return true;
  }
  auto rel = fs::path(c).lexically_relative(root_);
  if (rel.empty()) return false;
  return *rel.begin() != "..";
}

void FileStore::RememberCanonical(std::string path, std::string canonical) {
  std::lock_guard<std::mutex> lock(mu_);
  canonical_.emplace(std::move(path), std::move(canonical));
}

std::string FileStore::CanonicalPath(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = canonical_.find(path);
    if (it != canonical_.end()) return it->second;
  }
  std::error_code ec;
  std::string c = fs::weakly_canonical(path, ec).native();
  if (ec) c.clear();
  std::lock_guard<std::mutex> lock(mu_);
  return canonical_.emplace(path, std::move(c)).first->second;
}

std::string FileStore::Display(const std::string& p) const {
  // Fast path: a normal path under the working directory is the rest of it.
  const std::string& cwd = cwd_.native();
  if (p.size() > cwd.size() + 1 && p.compare(0, cwd.size(), cwd) == 0 && p[cwd.size()] == '/' &&
      IsNormalAbsolute(p)) {
    std::string s = p.substr(cwd.size() + 1);
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
  }
  // Under the root, seen from outside it: the root's display path and the rest.
  const std::string& r = root_.native();
  if (!root_display_.empty() && p.size() > r.size() + 1 && p.compare(0, r.size(), r) == 0 &&
      p[r.size()] == '/' && IsNormalAbsolute(p)) {
    std::string s;
    s.reserve(root_display_.size() + p.size() - r.size());
    s.append(root_display_).append(p, r.size());
    if (s.back() == '/') s.pop_back();
    return s;
  }
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(cwd_);
  std::string s = rel.empty() ? abs.generic_string() : rel.generic_string();
  if (s.empty()) s = ".";
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

const SourceFile* FileStore::Read(const std::string& path, std::string* error,
                                  bool walked_regular) {
  std::error_code ec;
  bool normal = IsNormalAbsolute(path);
  std::string abs = normal ? path : fs::absolute(path, ec).lexically_normal().native();
  // Absolute and normal: its directory is what precedes the last separator
  // (the root for a file in it), its name what follows.
  size_t slash = abs.rfind('/');
  bool has_parent = slash != std::string::npos && abs != "/";
  std::string parent = has_parent ? abs.substr(0, std::max<size_t>(slash, 1)) : std::string();
  std::string_view name = has_parent ? std::string_view(abs).substr(slash + 1) : "";
  // The canonical path is the canonical directory (resolved once per
  // directory) and the name, unless the file is itself a symlink: then it is
  // resolved whole.
  walked_regular = walked_regular && normal && has_parent;
  struct stat st {};
  bool exists = walked_regular || ::lstat(abs.c_str(), &st) == 0;
  if (walked_regular) st.st_mode = S_IFREG;  // its size comes from the open file
  bool loop = false;
  std::string canon;
  if (exists && !S_ISLNK(st.st_mode) && has_parent) {
    std::string dir = CanonicalPath(parent);
    canon = JoinPath(dir.empty() ? parent : dir, name);
  } else {
    fs::path c = fs::weakly_canonical(abs, ec);
    loop = ec == std::errc::too_many_symbolic_link_levels;
    canon = ec ? abs : c.native();
    exists = !loop && ::stat(canon.c_str(), &st) == 0;
  }
  const std::string& key = canon;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(key);
    if (it != files_.end()) return it->second.get();
    auto f = failures_.find(key);
    if (f != failures_.end()) {
      *error = f->second;
      return nullptr;
    }
  }
  auto fail = [&](std::string message) -> const SourceFile* {
    std::lock_guard<std::mutex> lock(mu_);
    failures_[key] = message;
    *error = std::move(message);
    return nullptr;
  };
  if (loop) return fail("symlink loop; not read");
  if (!InsideRoot(canon)) return fail("outside the project root " + root_.string() + "; not read");
  if (!exists) return fail("no such file");
  if (S_ISDIR(st.st_mode)) return fail("is a directory, not a file");
  // A FIFO or device is never opened: reading it could block forever.
  if (!S_ISREG(st.st_mode)) return fail("not a regular file");
  auto too_big = [&](uint64_t size) {
    return fail("skipped: " + std::to_string(size) + " bytes is over the limit of " +
                std::to_string(max_size_) + " bytes (--max-file-size)");
  };
  auto size = static_cast<uint64_t>(st.st_size);
  if (size > max_size_) return too_big(size);
  // O_NONBLOCK: a FIFO swapped in since the stat still cannot block the open.
  int fd =
      ::open(canon.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (walked_regular ? O_NOFOLLOW : 0));
  if (fd < 0) {
    if (walked_regular && errno == ENOENT) return fail("no such file");
    if (walked_regular && errno == ELOOP) return fail("not a regular file");
    return fail("cannot read: permission denied or unreadable");
  }
  struct stat opened {};
  if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
    ::close(fd);
    return fail("not a regular file");
  }
  if (walked_regular) {  // not stat'ed before the open
    size = static_cast<uint64_t>(opened.st_size);
    if (size > max_size_) {
      ::close(fd);
      return too_big(size);
    }
  }
  // The size stat gave, in one read; a file that grew meanwhile is read to
  // its end, up to the limit.
  std::string text(static_cast<size_t>(size) + 1, '\0');
  size_t got = 0;
  bool io_error = false;
  for (;;) {
    if (got == text.size()) {
      if (text.size() > max_size_) break;
      text.resize(std::min<uint64_t>(text.size() * 2, max_size_ + 1));
    }
    size_t want = text.size() - got;
    ssize_t n = ::read(fd, text.data() + got, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error = true;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
    // A regular file reads short only at its end: no second call to confirm.
    if (static_cast<size_t>(n) < want) break;
  }
  ::close(fd);
  if (io_error) return fail("cannot read: I/O error");
  text.resize(got);
  if (text.size() > max_size_) {
    return fail("skipped: it grew over the limit of " + std::to_string(max_size_) +
                " bytes (--max-file-size) while it was read");
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  int64_t bad = FirstInvalidUtf8(text);
  if (bad >= 0) {
    bool nul = text[static_cast<size_t>(bad)] == '\0';
    SourceFile probe(Display(abs), key, text.substr(0, static_cast<size_t>(bad)));
    Position p = probe.PositionAt(static_cast<uint32_t>(bad));
    return fail(std::string(nul ? "binary file (NUL byte" : "not UTF-8 (invalid byte") +
                " at line " + std::to_string(p.line) + ", column " + std::to_string(p.column) +
                ")");
  }
  // Built outside the lock (it indexes the lines); the first one in wins.
  auto file = std::make_unique<SourceFile>(Display(abs), key, std::move(text));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(key);
  if (it == files_.end()) {
    bytes_ += file->text().size();
    std::string_view own = file->real_path();
    it = files_.emplace(own, std::move(file)).first;
  }
  return it->second.get();
}

const hcl::File* FileStore::Template(const SourceFile& file) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = templates_.find(&file);
    if (it != templates_.end()) return it->second.get();
  }
  auto parsed = hcl::ParseTemplate(file);
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = templates_[&file];
  if (!slot) slot = std::move(parsed);
  return slot.get();
}

size_t FileStore::count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_.size();
}

uint64_t FileStore::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

}  // namespace infracheck
