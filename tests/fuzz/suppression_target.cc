// Suppressions: the input as one comment's text, then as an HCL file and a
// TypeScript file whose comments are read and placed.
#include "checker/suppressions.h"
#include "infracheck/rule.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

int Suppression(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  for (const infracheck::Suppression& s : ParseSuppressions(*text)) (void)ValidDate(s.until);
  SourceFile hcl_source("main.tf", "/fuzz/main.tf", *text);
  SourceFile ts_source("sst.config.ts", "/fuzz/sst.config.ts", *text);
  SuppressionSet set("2025-01-01", BuiltinRules());
  auto file = hcl::ParseFile(hcl_source);
  if (!file->error) set.AddHcl(*file);
  set.AddText(ts_source);
  for (const Diagnostic& d : set.Problems([](const SourceFile&) { return true; })) {
    (void)d.message.size();
  }
  return 0;
}

}  // namespace infracheck::fuzz
