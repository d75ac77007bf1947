#include "checker/suppressions.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <tuple>

#include "checker/terraform/config.h"

namespace infracheck {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
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

struct Element {
  Span span;
  uint32_t first_line = 0, last_line = 0;
  const hcl::Block* top = nullptr;  ///< the top-level block it is in (or is)
  bool is_top = false;
};

uint32_t LastLine(Span s) { return s.file->PositionAt(s.end > s.begin ? s.end - 1 : s.begin).line; }

void Collect(const hcl::Body* body, const hcl::Block* top, std::vector<Element>& out) {
  if (!body) return;
  for (const hcl::Attribute& a : body->attributes) {
    out.push_back(Element{a.span, a.span.start().line, LastLine(a.span), top, false});
  }
  for (const hcl::Block* b : body->blocks) {
    const hcl::Block* t = top ? top : b;
    out.push_back(Element{b->span, b->span.start().line, LastLine(b->span), t, top == nullptr});
    Collect(b->body, t, out);
  }
}

bool IsResourceBlock(const hcl::Block* b) { return b->type == "resource" || b->type == "data"; }

Placement PlacementOf(const Element& e) {
  Placement p;
  p.target = e.span;
  if (e.is_top && IsResourceBlock(e.top)) {
    p.kind = Placement::Kind::kResource;
  } else if (e.is_top && e.top->type == "module") {
    p.kind = Placement::Kind::kModuleCall;
  } else {
    p.kind = Placement::Kind::kSpan;
    // Inside a resource or module block (a top-level attribute has no block).
    if (!e.is_top && e.top && (IsResourceBlock(e.top) || e.top->type == "module")) {
      p.enclosing = e.top->span;
      p.enclosing_is_call = e.top->type == "module";
    }
  }
  return p;
}

// Whether line `n` holds nothing but a comment.
bool CommentOnlyLine(const SourceFile& f, uint32_t n) {
  std::string_view l = Trim(f.Line(n));
  return l.starts_with("#") || l.starts_with("//") || l.starts_with("/*");
}

bool OwnLine(const SourceFile& f, Span c) {
  uint32_t start = f.LineStart(c.start().line);
  return Trim(std::string_view(f.text()).substr(start, c.begin - start)).empty();
}

// The first line after a comment (and any comment lines stacked below it).
uint32_t LineBelow(const SourceFile& f, Span c) {
  uint32_t n = LastLine(c) + 1;
  while (n <= f.line_count() && CommentOnlyLine(f, n)) ++n;
  return n;
}

}  // namespace

Placement PlaceInHcl(const hcl::File& file, const Suppression& s) {
  std::vector<Element> elems;
  if (file.body) Collect(file.body, nullptr, elems);
  const SourceFile& f = *file.source;
  Span c = s.comment;
  if (s.syntax == Suppression::Syntax::kCheckov) {
    for (const Element& e : elems) {
      if (e.is_top && c.begin >= e.span.begin && c.end <= e.span.end &&
          (IsResourceBlock(e.top) || e.top->type == "module")) {
        return PlacementOf(e);
      }
    }
  }
  const Element* best = nullptr;
  if (OwnLine(f, c)) {
    uint32_t n = LineBelow(f, c);
    for (const Element& e : elems) {
      if (e.first_line == n &&
          (!best || e.span.end - e.span.begin > best->span.end - best->span.begin))
        best = &e;
    }
  } else {
    uint32_t n = c.start().line;
    for (const Element& e : elems) {
      if (e.first_line == n && e.span.begin < c.begin &&
          (!best || e.span.end - e.span.begin > best->span.end - best->span.begin))
        best = &e;
    }
    if (!best) {
      for (const Element& e : elems) {
        if (e.last_line == n && e.span.end <= c.begin &&
            (!best || e.span.end - e.span.begin < best->span.end - best->span.begin))
          best = &e;
      }
    }
  }
  return best ? PlacementOf(*best) : Placement{};
}

Placement PlaceByLine(const SourceFile& f, const Suppression& s) {
  uint32_t n = OwnLine(f, s.comment) ? LineBelow(f, s.comment) : s.comment.start().line;
  if (n > f.line_count()) return Placement{};
  Placement p;
  p.kind = Placement::Kind::kSpan;
  uint32_t begin = f.LineStart(n);
  p.target = Span{&f, begin, begin + static_cast<uint32_t>(f.Line(n).size())};
  return p;
}

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

// ---------------------------------------------------------------------------
// The set

namespace {

bool Inside(Span inner, Span outer) {
  return inner.valid() && inner.file == outer.file && inner.begin >= outer.begin &&
         inner.begin < std::max(outer.end, outer.begin + 1);
}

bool SameStart(Span a, Span b) { return a.valid() && a.file == b.file && a.begin == b.begin; }

bool ChainHas(const tf::ModuleConfig* root, const Resource& r, Span call) {
  if (r.module_path.empty()) return false;
  for (const hcl::Block* b : CallChain(root, r.module_path)) {
    if (SameStart(b->span, call)) return true;
  }
  return false;
}

std::string NormalizeAvd(std::string_view id) {
  std::string u = Upper(id);
  if (u.starts_with("AVD-")) u = u.substr(4);
  return u;
}

}  // namespace

