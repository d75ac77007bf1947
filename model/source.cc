#include "infracheck/source.h"

#include <algorithm>
#include <cstring>

#include "model/bytes.h"

namespace infracheck {

namespace {

constexpr uint32_t kCodePointBlock = 4096;

}  // namespace

SourceFile::SourceFile(std::string display_path, std::string real_path, std::string text)
    : path_(std::move(display_path)), real_path_(std::move(real_path)), text_(std::move(text)) {}

const std::vector<uint32_t>& SourceFile::Index() const {
  std::call_once(index_once_, [this] {
    // Sized exactly: a file's index stays in memory for the rest of the run.
    const char* data = text_.data();
    const char* end = data + text_.size();
    line_starts_.reserve(bytes::Count(data, text_.size(), '\n') + 1);
    line_starts_.push_back(0);
    for (const char* p = data; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))); ++p) {
      line_starts_.push_back(static_cast<uint32_t>(p - data + 1));
    }
    code_points_.reserve(text_.size() / kCodePointBlock + 2);
    uint32_t code_points = 0;
    for (size_t block = 0; block < text_.size(); block += kCodePointBlock) {
      code_points_.push_back(code_points);
      code_points += static_cast<uint32_t>(
          bytes::CodePoints(data + block, std::min<size_t>(kCodePointBlock, text_.size() - block)));
    }
    // One entry per block boundary up to and including the end of the text.
    if (text_.size() % kCodePointBlock == 0) code_points_.push_back(code_points);
  });
  return line_starts_;
}

uint32_t SourceFile::LineOf(uint32_t byte) const {
  byte = std::min<uint32_t>(byte, static_cast<uint32_t>(text_.size()));
  const std::vector<uint32_t>& starts = Index();
  auto it = std::upper_bound(starts.begin(), starts.end(), byte);
  return static_cast<uint32_t>(it - starts.begin());
}

uint32_t SourceFile::LineStart(uint32_t line) const {
  if (line == 0) return 0;
  const std::vector<uint32_t>& starts = Index();
  if (line > starts.size()) return static_cast<uint32_t>(text_.size());
  return starts[line - 1];
}

Position SourceFile::PositionAt(uint32_t byte) const {
  byte = std::min<uint32_t>(byte, static_cast<uint32_t>(text_.size()));
  uint32_t line = LineOf(byte);
  uint32_t start = Index()[line - 1];
  // Count code points (bytes that are not UTF-8 continuation bytes) from the
  // line's start, or from the block boundaries a long line crosses.
  auto count = [&](uint32_t from, uint32_t to) {
    return static_cast<uint32_t>(bytes::CodePoints(text_.data() + from, to - from));
  };
  uint32_t column = 1;
  if (byte - start <= 2 * kCodePointBlock) {
    column += count(start, byte);
  } else {
    // Code points before `at`, from the block index.
    auto before = [&](uint32_t at) {
      uint32_t block = at / kCodePointBlock;
      return code_points_[block] + count(block * kCodePointBlock, at);
    };
    column += before(byte) - before(start);
  }
  return Position{line, column};
}

std::string_view SourceFile::Line(uint32_t line) const {
  const std::vector<uint32_t>& starts = Index();
  if (line == 0 || line > starts.size()) return {};
  uint32_t begin = starts[line - 1];
  uint32_t end = line < starts.size() ? starts[line] : static_cast<uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Span Span::FirstLine() const {
  Span s = *this;
  if (size_t nl = text().find('\n'); nl != std::string_view::npos) {
    s.end = s.begin + static_cast<uint32_t>(nl);
  }
  return s;
}

Span Span::Cover(Span a, Span b) {
  if (!a.valid()) return b;
  if (!b.valid() || a.file != b.file) return a;
  return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

Diagnostic DiagnosticAt(Span span, std::string message) {
  Diagnostic d;
  if (span.valid()) {
    Position p = span.start();
    d.file = span.file->path();
    d.line = p.line;
    d.column = p.column;
  }
  d.message = std::move(message);
  return d;
}

}  // namespace infracheck
