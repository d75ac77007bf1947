// JSON documents held in attributes (container definitions, IAM policies),
// decoded once with the best locations available: the HCL of a jsonencode()
// argument, the JSON file file() read, or the heredoc the JSON was written
// in (an indented <<- heredoc too). aws_iam_policy_document
// data sources are adapted into the same policy document shape, located at
// their HCL statements.
#include <algorithm>
#include <string>

#include "checker/graph/builder.h"
#include "parsers/json/json_parser.h"

namespace infracheck::graph {

namespace {

struct DocumentAttr {
  std::string_view kind;
  std::string_view path;
};

constexpr DocumentAttr kDocuments[] = {
    {"aws_ecs_task_definition", "container_definitions"},
    {"aws_iam_policy", "policy"},
    {"aws_iam_role_policy", "policy"},
    {"aws_iam_user_policy", "policy"},
    {"aws_iam_group_policy", "policy"},
    {"aws_iam_role", "assume_role_policy"},
    {"aws_s3_bucket_policy", "policy"},
    {"aws_ecr_repository_policy", "policy"},
    {"aws_ecr_lifecycle_policy", "policy"},
    {"aws_secretsmanager_secret", "policy"},
    {"aws_secretsmanager_secret_policy", "policy"},
    {"aws_kms_key", "policy"},
    {"aws_sqs_queue_policy", "policy"},
    {"aws_sns_topic_policy", "policy"},
};

// An indented heredoc (<<-EOT) strips each line's indentation, so its value
// is not verbatim in the source. JSON ignores whitespace between tokens and
// cannot hold a raw newline inside a string, so the body as written parses to
// the same document, with positions in the file; `decoded` confirms it (an
// interpolation would differ).
std::optional<Value> InIndentedHeredoc(const Value& decoded, Span o) {
  if (!o.valid()) return std::nullopt;
  std::string_view src = o.text();
  if (src.rfind("<<-", 0) != 0) return std::nullopt;
  size_t body = src.find('\n');
  size_t last = src.rfind('\n');
  if (body == std::string_view::npos || last == std::string_view::npos || last <= body) {
    return std::nullopt;
  }
  std::string_view text = src.substr(body + 1, last - body);
  json::ParseResult r = json::ParseAt(text, o.file, o.begin + static_cast<uint32_t>(body + 1));
  if (!r.value || !SameValue(*r.value, decoded)) return std::nullopt;
  return r.value;
}

std::optional<Value> Decode(const Value& v) {
  // jsonencode(), also of a partly unknown value: its structure as written.
  if (const Value* s = v.structured()) return *s;
  if (!v.is_string()) return std::nullopt;
  if (const SourceFile* f = v.whole_file()) {
    json::ParseResult r = json::ParseFile(*f);
    if (r.value) return r.value;
    return std::nullopt;
  }
  // Written verbatim in the source (a heredoc or quoted string without
  // interpolation): locate values inside it.
  Span o = v.origin();
  if (o.valid()) {
    std::string_view src = o.text();
    size_t at = src.find(v.str());
    if (at != std::string_view::npos && !v.str().empty() &&
        src.find(v.str(), at + 1) == std::string_view::npos) {
      json::ParseResult r = json::ParseAt(v.str(), o.file, o.begin + static_cast<uint32_t>(at));
      if (r.value) return r.value;
      return std::nullopt;
    }
  }
  json::ParseResult r = json::ParseText(v.str(), o);
  if (!r.value) return std::nullopt;
  if (auto located = InIndentedHeredoc(*r.value, o)) return located;
  return r.value;
}

// statement { effect actions resources principals {...} condition {...} }
// -> {"Effect": ..., "Action": [...], "Resource": [...], "Principal": {...}}
Value AdaptStatement(const Value& st) {
  std::vector<Field> fields;
  auto copy = [&](std::string_view from, std::string to) {
    if (const Field* f = st.GetField(from); f && !f->value.is_null()) {
      fields.push_back(Field{std::move(to), f->value, f->key_span});
    }
  };
  copy("sid", "Sid");
  if (const Field* f = st.GetField("effect"); f && !f->value.is_null()) {
    fields.push_back(Field{"Effect", f->value, f->key_span});
  } else {
    fields.push_back(Field{"Effect", Value::String("Allow", st.origin()), {}});
  }
  copy("actions", "Action");
  copy("not_actions", "NotAction");
  copy("resources", "Resource");
  copy("not_resources", "NotResource");
  auto principals = [&](std::string_view from, std::string to) {
    const Field* f = st.GetField(from);
    if (!f || !f->value.is_list()) {
      if (f && f->value.is_unknown()) fields.push_back(Field{std::move(to), f->value, f->key_span});
      return;
    }
    std::vector<Field> by_type;
    for (const Value& p : f->value.items()) {
      auto type = StringOf(p.Get("type"));
      const Value* ids = p.Get("identifiers");
      if (!type || !ids) continue;
      by_type.push_back(Field{*type, *ids, {}});
    }
    fields.push_back(
        Field{std::move(to), Value::Object(std::move(by_type), f->value.origin()), f->key_span});
  };
  principals("principals", "Principal");
  principals("not_principals", "NotPrincipal");
  if (const Field* f = st.GetField("condition"); f && f->value.is_list()) {
    std::vector<Field> tests;
    for (const Value& c : f->value.items()) {
      auto test = StringOf(c.Get("test"));
      auto variable = StringOf(c.Get("variable"));
      const Value* values = c.Get("values");
      if (!test || !variable || !values) continue;
      tests.push_back(Field{*test, Value::Object({{*variable, *values, {}}}, c.origin()), {}});
    }
    fields.push_back(
        Field{"Condition", Value::Object(std::move(tests), f->value.origin()), f->key_span});
  }
  return Value::Object(std::move(fields), st.origin());
}

void AdaptPolicyDocument(Graph& g, const Resource& r) {
  if (auto doc = PolicyDocumentOf(r.Get("statement"), r.header)) {
    g.SetDocument(r, "json", std::move(*doc));
  }
}

}  // namespace

std::optional<Value> PolicyDocumentOf(const Value* statements, Span at) {
  std::vector<Value> adapted;
  if (statements) {
    if (!statements->is_list()) return std::nullopt;  // unknown (dynamic statement blocks)
    for (const Value& st : statements->items()) {
      if (st.is_object()) adapted.push_back(AdaptStatement(st));
    }
  }
  return Value::Object({{"Version", Value::String("2012-10-17", at), {}},
                        {"Statement", Value::List(std::move(adapted), at), {}}},
                       at);
}

void BuildDocuments(Graph& g) {
  for (const DocumentAttr& d : kDocuments) {
    for (const Resource* r : g.OfKind(d.kind)) {
      const Value* v = r->Get(d.path);
      if (!v) continue;
      if (auto doc = Decode(*v)) g.SetDocument(*r, std::string(d.path), std::move(*doc));
    }
  }
  // Inline policies of roles: inline_policy { name policy } blocks.
  for (const Resource* r : g.OfKind("aws_iam_role")) {
    const Value* blocks = r->Get("inline_policy");
    if (!blocks || !blocks->is_list()) continue;
    for (size_t i = 0; i < blocks->items().size(); ++i) {
      const Value* p = blocks->items()[i].Get("policy");
      if (!p) continue;
      if (auto doc = Decode(*p)) {
        g.SetDocument(*r, "inline_policy." + std::to_string(i) + ".policy", std::move(*doc));
      }
    }
  }
  for (const Resource* r : g.OfKind("aws_iam_policy_document")) {
    if (r->mode == ResourceMode::kData) AdaptPolicyDocument(g, *r);
  }
}

}  // namespace infracheck::graph