SuppressionSet::SuppressionSet(std::string today, std::span<const Rule* const> known)
    : today_(std::move(today)), known_(known) {}

void SuppressionSet::Add(Suppression s, Placement where) {
  Entry e;
  e.where = where;
  e.expired = !s.until.empty() && s.problem.empty() && today_ > s.until;
  for (const std::string& id : s.ids) {
    std::vector<const Rule*> named;
    for (const Rule* r : known_) {
      bool match = false;
      switch (s.syntax) {
        case Suppression::Syntax::kInfracheck:
          match = Upper(r->id) == Upper(id);
          break;
        case Suppression::Syntax::kCheckov:
          for (std::string_view c : r->checkov) match = match || Upper(c) == Upper(id);
          break;
        case Suppression::Syntax::kTfsec:
        case Suppression::Syntax::kTrivy:
          for (std::string_view t : r->trivy) match = match || NormalizeAvd(t) == NormalizeAvd(id);
          for (std::string_view t : r->tfsec) match = match || Upper(t) == Upper(id);
          break;
      }
      if (match) named.push_back(r);
    }
    e.named.push_back(std::move(named));
  }
  e.used.assign(s.ids.size(), false);
  e.checked.assign(s.ids.size(), false);
  e.s = std::move(s);
  size_t index = entries_.size();
  for (size_t i = 0; i < e.named.size(); ++i) {
    for (const Rule* r : e.named[i]) {
      if (e.where.kind == Placement::Kind::kNone) continue;
      by_place_[{std::string(r->id), e.where.target.file}].push_back({index, i});
      rules_.insert(std::string(r->id));
      // Declarations outside any resource or call (a tfvars assignment, a
      // variable) may cover resources in other files.
      if (e.where.kind == Placement::Kind::kSpan && !e.where.enclosing.valid())
        loose_[std::string(r->id)].push_back({index, i});
    }
  }
  entries_.push_back(std::move(e));
}

void SuppressionSet::AddHcl(const hcl::File& file) {
  for (const hcl::Comment& c : file.comments) {
    std::string_view text = c.span.text();
    if (text.find("ignore") == std::string_view::npos &&
        text.find("skip=") == std::string_view::npos) {
      continue;
    }
    for (Suppression& s : ParseSuppressions(text)) {
      s.comment = c.span;
      Placement p = PlaceInHcl(file, s);
      Add(std::move(s), p);
    }
  }
}

void SuppressionSet::AddText(const SourceFile& file) {
  std::string_view text = file.text();
  if (text.find("ignore") == std::string_view::npos && text.find("skip=") == std::string_view::npos)
    return;
  for (uint32_t n = 1; n <= file.line_count(); ++n) {
    std::string_view line = file.Line(n);
    size_t at = std::min(line.find("//"), line.find('#'));
    if (at == std::string_view::npos) continue;
    uint32_t begin = file.LineStart(n) + static_cast<uint32_t>(at);
    Span comment{&file, begin, file.LineStart(n) + static_cast<uint32_t>(line.size())};
    for (Suppression& s : ParseSuppressions(comment.text())) {
      s.comment = comment;
      Placement p = PlaceByLine(file, s);
      Add(std::move(s), p);
    }
  }
}

bool SuppressionSet::CoversResource(const Entry& e, const Resource& r, const Graph& g,
                                    const tf::ModuleConfig* root) const {
  const Placement& p = e.where;
  switch (p.kind) {
    case Placement::Kind::kNone:
      return false;
    case Placement::Kind::kResource:
      return SameStart(r.block, p.target);
    case Placement::Kind::kModuleCall:
      return SameStart(r.block, p.target) || ChainHas(root, r, p.target);
    case Placement::Kind::kSpan:
      break;
  }
  if (p.enclosing.valid()) {
    return SameStart(r.block, p.enclosing) ||
           (p.enclosing_is_call && ChainHas(root, r, p.enclosing));
  }
  // A variables file applied to this environment, or a declaration in the
  // resource's own module directory (a variable, a local).
  const std::string& file = p.target.file->path();
  for (const std::string& vf : g.environment().var_files) {
    if (vf == file) return true;
  }
  if (!r.block.valid()) return false;
  auto dir = [](const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  };
  return dir(r.block.file->path()) == dir(file);
}

bool SuppressionSet::CoversFinding(const Entry& e, const Finding& f, const Resource* r,
                                   const Graph& g, const tf::ModuleConfig* root) const {
  if (e.where.kind == Placement::Kind::kSpan) {
    if (Inside(f.primary, e.where.target)) return true;
    for (const RelatedSpan& rel : f.related) {
      if (Inside(rel.span, e.where.target)) return true;
    }
    return false;
  }
  return r && CoversResource(e, *r, g, root);
}

