// Reading input files: once, inside the project root only, thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "infracheck/source.h"
#include "parsers/hcl/syntax.h"

namespace infracheck {

/// Whether `path` is absolute and already in lexically normal form (no empty,
/// `.` or `..` parts), so absolute() and lexically_normal() would return it
/// unchanged. A directory walk yields such paths; checking is much cheaper
/// than normalizing.
bool IsNormalAbsolute(std::string_view path);

/// The directory a local module source names from the directory of its
/// caller: `(dir / source).lexically_normal()` without the trailing separator
/// that leaves for `./`, `..` and `dir/`. Computed on the string when `dir` is
/// normal and absolute and `source` relative (every local module call in a
/// walked tree), else through std::filesystem.
std::string ModuleDirectory(const std::string& dir, std::string_view source);

/// One entry of a directory, typed as std::filesystem's directory_entry
/// would type it.
struct DirEntry {
  std::string name;
  bool directory = false;  ///< a directory, or a symlink that leads to one
  bool symlink = false;
  bool regular = false;  ///< a regular file itself, not a symlink to one
};

/// The entries of a directory, "." and ".." left out, in the order the file
/// system gives them. Types come from the listing where the file system
/// records them; a symlink is followed with one stat to know whether it leads
/// to a directory. Empty when the directory cannot be read (permission
/// denied, gone, not a directory).
std::vector<DirEntry> ListDirectory(const std::string& dir);

/// A directory's path and an entry's name: `dir/name`, or `/name` in the root.
std::string JoinPath(std::string_view dir, std::string_view name);

class FileStore {
 public:
  /// `project_root` bounds every read; `max_size` is the largest file read.
  FileStore(const std::filesystem::path& project_root, uint64_t max_size);

  /// Reads a file (absolute, or relative to the working directory), once.
  /// Refuses paths that resolve outside the project root (symlinks
  /// included), directories, files over the size limit, binary files and
  /// files that are not UTF-8; returns nullptr and sets `error` then.
  /// `walked_regular`: a directory walk has just seen a regular file, not a
  /// symlink, at this normal absolute path, so it is opened without a stat
  /// first (the open still refuses a symlink, and the stat of what was
  /// opened still refuses anything but a regular file).
  const SourceFile* Read(const std::string& path, std::string* error, bool walked_regular = false);

  /// A template file parsed for templatefile(), once.
  const hcl::File* Template(const SourceFile& file);

  /// The canonical form of a path, resolved once per path (the tree does not
  /// change during a run; many module calls name the same directory).
  /// Empty when it cannot be resolved.
  std::string CanonicalPath(const std::string& path) const;
  /// Records a canonical form found without asking the file system (a
  /// directory walk knows its children's).
  void RememberCanonical(std::string path, std::string canonical);
  /// Whether a path (after resolving symlinks) is inside the project root.
  bool Contains(const std::filesystem::path& path) const;
  const std::filesystem::path& root() const { return root_; }
  /// How reports print a path: relative to the working directory, '/'-separated.
  std::string Display(const std::filesystem::path& path) const { return Display(path.native()); }
  std::string Display(const std::string& path) const;
  size_t count() const;
  uint64_t bytes() const;

 private:
  /// Whether a canonical path is inside the project root (no file access).
  bool InsideRoot(const std::string& canonical) const;

  std::filesystem::path root_;
  std::filesystem::path cwd_;
  std::string root_display_;  ///< Display(root_) when cwd_ is outside it, else empty
  uint64_t max_size_;
  mutable std::mutex mu_;
  // Hashed, not ordered: looked up for every file, and never listed in order.
  // Keyed by a view of each file's own canonical path (real_path()), not by
  // a second copy of it.
  std::unordered_map<std::string_view, std::unique_ptr<SourceFile>> files_;
  std::unordered_map<std::string, std::string> failures_;
  std::unordered_map<const SourceFile*, std::unique_ptr<hcl::File>> templates_;
  uint64_t bytes_ = 0;
  mutable std::unordered_map<std::string, std::string> canonical_;
};

/// Checks text for NUL bytes and invalid UTF-8; returns the offset of the
/// first bad byte, or -1 when the text is clean.
int64_t FirstInvalidUtf8(std::string_view text);

/// The length of the UTF-8 sequence that starts at `text[i]` (1 for ASCII
/// other than NUL), or 0 when none does there: a NUL, a continuation or
/// invalid lead byte, or a sequence cut short. FirstInvalidUtf8 is this,
/// byte by byte, with ASCII skipped eight bytes at a time.
size_t Utf8SequenceAt(std::string_view text, size_t i);

}  // namespace infracheck
