#include "tests/fuzz/common.h"

#include <memory>
#include <ostream>
#include <streambuf>

#include "checker/files.h"
#include "checker/graph/builder.h"
#include "checker/inspect.h"
#include "checker/report.h"
#include "infracheck/rule.h"

namespace infracheck::fuzz {

namespace {

// Discards what is written, but still makes the writers produce it.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

std::optional<std::string> Admit(std::string_view bytes) {
  std::string text(bytes);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (FirstInvalidUtf8(text) >= 0) return std::nullopt;
  return text;
}

Environment FuzzEnvironment() {
  Environment env;
  env.name = "prod";
  env.production = Tri::kTrue;
  env.root = "fuzz";
  env.production_reason = "fuzzing";
  return env;
}

void CheckResources(const Environment& env, std::vector<Resource> resources,
                    std::span<const Rule* const> extra) {
  auto g = std::make_unique<Graph>(env);
  for (Resource& r : resources) g->Add(std::move(r));
  g->Seal();
  BuildGraph(*g);
  ScanResult result;
  std::vector<const Rule*> rules(BuiltinRules().begin(), BuiltinRules().end());
  rules.insert(rules.end(), extra.begin(), extra.end());
  for (const Rule* rule : rules) {
    if (rule->scope == Scope::kProd && !g->environment().is_production()) continue;
    RuleContext ctx(*g, *rule);
    for (const auto& r : g->resources()) {
      bool wanted = false;
      for (std::string_view k : rule->kinds) wanted = wanted || k == "*" || k == r->kind;
      if (wanted) rule->check(*r, ctx);
    }
    for (Finding& f : ctx.findings()) result.findings.push_back(std::move(f));
  }
  for (Finding& f : result.findings) f.fingerprint = Fingerprint(f);
  SortFindings(result.findings);
  result.graphs.push_back(std::move(g));
  result.environments = 1;
  NullBuffer buffer;
  std::ostream out(&buffer);
  ReportContext ctx{result, rules, {}, false, {}, "infracheck"};
  for (const Finding& f : result.findings) ctx.findings.push_back(&f);
  WriteText(out, ctx);
  WriteJson(out, ctx);
  WriteSarif(out, ctx);
  WriteJunit(out, ctx);
  WriteGithub(out, ctx);
  WriteInspectJson(out, result);
  WriteInspectText(out, result);
}

}  // namespace infracheck::fuzz
