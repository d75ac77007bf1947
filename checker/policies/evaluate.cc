// The condition evaluator: comparisons over attribute paths, and/or/not,
// list quantifiers. Three-valued throughout (Kleene's logic): an unknown
// value makes a comparison unknown, `not` keeps it unknown, `and` is false as
// soon as one operand is known false, `or` true as soon as one is known true.
#include "checker/policies/evaluate.h"

namespace infracheck::policy {

namespace {

const Value kNull = Value::Null();

bool Positive(Op op) {
  return op != Op::kNotEquals && op != Op::kNotIn && op != Op::kNotMatches &&
         op != Op::kNotContains;
}

Op PositiveForm(Op op) {
  switch (op) {
    case Op::kNotEquals:
      return Op::kEquals;
    case Op::kNotIn:
      return Op::kIn;
    case Op::kNotMatches:
      return Op::kMatches;
    case Op::kNotContains:
      return Op::kContains;
    default:
      return op;
  }
}

// A fact about the resource or its environment, as a value to compare.
Value SubjectValue(Subject subject, const Scope& s) {
  const Resource& r = *s.resource;
  const Environment& env = s.graph->environment();
  switch (subject) {
    case Subject::kResourceName:
      return Value::String(r.name);
    case Subject::kResourceAddress:
      return Value::String(r.address);
    case Subject::kResourceKind:
      return Value::String(r.kind);
    case Subject::kResourceModule:
      return Value::String(r.module_path);
    case Subject::kResourceMode:
      return Value::String(r.mode == ResourceMode::kManaged ? "managed"
                           : r.mode == ResourceMode::kData  ? "data"
                                                            : "config");
    case Subject::kEnvironmentName:
      return env.known() ? Value::String(env.name) : Value::Unknown();
    case Subject::kEnvironmentProduction:
      return env.production == Tri::kUnknown ? Value::Unknown()
                                             : Value::Bool(env.production == Tri::kTrue);
    case Subject::kAttribute:
      break;
  }
  return Value::Unknown();
}

std::string_view SubjectLabel(Subject subject) {
  switch (subject) {
    case Subject::kResourceName:
      return "its name";
    case Subject::kResourceAddress:
      return "its address";
    case Subject::kResourceKind:
      return "its kind";
    case Subject::kResourceModule:
      return "its module path";
    case Subject::kResourceMode:
      return "its mode";
    case Subject::kEnvironmentName:
      return "the environment";
    case Subject::kEnvironmentProduction:
    case Subject::kAttribute:
      break;
  }
  return "";
}

// The sentence that explains a comparison's value for one leaf.
std::string Explain(const Condition& c, const std::string& label, const Value& v, bool missing,
                    bool defaulted, Tri t) {
  if (c.subject == Subject::kEnvironmentProduction) {
    return IsTrue(&v) ? "the environment is production" : "the environment is not production";
  }
  // Whether it is set is the fact; its value (a password, say) is not shown.
  if (c.op == Op::kExists) return label + (missing ? " is not set" : " is set");
  std::string fact = label + " is ";
  if (missing) {
    fact += defaulted ? "not set (default " + Show(v) + ")" : "not set";
  } else {
    fact += Show(v);
  }
  Op pos = PositiveForm(c.op);
  bool holds = (Positive(c.op) ? t : Not(t)) == Tri::kTrue;
  if (holds) {
    return pos == Op::kEquals || pos == Op::kIn ? fact : fact + ", " + Expectation(c, pos);
  }
  if (missing && !defaulted) return fact;
  return fact + ", not " + Expectation(c, pos);
}

Outcome Compare(const Condition& c, const Scope& s) {
  const Witness vacuous{s.resource, s.path, s.span, nullptr, "there is nothing to compare", {}};
  if (c.subject != Subject::kAttribute) {
    Value v = SubjectValue(c.subject, s);
    if (v.is_unknown()) return Outcome{Tri::kUnknown, {}};
    Tri t = Test(c, v);
    if (t == Tri::kUnknown) return Outcome{Tri::kUnknown, {}};
    Span at = s.resource->header.valid() ? s.resource->header : s.resource->block;
    return Outcome{t,
                   {Witness{s.resource,
                            "",
                            at,
                            nullptr,
                            Explain(c, std::string(SubjectLabel(c.subject)), v, false, false, t),
                            {}}}};
  }
  std::vector<Outcome> parts;
  for (const Leaf& leaf : Resolve(s, c.path)) {
    if (leaf.state == Leaf::State::kUnknown) {
      parts.push_back(Outcome{Tri::kUnknown, {}});
      continue;
    }
    bool missing = leaf.state == Leaf::State::kMissing;
    const Value* v = missing ? &kNull : leaf.value;
    bool defaulted = missing && c.fallback;
    if (defaulted) v = &*c.fallback;
    Tri t = Test(c, *v);
    if (t == Tri::kUnknown) {
      parts.push_back(Outcome{Tri::kUnknown, {}});
      continue;
    }
    std::string label = leaf.display.empty() ? "the value" : leaf.display;
    parts.push_back(Outcome{t,
                            {Witness{s.resource,
                                     leaf.path,
                                     leaf.span,
                                     missing ? nullptr : leaf.value,
                                     Explain(c, label, *v, missing, defaulted, t),
                                     {}}}});
  }
  return AllOf(std::move(parts), vacuous);
}

Outcome Quantify(const Condition& c, const Scope& s) {
  std::vector<Outcome> parts;
  std::vector<Leaf> leaves = Resolve(s, c.path);
  for (const Leaf& leaf : leaves) {
    if (leaf.state == Leaf::State::kUnknown) {
      parts.push_back(Outcome{Tri::kUnknown, {}});
      continue;
    }
    for (const Leaf& e : Elements(s, leaf)) {
      if (e.state != Leaf::State::kValue) {
        parts.push_back(Outcome{Tri::kUnknown, {}});
        continue;
      }
      Scope child = s;
      child.value = e.value;
      child.path = e.path;
      child.display = e.display;
      child.span = e.span;
      parts.push_back(Evaluate(*c.children[0], child));
    }
  }
  // Nothing to range over: say so where the list is (or would be) written.
  Witness vacuous{s.resource, s.path, s.span, nullptr, "", {}};
  std::string name = c.path.text.empty() ? "the value" : c.path.text;
  bool empty_list = false;
  if (!leaves.empty()) {
    vacuous.path = leaves[0].path;
    vacuous.span = leaves[0].span;
    if (!leaves[0].display.empty()) name = leaves[0].display;
    empty_list = leaves[0].state == Leaf::State::kValue;
  }
  vacuous.text = name + (empty_list ? " is empty" : " is not set");
  switch (c.kind) {
    case Condition::Kind::kAny:
      return AnyOf(std::move(parts), vacuous);
    case Condition::Kind::kAll:
      return AllOf(std::move(parts), vacuous);
    default:
      return Negate(AnyOf(std::move(parts), vacuous));
  }
}

}  // namespace

Tri Not(Tri t) {
  if (t == Tri::kTrue) return Tri::kFalse;
  if (t == Tri::kFalse) return Tri::kTrue;
  return Tri::kUnknown;
}

Outcome Negate(Outcome o) {
  o.truth = Not(o.truth);
  return o;
}

Witness Merge(const std::vector<Witness>& parts) {
  if (parts.size() == 1) return parts[0];
  Witness w = parts.empty() ? Witness{} : parts[0];
  constexpr size_t kShown = 3;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (i < kShown) w.text += " and " + parts[i].text;
    const Witness& p = parts[i];
    if (p.span.valid() && !(p.span == w.span)) {
      bool seen = false;
      for (const RelatedSpan& r : w.related) seen = seen || r.span == p.span;
      if (!seen) w.related.push_back(RelatedSpan{p.span, p.text});
    }
  }
  if (parts.size() > kShown) w.text += " and " + std::to_string(parts.size() - kShown) + " more";
  return w;
}

