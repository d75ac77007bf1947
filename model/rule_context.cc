#include <algorithm>

#include "infracheck/rule.h"

namespace infracheck {

namespace {

bool Inside(Span inner, Span outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

// Where a finding about `path` points: the attribute as written (name through
// value), or the header of the nearest enclosing block that exists.
Span PrimarySpan(const Resource& r, std::string_view path, const Value** found) {
  Span best = r.header.valid() ? r.header : r.block;
  const Value* cur = &r.attributes;
  *found = nullptr;
  size_t pos = 0;
  while (!path.empty() && pos <= path.size()) {
    size_t dot = path.find('.', pos);
    std::string_view step =
        path.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
    // A numeric step picks a list element (the second `ingress` block is
    // "ingress.1"); a list of exactly one block is stepped into implicitly.
    if (cur->is_list() && !step.empty() &&
        std::all_of(step.begin(), step.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      size_t index = 0;
      for (char c : step) index = index * 10 + static_cast<size_t>(c - '0');
      if (step.size() > 9 || index >= cur->items().size()) return best;
      cur = &cur->items()[index];
      if (cur->origin().valid()) best = cur->origin();
      if (dot == std::string_view::npos) break;
      pos = dot + 1;
      continue;
    }
    if (cur->is_list() && cur->items().size() == 1 && cur->items()[0].is_object()) {
      cur = &cur->items()[0];
      if (cur->origin().valid()) best = cur->origin();
    }
    const Field* f = cur->GetField(step);
    if (!f) return best;
    Span value_span = f->value.origin();
    if (f->key_span.valid() && value_span.valid() && value_span.file == f->key_span.file &&
        value_span.begin >= f->key_span.begin) {
      best = Span::Cover(f->key_span, value_span);
    } else if (f->key_span.valid()) {
      best = f->key_span;
    } else if (value_span.valid()) {
      best = value_span;
    }
    cur = &f->value;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  *found = cur;
  return best;
}

void AddRelated(std::vector<RelatedSpan>& out, Span primary, Span s, std::string_view note) {
  if (!s.valid() || Inside(s, primary)) return;
  for (const RelatedSpan& r : out) {
    if (r.span == s) return;
  }
  out.push_back(RelatedSpan{s, std::string(note)});
}

}  // namespace

Finding& RuleContext::Report(const Resource& resource, std::string_view path, std::string message,
                             const Value* culprit) {
  const Value* found = nullptr;
  Span primary = PrimarySpan(resource, path, &found);
  return ReportAt(resource, path, primary, std::move(message), culprit ? culprit : found);
}

Finding& RuleContext::ReportAt(const Resource& resource, std::string_view path, Span primary,
                               std::string message, const Value* culprit) {
  Finding f;
  f.rule = std::string(rule_.id);
  f.severity = rule_.severity;
  f.title = std::string(rule_.title);
  f.message = std::move(message);
  f.resource = resource.address;
  if (environment().known()) f.environment = environment().name;
  f.primary = primary;
  f.attribute = std::string(path);
  if (culprit) {
    AddRelated(f.related, primary, culprit->origin(), "value set here");
    for (const Hop& h : culprit->hops()) AddRelated(f.related, primary, h.span, h.note);
  }
  findings_.push_back(std::move(f));
  return findings_.back();
}

}  // namespace infracheck
