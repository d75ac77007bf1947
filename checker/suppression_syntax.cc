// Reading suppression comments and placing them on the syntax they cover.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include "checker/suppressions.h"
#include "checker/terraform/config.h"

namespace infracheck {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The comment's text without its markers (# // /* */).
std::string_view Body(std::string_view c) {
  c = Trim(c);
  if (c.starts_with("/*")) {
    c.remove_prefix(2);
    if (c.ends_with("*/")) c.remove_suffix(2);
  } else if (c.starts_with("//")) {
    c.remove_prefix(2);
  } else {
    while (c.starts_with("#")) c.remove_prefix(1);
  }
  return Trim(c);
}

bool IdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// `infracheck:ignore a, b until=2026-01-31 -- reason`, after the keyword.
Suppression ParseOurs(std::string_view rest) {
  Suppression s;
  s.syntax = Suppression::Syntax::kInfracheck;
  std::string_view head = rest;
  // The reason follows a `--` that starts a word.
  for (size_t i = 0; i + 1 < rest.size(); ++i) {
    if (rest[i] == '-' && rest[i + 1] == '-' && (i == 0 || IsSpace(rest[i - 1]))) {
      head = rest.substr(0, i);
      s.reason = std::string(Trim(rest.substr(i + 2)));
      break;
    }
  }
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    if (token.starts_with("until=")) {
      s.until = token.substr(6);
      if (!ValidDate(s.until)) s.problem = "until=" + s.until + " is not a date (YYYY-MM-DD)";
    } else if (!std::all_of(token.begin(), token.end(), IdChar)) {
      s.problem = "'" + token + "' is not a rule ID";
    } else {
      s.ids.push_back(token);
    }
    token.clear();
  };
  for (char c : head) {
    if (IsSpace(c) || c == ',') {
      flush();
    } else {
      token.push_back(c);
    }
  }
  flush();
  if (s.ids.empty() && s.problem.empty()) s.problem = "it names no rule";
  return s;
}

// `tfsec:ignore:ID[:exp:DATE]` and `trivy:ignore:ID[:exp:DATE]`, every one in the text.
void ParsePeerIgnores(std::string_view text, std::string_view keyword, Suppression::Syntax syntax,
                      std::vector<Suppression>& out) {
  for (size_t at = text.find(keyword); at != std::string_view::npos;
       at = text.find(keyword, at + 1)) {
    if (at > 0 && IdChar(text[at - 1])) continue;
    size_t i = at + keyword.size();
    Suppression s;
    s.syntax = syntax;
    size_t start = i;
    while (i < text.size() && (IdChar(text[i]) || text[i] == '*')) ++i;
    if (i == start) continue;
    s.ids.emplace_back(text.substr(start, i - start));
    // Qualifiers: :exp:DATE (expiry) is honoured; :ws: and [attr=value] narrow
    // the ignore in ways we cannot check, so such an ignore is not applied.
    while (i < text.size() && (text[i] == ':' || text[i] == '[')) {
      if (text.substr(i).starts_with(":exp:")) {
        s.until = std::string(text.substr(i + 5, 10));
        if (!ValidDate(s.until)) s.problem = ":exp:" + s.until + " is not a date (YYYY-MM-DD)";
        i += 5 + std::min<size_t>(10, text.size() - i - 5);
      } else {
        size_t end = i + 1;
        while (end < text.size() && !IsSpace(text[end]) && text[end] != ':' && text[end] != '[')
          ++end;
        if (text[i] == '[') end = std::min(text.size(), text.find(']', i) + 1);
        s.problem = "the qualifier '" + std::string(text.substr(i, end - i)) + "' is not supported";
        i = std::max(end, i + 1);
      }
    }
    out.push_back(std::move(s));
  }
}

}  // namespace

std::string_view SyntaxName(Suppression::Syntax s) {
  switch (s) {
    case Suppression::Syntax::kInfracheck:
      return "infracheck:ignore";
    case Suppression::Syntax::kCheckov:
      return "checkov:skip";
    case Suppression::Syntax::kTfsec:
      return "tfsec:ignore";
    case Suppression::Syntax::kTrivy:
      return "trivy:ignore";
  }
  return "infracheck:ignore";
}