std::vector<std::pair<size_t, size_t>> SuppressionSet::Candidates(
    std::string_view rule, const Resource* r, const tf::ModuleConfig* root,
    std::vector<const SourceFile*> files, bool loose) const {
  // A suppression can only cover a resource from the resource's own file or
  // from the file of a module call it sits in (or, for findings, from where
  // the finding's locations are).
  if (r) {
    files.push_back(r->block.file);
    if (!r->module_path.empty()) {
      for (const hcl::Block* b : CallChain(root, r->module_path)) files.push_back(b->span.file);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::vector<std::pair<size_t, size_t>> out;
  std::string key(rule);
  for (const SourceFile* f : files) {
    auto it = by_place_.find({key, f});
    if (it != by_place_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  if (loose) {
    auto it = loose_.find(key);
    if (it != loose_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  // In the order the suppressions were read: the first that applies wins.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void SuppressionSet::Apply(Finding& f, const Graph& g, const tf::ModuleConfig* root) {
  const Resource* r = g.Find(f.resource);
  std::vector<const SourceFile*> files = {f.primary.file};
  for (const RelatedSpan& rel : f.related) files.push_back(rel.span.file);
  for (auto [index, id] : Candidates(f.rule, r, root, std::move(files), false)) {
    Entry& e = entries_[index];
    if (!e.s.problem.empty() || !CoversFinding(e, f, r, g, root)) continue;
    auto note = [&](std::string message) {
      for (const RelatedSpan& rel : f.related) {
        if (rel.span == e.s.comment) return;
      }
      f.related.push_back(RelatedSpan{e.s.comment, std::move(message)});
    };
    if (e.expired) {
      note("suppression expired on " + e.s.until);
      continue;
    }
    bool ours = e.s.syntax == Suppression::Syntax::kInfracheck;
    if (ours && e.s.reason.empty()) {
      note("suppression not applied: it gives no reason");
      continue;
    }
    e.used[id] = true;
    if (f.suppressed) continue;
    f.suppressed = true;
    f.suppression_kind = SuppressionKind::kInline;
    f.suppression_span = e.s.comment;
    f.suppression =
        !e.s.reason.empty() ? e.s.reason : std::string(SyntaxName(e.s.syntax)) + " comment";
  }
}

void SuppressionSet::NoteChecked(const Rule& rule, const Resource& r, const Graph& g,
                                 const tf::ModuleConfig* root) {
  if (!loose_.count(rule.id) && !rules_.count(rule.id)) return;
  for (auto [index, id] : Candidates(rule.id, &r, root, {}, true)) {
    Entry& e = entries_[index];
    if (!e.checked[id] && CoversResource(e, r, g, root)) e.checked[id] = true;
  }
}

std::vector<Diagnostic> SuppressionSet::Problems(
    const std::function<bool(const SourceFile&)>& include) const {
  std::vector<std::pair<std::tuple<std::string, uint32_t, uint32_t>, Diagnostic>> out;
  for (const Entry& e : entries_) {
    if (!include(*e.s.comment.file)) continue;
    bool ours = e.s.syntax == Suppression::Syntax::kInfracheck;
    std::string what = std::string(SyntaxName(e.s.syntax));
    auto add = [&](std::string message) {
      Diagnostic d = DiagnosticAt(e.s.comment, std::move(message));
      d.warning = true;
      out.emplace_back(std::make_tuple(d.file, d.line, d.column), std::move(d));
    };
    if (!e.s.problem.empty()) {
      add(what + " is not applied: " + e.s.problem);
      continue;
    }
    for (size_t i = 0; i < e.s.ids.size(); ++i) {
      if (ours && e.named[i].empty())
        add("suppression names unknown rule '" + e.s.ids[i] + "' (see infracheck --list-rules)");
    }
    if (e.where.kind == Placement::Kind::kNone) {
      add(what +
          " covers nothing: put it on the line above a block or attribute, or at the end of "
          "its line");
      continue;
    }
    std::string ids;
    for (const std::string& id : e.s.ids) ids += (ids.empty() ? "" : ", ") + id;
    if (e.expired) {
      add("suppression of " + ids + " expired on " + e.s.until + " and no longer applies");
      continue;
    }
    if (!ours) continue;
    if (e.s.reason.empty()) {
      add("suppression of " + ids +
          " gives no reason, so it is not applied: add `-- why the rule does not apply here`");
      continue;
    }
    for (size_t i = 0; i < e.s.ids.size(); ++i) {
      if (!e.named[i].empty() && e.checked[i] && !e.used[i]) {
        add("unused suppression: " + e.s.ids[i] + " reports nothing here; remove it");
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Diagnostic> diags;
  for (auto& [key, d] : out) diags.push_back(std::move(d));
  return diags;
}

}  // namespace infracheck
