// aws-ecs-non-root: containers do not run as root.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_task_definition"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  Containers containers = ContainersOf(ctx.graph(), r);
  for (const Container& c : containers.items) {
    const Value* user = c.def->Get("user");
    if (RunsAsRoot(user) != Tri::kTrue) continue;
    ReportContainer(ctx, r, c, "user",
                    "container " + c.Label() + " runs as root (user \"" + *StringOf(user) +
                        "\"): a compromise of the application is a compromise of root in "
                        "the container",
                    user);
  }
}

}  // namespace

extern const Rule kAwsEcsNonRoot = {
    .id = "aws-ecs-non-root",
    .title = "ECS containers must not run as root",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented image drops root: 002 §7.2's Dockerfile creates the `nestjs` user "
        "(uid 1001) and switches to it with `USER nestjs`. A container definition's `user` "
        "overrides the image, so `user = \"root\"` or `\"0\"` undoes that: a code-execution bug "
        "in the application then runs as root inside the container, can read every file in the "
        "image, install tools, and is one kernel or runtime flaw away from the host. The rule "
        "fires when the user part of `user` (before any `:group`) is `root` or `0`, so \"0:0\" "
        "and \"root:root\" fire and \"1001:0\" does not. A container without `user` runs as "
        "the image's USER, which the configuration cannot see, and does not fire. Container "
        "definitions are read however they are written (jsonencode(), file(), heredoc) and "
        "reported where the `user` is written; unknown values stay silent.",
    .remediation =
        "Remove `user` and set a non-root `USER` in the image, or set `user` to an "
        "unprivileged uid (`\"1001\"`, `\"1001:1001\"`).",
    .bad_example = R"(resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name      = "app"
    image     = "codemate-backend:1.4.2"
    essential = true
    user      = "0:0"
  }])
})",
    .good_example = R"(resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name      = "app"
    image     = "codemate-backend:1.4.2"
    essential = true
    user      = "1001:1001"
  }])
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
