// aws-ecr-lifecycle-policy: old images are expired by a lifecycle policy.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecr_repository"};

bool IsLifecyclePolicy(const Resource& r) { return r.kind == "aws_ecr_lifecycle_policy"; }

// A lifecycle policy whose repository did not resolve may still be this
// repository's: its `repository` is unknown, or ours is.
bool MayCover(const Graph& g, const Resource& policy, const Value* repo_name) {
  if (!g.Related(policy, Relation::kRepository).empty()) return false;
  const Value* repo = policy.Get("repository");
  if (IsAbsent(repo)) return false;
  if (!repo->is_string()) return true;  // unknown: may name any repository
  return !repo_name || !repo_name->is_string();
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  for (const Resource* p : g.Referrers(r, Relation::kRepository)) {
    if (IsLifecyclePolicy(*p)) return;
  }
  for (const Resource* p : g.OfKind("aws_ecr_lifecycle_policy")) {
    if (MayCover(g, *p, r.Get("name"))) return;
  }
  ctx.Report(r, "",
             "the repository has no aws_ecr_lifecycle_policy: every pushed image is kept "
             "forever, and storage grows with each build");
}

}  // namespace

extern const Rule kAwsEcrLifecyclePolicy = {
    .id = "aws-ecr-lifecycle-policy",
    .title = "ECR repositories must have a lifecycle policy",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The registry settings include \"Lifecycle Policy: 최근 10개 이미지 유지, 나머지 자동 "
        "삭제\" (004 ECR): keep the last ten images and expire the rest. Without a lifecycle "
        "policy every build pushed by the pipeline stays in the repository forever, so storage "
        "cost grows without bound and old images with known vulnerabilities stay pullable. "
        "The rule fires on a repository that no `aws_ecr_lifecycle_policy` names (by "
        "reference or by repository name). It stays silent when a lifecycle policy's "
        "repository cannot be resolved and might be this one. What the policy keeps is not "
        "checked.",
    .remediation =
        "Add an `aws_ecr_lifecycle_policy` for the repository, for example one rule with "
        "`countType = \"imageCountMoreThan\"`, `countNumber = 10` and `action = { type = "
        "\"expire\" }`.",
    .bad_example = R"(resource "aws_ecr_repository" "backend" {
  name                 = "codemate-backend"
  image_tag_mutability = "IMMUTABLE"
})",
    .good_example = R"(resource "aws_ecr_repository" "backend" {
  name                 = "codemate-backend"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_lifecycle_policy" "backend" {
  repository = aws_ecr_repository.backend.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 10 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 10
      }
      action = { type = "expire" }
    }]
  })
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
