// JSON documents held in attributes (container definitions, IAM policies),
// decoded once with the best locations available: the HCL of a jsonencode()
// argument, the JSON file file() read, or the heredoc the JSON was written
// in (an indented <<- heredoc too, line by line). aws_iam_policy_document
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

// An indented heredoc (<<-) loses the common indentation: each line of the
// value is the end of a source line whose start is blanks. Maps every byte
// offset of the value to the source text, or nullopt when the lines do not
// line up.
std::optional<std::vector<uint32_t>> IndentedOffsets(std::string_view value, std::string_view src) {
  std::vector<uint32_t> map(value.size() + 1, 0);
  size_t src_pos = 0;
  bool started = false;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t nl = value.find('\n', pos);
    size_t len = (nl == std::string_view::npos ? value.size() : nl) - pos;
    std::string_view line = value.substr(pos, len);
    if (line.empty() && nl == std::string_view::npos) {  // after the last newline
      map[pos] = static_cast<uint32_t>(std::min(src_pos, src.size()));
      break;
    }
    bool matched = false;
    while (src_pos <= src.size()) {
      size_t src_nl = src.find('\n', src_pos);
      size_t src_end = src_nl == std::string_view::npos ? src.size() : src_nl;
      std::string_view src_line = src.substr(src_pos, src_end - src_pos);
      if (!src_line.empty() && src_line.back() == '\r') src_line.remove_suffix(1);
      bool fits = src_line.size() >= line.size() && src_line.ends_with(line) &&
                  src_line.substr(0, src_line.size() - line.size()).find_first_not_of(" \t") ==
                      std::string_view::npos;
      size_t next = src_nl == std::string_view::npos ? src.size() + 1 : src_nl + 1;
      if (fits) {
        size_t start = src_pos + src_line.size() - line.size();
        for (size_t k = 0; k <= len; ++k) map[pos + k] = static_cast<uint32_t>(start + k);
        src_pos = next;
        matched = true;
        break;
      }
      if (started) return std::nullopt;  // lines must follow each other
      src_pos = next;
    }
    if (!matched) return std::nullopt;
    started = true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return map;
}

// `v` with every span (offsets into the value) moved through `map` to
// `base` + the source offset.
Value Remap(const Value& v, const std::vector<uint32_t>& map, const SourceFile* file,
            uint32_t base) {
  auto at = [&](Span s) {
    if (!s.valid() || s.begin >= map.size() || s.end >= map.size()) return Span{};
    return Span{file, base + map[s.begin], base + map[s.end]};
  };
  switch (v.kind()) {
    case Value::Kind::kList: {
      std::vector<Value> items;
      items.reserve(v.items().size());
      for (const Value& i : v.items()) items.push_back(Remap(i, map, file, base));
      return Value::List(std::move(items), at(v.origin()));
    }
    case Value::Kind::kObject: {
      std::vector<Field> fields;
      fields.reserve(v.fields().size());
      for (const Field& f : v.fields()) {
        fields.push_back(Field{f.key, Remap(f.value, map, file, base), at(f.key_span)});
      }
      return Value::Object(std::move(fields), at(v.origin()));
    }
    default:
      return v.WithOrigin(at(v.origin()));
  }
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
    if (auto map = IndentedOffsets(v.str(), src)) {
      json::ParseResult r = json::ParseAt(v.str(), o.file, 0);
      if (r.value) return Remap(*r.value, *map, o.file, o.begin);
      return std::nullopt;
    }
  }
  json::ParseResult r = json::ParseText(v.str(), o);
  if (r.value) return r.value;
  return std::nullopt;
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
  const Value* statements = r.Get("statement");
  std::vector<Value> adapted;
  if (statements) {
    if (!statements->is_list()) return;  // unknown (dynamic statement blocks)
    for (const Value& st : statements->items()) {
      if (st.is_object()) adapted.push_back(AdaptStatement(st));
    }
  }
  Value doc = Value::Object({{"Version", Value::String("2012-10-17", r.header), {}},
                             {"Statement", Value::List(std::move(adapted), r.header), {}}},
                            r.header);
  g.SetDocument(r, "json", std::move(doc));
}

}  // namespace

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