bool ValidDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  int y = std::atoi(std::string(d.substr(0, 4)).c_str());
  int m = std::atoi(std::string(d.substr(5, 2)).c_str());
  int day = std::atoi(std::string(d.substr(8, 2)).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string Today() {
  const char* fixed = std::getenv("INFRACHECK_TODAY");
  if (fixed && ValidDate(fixed)) return fixed;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<Suppression> ParseSuppressions(std::string_view comment) {
  std::vector<Suppression> out;
  std::string_view body = Body(comment);
  constexpr std::string_view kOurs = "infracheck:ignore";
  if (body.starts_with(kOurs) && (body.size() == kOurs.size() || IsSpace(body[kOurs.size()]))) {
    out.push_back(ParseOurs(body.substr(kOurs.size())));
    return out;
  }
  // checkov:skip=CKV_AWS_17:reason
  constexpr std::string_view kCheckov = "checkov:skip=";
  for (size_t at = body.find(kCheckov); at != std::string_view::npos;
       at = body.find(kCheckov, at + 1)) {
    size_t i = at + kCheckov.size(), start = i;
    while (i < body.size() && IdChar(body[i])) ++i;
    if (i == start) continue;
    Suppression s;
    s.syntax = Suppression::Syntax::kCheckov;
    s.ids.emplace_back(body.substr(start, i - start));
    if (i < body.size() && body[i] == ':') s.reason = std::string(Trim(body.substr(i + 1)));
    out.push_back(std::move(s));
  }
  ParsePeerIgnores(body, "tfsec:ignore:", Suppression::Syntax::kTfsec, out);
  ParsePeerIgnores(body, "trivy:ignore:", Suppression::Syntax::kTrivy, out);
  return out;
}

// ---------------------------------------------------------------------------
// Placement

namespace {

uint32_t LastLine(Span s) { return s.file->LineOf(s.end > s.begin ? s.end - 1 : s.begin); }

bool IsResourceBlock(const hcl::Block* b) { return b->type() == "resource" || b->type() == "data"; }

// Whether line `n` holds nothing but a comment.
bool CommentOnlyLine(const SourceFile& f, uint32_t n) {
  std::string_view l = Trim(f.Line(n));
  return l.starts_with("#") || l.starts_with("//") || l.starts_with("/*");
}

bool OwnLine(const SourceFile& f, Span c) {
  uint32_t start = f.LineStart(f.LineOf(c.begin));
  return Trim(std::string_view(f.text()).substr(start, c.begin - start)).empty();
}

}  // namespace

Placer::Placer(const hcl::File& file) : file_(*file.source), hcl_(true) {
  if (file.body) Collect(file.body, nullptr);
  for (size_t i = 0; i < elems_.size(); ++i) {
    if (elems_[i].is_top) tops_.push_back(i);
    by_first_line_[elems_[i].first_line].push_back(i);
    by_last_line_[elems_[i].last_line].push_back(i);
  }
  IndexLines();
}

Placer::Placer(const SourceFile& file) : file_(file) { IndexLines(); }

void Placer::IndexLines() {
  uint32_t last = file_.line_count();
  below_.assign(last + 2, 0);
  below_[last + 1] = last + 1;
  for (uint32_t n = last; n >= 1; --n) below_[n] = CommentOnlyLine(file_, n) ? below_[n + 1] : n;
}

void Placer::Collect(const hcl::Body* body, const hcl::Block* top) {
  if (!body) return;
  for (const hcl::Attribute& a : body->attributes) {
    elems_.push_back(
        Element{a.span(), file_.LineOf(a.span().begin), LastLine(a.span()), top, false});
  }
  for (const hcl::Block* b : body->blocks()) {
    const hcl::Block* t = top ? top : b;
    elems_.push_back(
        Element{b->span(), file_.LineOf(b->span().begin), LastLine(b->span()), t, top == nullptr});
    Collect(b->body, t);
  }
}

Placement Placer::PlacementOf(const Element& e) const {
  Placement p;
  p.target = e.span;
  if (e.is_top && IsResourceBlock(e.top)) {
    p.kind = Placement::Kind::kResource;
  } else if (e.is_top && e.top->type() == "module") {
    p.kind = Placement::Kind::kModuleCall;
  } else {
    p.kind = Placement::Kind::kSpan;
    // Inside a resource or module block (a top-level attribute has no block).
    if (!e.is_top && e.top && (IsResourceBlock(e.top) || e.top->type() == "module")) {
      p.enclosing = e.top->span();
      p.enclosing_is_call = e.top->type() == "module";
    }
  }
  return p;
}

uint32_t Placer::LineBelow(Span c) const {
  uint32_t n = LastLine(c) + 1;
  return n < below_.size() ? below_[n] : n;
}

Placement Placer::Place(const Suppression& s) const {
  Span c = s.comment;
  if (!hcl_) {
    uint32_t n = OwnLine(file_, c) ? LineBelow(c) : file_.LineOf(c.begin);
    if (n > file_.line_count()) return Placement{};
    Placement p;
    p.kind = Placement::Kind::kSpan;
    uint32_t begin = file_.LineStart(n);
    p.target = Span{&file_, begin, begin + static_cast<uint32_t>(file_.Line(n).size())};
    return p;
  }
  if (s.syntax == Suppression::Syntax::kCheckov) {
    // Top-level blocks do not overlap: the last one starting before the
    // comment is the only one that can hold it.
    auto it = std::upper_bound(tops_.begin(), tops_.end(), c.begin,
                               [&](uint32_t at, size_t i) { return at < elems_[i].span.begin; });
    if (it != tops_.begin()) {
      const Element& e = elems_[*std::prev(it)];
      if (c.begin >= e.span.begin && c.end <= e.span.end &&
          (IsResourceBlock(e.top) || e.top->type() == "module")) {
        return PlacementOf(e);
      }
    }
  }
  auto on = [](const std::map<uint32_t, std::vector<size_t>>& index,
               uint32_t line) -> const std::vector<size_t>& {
    static const std::vector<size_t> kNone;
    auto it = index.find(line);
    return it == index.end() ? kNone : it->second;
  };
  auto length = [](const Element& e) { return e.span.end - e.span.begin; };
  const Element* best = nullptr;
  if (OwnLine(file_, c)) {
    for (size_t i : on(by_first_line_, LineBelow(c))) {
      if (!best || length(elems_[i]) > length(*best)) best = &elems_[i];
    }
  } else {
    uint32_t n = file_.LineOf(c.begin);
    for (size_t i : on(by_first_line_, n)) {
      const Element& e = elems_[i];
      if (e.span.begin < c.begin && (!best || length(e) > length(*best))) best = &e;
    }
    if (!best) {
      for (size_t i : on(by_last_line_, n)) {
        const Element& e = elems_[i];
        if (e.span.end <= c.begin && (!best || length(e) < length(*best))) best = &e;
      }
    }
  }
  return best ? PlacementOf(*best) : Placement{};
}

Placement PlaceInHcl(const hcl::File& file, const Suppression& s) { return Placer(file).Place(s); }

Placement PlaceByLine(const SourceFile& f, const Suppression& s) { return Placer(f).Place(s); }

std::vector<std::string> ModulePathNames(std::string_view path) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i < path.size()) {
    if (!path.substr(i).starts_with("module.")) break;
    i += 7;
    size_t start = i;
    while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
    names.emplace_back(path.substr(start, i - start));
    if (i < path.size() && path[i] == '[') {
      ++i;
      if (i < path.size() && path[i] == '"') {
        for (++i; i < path.size() && path[i] != '"'; ++i) {
          if (path[i] == '\\') ++i;
        }
        ++i;
      }
      while (i < path.size() && path[i] != ']') ++i;
      ++i;
    }
    if (i < path.size() && path[i] == '.') ++i;
  }
  return names;
}

std::vector<const hcl::Block*> CallChain(const tf::ModuleConfig* root,
                                         std::string_view module_path) {
  std::vector<const hcl::Block*> chain;
  const tf::ModuleConfig* m = root;
  for (const std::string& name : ModulePathNames(module_path)) {
    if (!m) break;
    auto it = m->calls.find(name);
    if (it == m->calls.end()) break;
    chain.push_back(it->second.block);
    m = it->second.target;
  }
  return chain;
}

}  // namespace infracheck
