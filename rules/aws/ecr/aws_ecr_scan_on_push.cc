// aws-ecr-scan-on-push: images are scanned for vulnerabilities when pushed.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecr_repository"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_163"};
constexpr std::string_view kTrivy[] = {"AWS-0030", "AVD-AWS-0030"};
constexpr std::string_view kTfsec[] = {"aws-ecr-enable-image-scans"};

// ECR repository filters: '*' matches any run of characters.
bool WildcardMatch(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Whether a registry scanning configuration scans this repository on push:
// kTrue covered, kFalse not covered, kUnknown cannot tell.
Tri RegistryCovers(const Resource& config, const Value* repo_name) {
  const Value* rules = config.Get("rule");
  if (!rules) return Tri::kFalse;
  if (!rules->IsWhollyKnown()) return Tri::kUnknown;
  Tri result = Tri::kFalse;
  for (const Value& rule : rules->items()) {
    const Value* freq = rule.Get("scan_frequency");
    auto f = StringOf(freq);
    if (!f) return Tri::kUnknown;
    if (*f != "SCAN_ON_PUSH" && *f != "CONTINUOUS_SCAN") continue;
    const Value* filters = rule.Get("repository_filter");
    if (!filters) continue;
    for (const Value& filter : filters->items()) {
      auto pattern = StringOf(filter.Get("filter"));
      if (!pattern) return Tri::kUnknown;
      if (*pattern == "*") return Tri::kTrue;
      if (!repo_name || !repo_name->is_string()) {
        result = Tri::kUnknown;
        continue;
      }
      if (WildcardMatch(*pattern, repo_name->str())) return Tri::kTrue;
    }
  }
  return result;
}

void Check(const Resource& r, RuleContext& ctx) {
  const Value* scan = r.Get("image_scanning_configuration.scan_on_push");
  Tri t = Truth(scan);
  if (t != Tri::kFalse) return;
  for (const Resource* config : ctx.graph().OfKind("aws_ecr_registry_scanning_configuration")) {
    Tri covered = RegistryCovers(*config, r.Get("name"));
    if (covered != Tri::kFalse) return;  // covered, or cannot tell
  }
  ctx.Report(r, "image_scanning_configuration.scan_on_push",
             scan ? "scan_on_push is false: pushed images are not scanned for vulnerabilities"
                  : "image scanning on push is not configured (default off): pushed images are "
                    "not scanned for vulnerabilities");
}

}  // namespace

extern const Rule kAwsEcrScanOnPush = {
    .id = "aws-ecr-scan-on-push",
    .title = "ECR repositories must scan images on push",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The registry settings are documented as \"Scan on Push: Enabled (보안 취약점 스캔)\" "
        "(004 ECR). Without it, images with known vulnerabilities are deployed to ECS without "
        "anyone being told. A registry-wide `aws_ecr_registry_scanning_configuration` whose "
        "rules scan on push (or continuously) for a filter matching the repository also "
        "satisfies the requirement.",
    .remediation =
        "Add `image_scanning_configuration { scan_on_push = true }` to the repository, or "
        "configure registry scanning with a `SCAN_ON_PUSH` or `CONTINUOUS_SCAN` rule whose "
        "filter matches it.",
    .bad_example = R"(resource "aws_ecr_repository" "backend" {
  name = "codemate-backend"
})",
    .good_example = R"(resource "aws_ecr_repository" "backend" {
  name                 = "codemate-backend"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
