// Source files and positions in them.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace infracheck {

/// A 1-based line and column. Columns count Unicode code points, so a Korean
/// comment earlier on the line does not shift the caret.
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
};

/// One input file, read once and kept alive for the whole run; every span,
/// syntax node and value refers into it.
class SourceFile {
 public:
  SourceFile(std::string display_path, std::string real_path, std::string text);
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  /// Path as reports print it: relative to the working directory, '/'-separated.
  const std::string& path() const { return path_; }
  /// Canonical absolute path.
  const std::string& real_path() const { return real_path_; }
  const std::string& text() const { return text_; }

  /// Position of a byte offset (clamped to the text). Fast on long lines
  /// too (a minified JSON file is one line).
  Position PositionAt(uint32_t byte) const;
  /// The 1-based line of a byte offset (clamped to the text).
  uint32_t LineOf(uint32_t byte) const;
  /// The text of a 1-based line, without its line ending.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(Index().size()); }
  /// Byte offset where a 1-based line starts.
  uint32_t LineStart(uint32_t line) const;

 private:
  std::string path_;
  std::string real_path_;
  /// The line starts, built on first use (once, whichever thread asks):
  /// most files a scan reads never have a position reported.
  const std::vector<uint32_t>& Index() const;

  std::string text_;
  mutable std::once_flag index_once_;
  mutable std::vector<uint32_t> line_starts_;
  /// Code points before each kCodePointBlock-byte block of the text, so a
  /// column is counted from the nearest block, not from the line's start.
  mutable std::vector<uint32_t> code_points_;
};

/// A byte range in a source file. Cheap to copy; an invalid span has no file.
struct Span {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != nullptr; }
  Position start() const { return file ? file->PositionAt(begin) : Position{}; }
  Position stop() const { return file ? file->PositionAt(end) : Position{}; }
  std::string_view text() const {
    return file ? std::string_view(file->text()).substr(begin, end - begin) : std::string_view();
  }
  /// The smallest span covering both (both must be in the same file).
  static Span Cover(Span a, Span b);
  /// The span up to the end of its first line: a header for reports.
  Span FirstLine() const;
  friend bool operator==(const Span& a, const Span& b) {
    return a.file == b.file && a.begin == b.begin && a.end == b.end;
  }
};

/// A problem with an input: unparsable file, refused path, bad config.
struct Diagnostic {
  std::string file;  ///< display path; may be empty for command-line problems
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
  bool warning = false;  ///< worth saying, but never changes the exit code
};

/// Diagnostic at a span.
Diagnostic DiagnosticAt(Span span, std::string message);

}  // namespace infracheck