Outcome AllOf(std::vector<Outcome> parts, const Witness& vacuous) {
  Outcome out{Tri::kTrue, {}};
  bool unknown = false;
  for (Outcome& p : parts) {
    if (p.truth == Tri::kFalse) {
      out.truth = Tri::kFalse;
      for (Witness& w : p.why) out.why.push_back(std::move(w));
    } else if (p.truth == Tri::kUnknown) {
      unknown = true;
    }
  }
  if (out.truth == Tri::kFalse) return out;
  if (unknown) return Outcome{Tri::kUnknown, {}};
  std::vector<Witness> all;
  for (Outcome& p : parts) {
    for (Witness& w : p.why) all.push_back(std::move(w));
  }
  return Outcome{Tri::kTrue, {all.empty() ? vacuous : Merge(all)}};
}

Outcome AnyOf(std::vector<Outcome> parts, const Witness& vacuous) {
  Outcome out{Tri::kFalse, {}};
  bool unknown = false;
  for (Outcome& p : parts) {
    if (p.truth == Tri::kTrue) {
      out.truth = Tri::kTrue;
      for (Witness& w : p.why) out.why.push_back(std::move(w));
    } else if (p.truth == Tri::kUnknown) {
      unknown = true;
    }
  }
  if (out.truth == Tri::kTrue) return out;
  if (unknown) return Outcome{Tri::kUnknown, {}};
  std::vector<Witness> all;
  for (Outcome& p : parts) {
    for (Witness& w : p.why) all.push_back(std::move(w));
  }
  return Outcome{Tri::kFalse, {all.empty() ? vacuous : Merge(all)}};
}

Outcome Evaluate(const Condition& c, const Scope& s) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
    case Condition::Kind::kOr: {
      std::vector<Outcome> parts;
      for (const ConditionPtr& child : c.children) parts.push_back(Evaluate(*child, s));
      const Witness none{s.resource, s.path, s.span, nullptr, "", {}};
      return c.kind == Condition::Kind::kAnd ? AllOf(std::move(parts), none)
                                             : AnyOf(std::move(parts), none);
    }
    case Condition::Kind::kNot:
      return Negate(Evaluate(*c.children[0], s));
    case Condition::Kind::kCompare:
      return Compare(c, s);
    case Condition::Kind::kAny:
    case Condition::Kind::kAll:
    case Condition::Kind::kNone:
      return Quantify(c, s);
    case Condition::Kind::kConnected:
      return EvaluateConnected(c, s);
    case Condition::Kind::kReachable:
      return EvaluateReachable(c, s);
    case Condition::Kind::kIf: {
      // (not if or then) and (if or else), reasoned about by branch: the
      // branch taken decides; when the test is unknown, only both branches
      // holding makes it true.
      Outcome test = Evaluate(*c.children[0], s);
      Outcome then = Evaluate(*c.children[1], s);
      Outcome otherwise =
          c.children.size() > 2 ? Evaluate(*c.children[2], s) : Outcome{Tri::kTrue, {}};
      if (test.truth == Tri::kTrue) return then;
      if (test.truth == Tri::kFalse) return otherwise;
      if (then.truth == Tri::kTrue && otherwise.truth == Tri::kTrue) {
        then.why.insert(then.why.end(), otherwise.why.begin(), otherwise.why.end());
        return Outcome{Tri::kTrue, {Merge(then.why)}};
      }
      return Outcome{Tri::kUnknown, {}};
    }
  }
  return Outcome{};
}

}  // namespace infracheck::policy
