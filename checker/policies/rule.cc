// A team policy as a rule: the engine dispatches it by kind like any other,
// and this one check function evaluates its `where:` and `require:` /
// `forbid:` conditions and reports each place that breaks it.
#include <algorithm>

#include "checker/policies/evaluate.h"

namespace infracheck {

namespace policy {

bool KindSet::Contains(const Resource& r) const {
  switch (r.mode) {
    case ResourceMode::kManaged:
      return every_managed || std::find(managed.begin(), managed.end(), r.kind) != managed.end();
    case ResourceMode::kData:
      return std::find(data.begin(), data.end(), r.kind) != data.end();
    case ResourceMode::kConfig:
      break;
  }
  return false;
}

bool KindSet::Names(std::string_view kind) const {
  return every_managed || std::find(managed.begin(), managed.end(), kind) != managed.end() ||
         std::find(data.begin(), data.end(), kind) != data.end();
}

std::vector<std::string> KindSet::DispatchKinds() const {
  if (every_managed) return {"*"};
  std::vector<std::string> out = managed;
  out.insert(out.end(), data.begin(), data.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace policy

void Policy::Seal() {
  dispatch_kinds = kinds.DispatchKinds();
  kind_views.assign(dispatch_kinds.begin(), dispatch_kinds.end());
  rule = Rule{};
  rule.id = id;
  rule.title = title;
  rule.severity = severity;
  rule.scope = scope;
  rule.kinds = kind_views;
  rule.rationale = description;
  rule.remediation = remediation;
  rule.check = CheckPolicy;
  rule.source = source;
  rule.help_uri = help_uri;
  rule.policy = this;
}

void CheckPolicy(const Resource& r, RuleContext& ctx) {
  using policy::Outcome;
  using policy::Witness;
  const Policy& p = *ctx.rule().policy;
  if (!p.kinds.Contains(r)) return;
  const Graph& g = ctx.graph();
  policy::Scope scope = policy::ResourceScope(g, r);
  // Unknown whether it applies: it does not fire.
  if (p.where && policy::Evaluate(*p.where, scope).truth != Tri::kTrue) return;
  Outcome o = policy::Evaluate(*p.check, scope);
  if ((p.forbid ? o.truth : policy::Not(o.truth)) != Tri::kTrue) return;
  Span header = r.header.valid() ? r.header : r.block;
  if (o.why.empty()) o.why.push_back(Witness{&r, "", header, nullptr, "", {}});
  // One finding per place: reasons written in the same place are one finding.
  std::vector<std::vector<const Witness*>> groups;
  for (const Witness& w : o.why) {
    auto same = [&](const std::vector<const Witness*>& grp) {
      return grp[0]->resource == w.resource && grp[0]->span == w.span;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.push_back({&w});
    } else {
      it->push_back(&w);
    }
  }
  const std::string& why = p.message.empty() ? p.title : p.message;
  for (const auto& grp : groups) {
    const Witness& first = *grp[0];
    std::string text;
    for (const Witness* w : grp) {
      if (w->text.empty()) continue;
      bool seen = text.find(w->text) != std::string::npos;
      if (!seen) text.append(text.empty() ? "" : "; ").append(w->text);
    }
    std::string message = text.empty() ? why : text.append(": ").append(why);
    const Resource* at = first.resource ? first.resource : &r;
    std::string path = at == &r ? first.path : at->address + ":" + first.path;
    Span primary = first.span.valid() ? first.span : header;
    Finding& f = ctx.ReportAt(r, path, primary, std::move(message), first.culprit);
    auto add = [&](Span s, const std::string& note) {
      if (!s.valid() ||
          (s.file == f.primary.file && s.begin >= f.primary.begin && s.end <= f.primary.end)) {
        return;
      }
      for (const RelatedSpan& rel : f.related) {
        if (rel.span == s) return;
      }
      f.related.push_back(RelatedSpan{s, note});
    };
    for (const Witness* w : grp) {
      if (w != &first && w->culprit) add(w->culprit->origin(), "value set here");
      for (const RelatedSpan& rel : w->related) add(rel.span, rel.message);
    }
    // The resource checked, when the finding points into another one.
    if (at != &r) add(header, "the " + r.kind + " this applies to");
  }
}

}  // namespace infracheck
