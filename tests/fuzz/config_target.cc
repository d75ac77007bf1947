// .infracheck.yml: the YAML parser and our checks of it; then the globs the
// input names, matched as path and address globs against the input's lines.
#include "checker/config.h"
#include "checker/scan.h"
#include "infracheck/rule.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

int Config(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  infracheck::Config config;
  Diagnostic error;
  bool ok =
      ParseConfig(*text, ".infracheck.yml", "/fuzz-nonexistent", BuiltinRules(), &config, &error);
  // Glob matching on the input's first lines: pattern, then text.
  std::string_view rest = *text;
  size_t nl = rest.find('\n');
  std::string_view pattern = rest.substr(0, nl);
  std::string_view subject = nl == std::string_view::npos ? "" : rest.substr(nl + 1, 4096);
  (void)GlobMatch(pattern.substr(0, 4096), subject, true);
  (void)GlobMatch(pattern.substr(0, 4096), subject, false);
  if (!ok) return 0;
  // Apply it to a finding in a file below the configuration's directory.
  SourceFile file("modules/db/main.tf", "/fuzz-nonexistent/modules/db/main.tf", "x = 1\n");
  ScanResult result;
  Finding f;
  f.rule = "aws-rds-multi-az";
  f.resource = "module.db.aws_db_instance.main[\"a\"]";
  f.environment = "prod";
  f.primary = Span{&file, 0, 1};
  result.findings.push_back(f);
  ApplyConfig(config, "2025-01-01", result);
  return 0;
}

}  // namespace infracheck::fuzz
