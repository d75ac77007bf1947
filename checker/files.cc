#include "checker/files.h"

#include <fstream>
#include <sstream>

namespace infracheck {

namespace fs = std::filesystem;

int64_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return static_cast<int64_t>(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size() || c == 0xC0 || c == 0xC1 || c > 0xF4) {
      return static_cast<int64_t>(i);
    }
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return static_cast<int64_t>(i);
    }
    i += len;
  }
  return -1;
}

FileStore::FileStore(fs::path project_root, uint64_t max_size) : max_size_(max_size) {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  root_ = fs::weakly_canonical(project_root, ec);
  if (ec) root_ = fs::absolute(project_root).lexically_normal();
}

bool FileStore::Contains(const fs::path& path) const {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) return false;
  auto rel = c.lexically_relative(root_);
  if (rel.empty()) return false;
  return *rel.begin() != "..";
}

std::string FileStore::Display(const fs::path& path) const {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(cwd_);
  std::string s = rel.empty() ? abs.generic_string() : rel.generic_string();
  if (s.empty()) s = ".";
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

const SourceFile* FileStore::Read(const fs::path& path, std::string* error) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path canon = fs::weakly_canonical(abs, ec);
  if (ec) canon = abs;
  std::string key = canon.string();
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
  if (!Contains(canon)) return fail("outside the project root " + root_.string() + "; not read");
  fs::file_status st = fs::status(canon, ec);
  if (ec || !fs::exists(st)) return fail("no such file");
  if (fs::is_directory(st)) return fail("is a directory, not a file");
  if (!fs::is_regular_file(st)) return fail("not a regular file");
  uintmax_t size = fs::file_size(canon, ec);
  if (ec) return fail("cannot read: " + ec.message());
  if (size > max_size_) {
    return fail("skipped: " + std::to_string(size) + " bytes is over the limit of " +
                std::to_string(max_size_) + " bytes (--max-file-size)");
  }
  std::ifstream in(canon, std::ios::binary);
  if (!in) return fail("cannot read: permission denied or unreadable");
  // One read of the size stat gave; a file that grew meanwhile is read to its end.
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return fail("cannot read: I/O error");
  for (char buf[4096]; in.read(buf, sizeof buf) || in.gcount() > 0;) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > max_size_) return fail("skipped: grew over the size limit while read");
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
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = files_[key];
  if (!slot) {
    bytes_ += text.size();
    slot = std::make_unique<SourceFile>(Display(abs), key, std::move(text));
  }
  return slot.get();
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
