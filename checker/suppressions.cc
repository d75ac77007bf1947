// The suppressions of a project: which findings each covers, and what to
// report about them.
#include "checker/suppressions.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "checker/terraform/config.h"

namespace infracheck {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

namespace {

bool Inside(Span inner, Span outer) {
  return inner.valid() && inner.file == outer.file && inner.begin >= outer.begin &&
         inner.begin < std::max(outer.end, outer.begin + 1);
}

bool SameStart(Span a, Span b) { return a.valid() && a.file == b.file && a.begin == b.begin; }

bool ChainHas(const tf::ModuleConfig* root, const Resource& r, Span call) {
  if (r.module_path.empty()) return false;
  for (const hcl::Block* b : CallChain(root, r.module_path)) {
    if (SameStart(b->span(), call)) return true;
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
  std::optional<Placer> placer;  // built once, for the first suppression
  for (const hcl::Comment& c : file.comments) {
    std::string_view text = c.span.text();
    if (text.find("ignore") == std::string_view::npos &&
        text.find("skip=") == std::string_view::npos) {
      continue;
    }
    for (Suppression& s : ParseSuppressions(text)) {
      s.comment = c.span;
      if (!placer) placer.emplace(file);
      Placement p = placer->Place(s);
      Add(std::move(s), p);
    }
  }
}

void SuppressionSet::AddText(const SourceFile& file) {
  std::string_view text = file.text();
  if (text.find("ignore") == std::string_view::npos && text.find("skip=") == std::string_view::npos)
    return;
  std::optional<Placer> placer;  // built once, for the first suppression
  for (uint32_t n = 1; n <= file.line_count(); ++n) {
    std::string_view line = file.Line(n);
    size_t at = std::min(line.find("//"), line.find('#'));
    if (at == std::string_view::npos) continue;
    uint32_t begin = file.LineStart(n) + static_cast<uint32_t>(at);
    Span comment{&file, begin, file.LineStart(n) + static_cast<uint32_t>(line.size())};
    for (Suppression& s : ParseSuppressions(comment.text())) {
      s.comment = comment;
      if (!placer) placer.emplace(file);
      Placement p = placer->Place(s);
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
      for (const hcl::Block* b : CallChain(root, r->module_path)) files.push_back(b->span().file);
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
  diags.reserve(out.size());
  for (auto& [key, d] : out) diags.push_back(std::move(d));
  return diags;
}

}  // namespace infracheck
