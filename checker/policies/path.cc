// Attribute paths: `tags.Name`, `ingress[0].cidr_blocks`,
// `container_definitions[*].user`, `policy.Statement[*].Action`. A path fans
// out at `[*]` and over a list of nested blocks, steps into the JSON
// documents the graph decoded, and remembers where each value is written.
#include <cctype>

#include "checker/policies/evaluate.h"

namespace infracheck::policy {

namespace {

std::string Join(const std::string& base, std::string_view step) {
  return base.empty() ? std::string(step) : base + "." + std::string(step);
}

// A key as people read it in a path: `tags.Name`, but `tags["kubernetes.io/role"]`.
std::string JoinKey(const std::string& base, std::string_view key) {
  bool plain = !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0]));
  for (char ch : key) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-');
  }
  if (plain) return Join(base, key);
  return base + "[\"" + std::string(key) + "\"]";
}

struct Walker {
  const Scope& scope;
  const Path& path;
  std::vector<Leaf> out;

  void Emit(Leaf::State state, const Value* v, const std::string& p, const std::string& d,
            Span at) {
    out.push_back(Leaf{state, v, p, d, at});
  }

  // A value missing before the path ends is named by the whole path
  // ("tags.Owner is not set", not "tags is not set").
  void Missing(size_t next, const std::string& p, std::string d, Span at) {
    for (size_t k = next; k < path.steps.size(); ++k) {
      const Step& s = path.steps[k];
      if (s.kind == Step::Kind::kKey) {
        d = JoinKey(d, s.key);
      } else {
        d += s.kind == Step::Kind::kEach ? "[*]" : "[" + std::to_string(s.index) + "]";
      }
    }
    Emit(Leaf::State::kMissing, nullptr, p, d, at);
  }

  // The JSON document a string attribute holds, as the graph decoded it
  // (with locations), or as jsonencode() built it.
  const Value* DocumentAt(const Value& v, const std::string& p) const {
    if (const Value* doc = scope.graph->Document(*scope.resource, p)) return doc;
    if (const Value* s = v.structured()) return s;
    return nullptr;
  }

  void Walk(const Value& v, size_t i, const std::string& p, const std::string& d, Span at) {
    const Value* cur = &v;
    if (i < path.steps.size() && (cur->is_string() || cur->is_unknown())) {
      const Value* doc = DocumentAt(*cur, p);
      if (!doc) {
        // A string that is no document we can read: cannot tell what is in it.
        Emit(Leaf::State::kUnknown, cur, p, d, at);
        return;
      }
      cur = doc;
    }
    if (cur->is_unknown()) {
      Emit(Leaf::State::kUnknown, cur, p, d, at);
      return;
    }
    if (i == path.steps.size()) {
      Emit(cur->is_null() ? Leaf::State::kMissing : Leaf::State::kValue, cur, p, d, at);
      return;
    }
    const Step& step = path.steps[i];
    if (step.kind == Step::Kind::kEach) {
      if (cur->is_null()) return;
      if (!cur->is_list()) {
        Walk(*cur, i + 1, p, d, at);
        return;
      }
      Items(*cur, i + 1, p, d, at, true);
      return;
    }
    if (step.kind == Step::Kind::kIndex && cur->is_list()) {
      if (step.index >= cur->items().size()) {
        Missing(i + 1, Join(p, std::to_string(step.index)),
                d + "[" + std::to_string(step.index) + "]", at);
        return;
      }
      const Value& item = cur->items()[step.index];
      Walk(item, i + 1, Join(p, std::to_string(step.index)),
           d + "[" + std::to_string(step.index) + "]", item.origin().valid() ? item.origin() : at);
      return;
    }
    // A key (or an index into an object, whose keys are strings).
    if (cur->is_list()) {
      // Nested blocks: the step applies to each block; no block, no value.
      if (cur->items().empty()) {
        Missing(i + 1, Join(p, step.key), JoinKey(d, step.key), at);
        return;
      }
      Items(*cur, i, p, d, at, false);
      return;
    }
    std::string next_p = Join(p, step.key);
    std::string next_d = JoinKey(d, step.key);
    if (cur->is_object()) {
      if (const Field* f = cur->GetField(step.key)) {
        Span s = FieldSpan(*f);
        Walk(f->value, i + 1, next_p, next_d, s.valid() ? s : at);
        return;
      }
      // A computed attribute holding a document (an aws_iam_policy_document's json).
      if (const Value* doc = scope.graph->Document(*scope.resource, next_p)) {
        Walk(*doc, i + 1, next_p, next_d, at);
        return;
      }
      if (cur->open()) {
        // A resource read as a whole: its unlisted attributes are computed.
        Emit(Leaf::State::kUnknown, cur, next_p, next_d, at);
        return;
      }
    }
    Missing(i + 1, next_p, next_d, at);
  }

