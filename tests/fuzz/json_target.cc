// JSON: the parser, format recognition and the translation of what it
// recognises (task definitions, IAM policies, plans), plus jsondecode() and
// jsonencode() on the same text.
#include <set>

#include "checker/formats.h"
#include "checker/terraform/functions.h"
#include "parsers/json/json_parser.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

int Json(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  std::string error;
  if (auto v = tf::JsonDecode(*text, nullptr, Span{}, &error); v && v->IsWhollyKnown()) {
    (void)tf::JsonEncode(*v);
  }
  Input in;
  in.path = "/fuzz/fuzz.json";
  in.kind = InputKind::kJson;
  SourceFile source("fuzz.json", "/fuzz/fuzz.json", *text);
  in.source = &source;
  json::ParseResult r = json::ParseFile(source);
  if (!r.value) return 0;
  in.json_kind = ClassifyJson(*r.value);
  in.json = std::make_unique<Value>(std::move(*r.value));
  Environment env = FuzzEnvironment();
  if (in.json_kind == JsonKind::kPlan) {
    static ScanOptions options = [] {
      ScanOptions o;
      o.root = "/fuzz-nonexistent";
      return o;
    }();
    static Project project(options);
    env = PlanEnvironment(in);
    CheckResources(env, PlanResources(in, project).resources);
  } else if (in.json_kind != JsonKind::kNone) {
    CheckResources(env, DocumentResources({&in}, {}).resources);
  }
  return 0;
}

}  // namespace infracheck::fuzz
