// aws-ecr-immutable-tags: a pushed image tag always names the same image.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecr_repository"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_51"};
constexpr std::string_view kTrivy[] = {"AWS-0031", "AVD-AWS-0031"};

// An exclusion filter that matches every tag ("*", "**") undoes immutability.
bool MatchesEveryTag(std::string_view filter) {
  return !filter.empty() && filter.find_first_not_of('*') == std::string_view::npos;
}

// IMMUTABLE_WITH_EXCLUSION (AWS provider 6.x): immutable except for the
// tags its exclusion filters match. kFalse when a filter matches every tag.
Tri ExclusionsKeepImmutability(const Resource& r, const Value** culprit) {
  const Value* filters = r.Get("image_tag_mutability_exclusion_filter");
  if (IsAbsent(filters)) return Tri::kTrue;
  if (!filters->is_list()) return Tri::kUnknown;
  Tri result = Tri::kTrue;
  for (const Value& f : filters->items()) {
    const Value* pattern = f.Get("filter");
    auto s = StringOf(pattern);
    if (!s) {
      result = Tri::kUnknown;
      continue;
    }
    if (MatchesEveryTag(*s)) {
      *culprit = pattern;
      return Tri::kFalse;
    }
  }
  return result;
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* mutability = r.Get("image_tag_mutability");
  if (IsAbsent(mutability)) {
    ctx.Report(r, "image_tag_mutability",
               "image_tag_mutability is not set (default MUTABLE): pushing an existing tag "
               "silently replaces the image that tasks deploy");
    return;
  }
  auto s = StringOf(mutability);
  if (!s || *s == "IMMUTABLE") return;
  if (*s == "IMMUTABLE_WITH_EXCLUSION") {
    const Value* culprit = nullptr;
    if (ExclusionsKeepImmutability(r, &culprit) != Tri::kFalse) return;
    ctx.Report(r, "image_tag_mutability",
               "the exclusion filter \"" + culprit->str() +
                   "\" matches every tag: the repository is as mutable as MUTABLE",
               culprit);
    return;
  }
  ctx.Report(r, "image_tag_mutability",
             "image_tag_mutability is " + *s +
                 ": pushing an existing tag silently replaces the image that tasks deploy",
             mutability);
}

}  // namespace

extern const Rule kAwsEcrImmutableTags = {
    .id = "aws-ecr-immutable-tags",
    .title = "ECR repositories must have immutable image tags",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The registry settings are documented as \"Image Tag Mutability: Immutable\" (004 ECR). "
        "With mutable tags, a push of an existing tag replaces the image behind it: a task "
        "definition that pinned `app:1.4.2` starts running different code on its next "
        "deployment or scale-out, a scanned image can be swapped for an unscanned one, and a "
        "rollback to a tag may not restore what ran before. The provider's default is MUTABLE. "
        "IMMUTABLE passes; IMMUTABLE_WITH_EXCLUSION (AWS provider 6.x) also passes, as every "
        "tag outside its listed exclusion filters is immutable, unless a filter matches every "
        "tag (\"*\"). MUTABLE and MUTABLE_WITH_EXCLUSION fire. Unknown values stay silent.",
    .remediation =
        "Set `image_tag_mutability = \"IMMUTABLE\"` and push every build under a new tag (the "
        "commit SHA, a version); deploy by that tag or by digest instead of a moving `latest`.",
    .bad_example = R"(resource "aws_ecr_repository" "backend" {
  name = "codemate-backend"

  image_scanning_configuration {
    scan_on_push = true
  }
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
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