  // `each`: an explicit [*]; else the nested blocks a key steps into, where
  // a single block is written without an index.
  void Items(const Value& list, size_t i, const std::string& p, const std::string& d, Span at,
             bool each) {
    const auto& items = list.items();
    for (size_t k = 0; k < items.size(); ++k) {
      std::string dk = !each && items.size() == 1 ? d : d + "[" + std::to_string(k) + "]";
      Walk(items[k], i, Join(p, std::to_string(k)), dk,
           items[k].origin().valid() ? items[k].origin() : at);
    }
  }
};

}  // namespace

Span FieldSpan(const Field& f) {
  Span value = f.value.origin();
  if (f.key_span.valid() && value.valid() && value.file == f.key_span.file &&
      value.begin >= f.key_span.begin) {
    return Span::Cover(f.key_span, value);
  }
  return f.key_span.valid() ? f.key_span : value;
}

Span SpanAt(const Graph& g, const Resource& r, std::string_view dotted) {
  Path p;
  size_t pos = 0;
  while (!dotted.empty() && pos <= dotted.size()) {
    size_t dot = dotted.find('.', pos);
    std::string_view part = dotted.substr(pos, dot == std::string_view::npos ? dot : dot - pos);
    Step step;
    step.key = std::string(part);
    bool digits = !part.empty() && part.size() < 10 &&
                  part.find_first_not_of("0123456789") == std::string_view::npos;
    if (digits) {
      step.kind = Step::Kind::kIndex;
      step.index = std::stoul(step.key);
    }
    p.steps.push_back(std::move(step));
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  std::vector<Leaf> leaves = Resolve(ResourceScope(g, r), p);
  if (!leaves.empty() && leaves[0].span.valid()) return leaves[0].span;
  return r.header.valid() ? r.header : r.block;
}

Scope ResourceScope(const Graph& g, const Resource& r, int depth) {
  Scope s;
  s.graph = &g;
  s.resource = &r;
  s.value = &r.attributes;
  s.span = r.header.valid() ? r.header : r.block;
  s.depth = depth;
  return s;
}

std::vector<Leaf> Resolve(const Scope& s, const Path& p) {
  Walker w{s, p, {}};
  w.Walk(*s.value, 0, s.path, s.display, s.span);
  return std::move(w.out);
}

std::vector<Leaf> Elements(const Scope& s, const Leaf& leaf) {
  std::vector<Leaf> out;
  if (leaf.state != Leaf::State::kValue) return out;
  const Value* v = leaf.value;
  if (v->is_string() || v->is_unknown()) {
    const Value* doc = s.graph->Document(*s.resource, leaf.path);
    if (!doc) doc = v->structured();
    if (doc) v = doc;
  }
  if (!v->is_list()) {
    out.push_back(Leaf{v->is_unknown() ? Leaf::State::kUnknown : Leaf::State::kValue, v, leaf.path,
                       leaf.display, leaf.span});
    return out;
  }
  const auto& items = v->items();
  for (size_t k = 0; k < items.size(); ++k) {
    const Value& item = items[k];
    out.push_back(Leaf{item.is_unknown() ? Leaf::State::kUnknown : Leaf::State::kValue, &item,
                       Join(leaf.path, std::to_string(k)),
                       leaf.display + "[" + std::to_string(k) + "]",
                       item.origin().valid() ? item.origin() : leaf.span});
  }
  return out;
}

}  // namespace infracheck::policy
