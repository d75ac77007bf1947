// Team policies: the input is a policy file, optionally followed by a line
// "#####" and a Terraform main.tf to check; without one, a small stack (a
// load balancer, a service, a database, their security groups, a bucket and
// a role) stands in. The file is loaded as --policy loads one; when it loads,
// its rules run with every built-in rule on the module's graph (conditions,
// attribute paths, connections, reachability), and are reported in every
// format.
#include <string>

#include "checker/policies/loader.h"
#include "checker/terraform/config.h"
#include "checker/terraform/evaluator.h"
#include "infracheck/rule.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

namespace {

constexpr std::string_view kStack = R"(variable "env" {
  default = "prod"
}
resource "aws_security_group" "alb" {
  name = "alb"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}
resource "aws_security_group" "db" {
  name = "db"
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}
resource "aws_lb" "main" {
  internal        = false
  security_groups = [aws_security_group.alb.id]
  subnets         = ["subnet-1", "subnet-2"]
}
resource "aws_lb_target_group" "app" {
  port     = 8080
  protocol = "HTTP"
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
resource "aws_ecs_service" "app" {
  name          = "app"
  desired_count = 2
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 8080
  }
  network_configuration {
    subnets         = ["subnet-3"]
    security_groups = [aws_security_group.app.id]
  }
}
resource "aws_db_instance" "main" {
  engine                 = "postgres"
  engine_version         = "16.3"
  multi_az               = var.env == "prod"
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.db.id]
  tags = {
    Environment = var.env
  }
}
resource "aws_s3_bucket" "assets" {
  bucket = "assets-${var.env}"
}
resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
)";

}  // namespace

int Policy(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  std::string policy_text = *text, main_text(kStack);
  if (size_t cut = policy_text.find("\n#####\n"); cut != std::string::npos) {
    main_text = policy_text.substr(cut + 7);
    policy_text.resize(cut + 1);
  }
  PolicyLoader loader(BuiltinRules());
  Diagnostic error;
  if (!loader.AddText(policy_text, "policies.yaml", &error)) return 0;
  auto set = loader.Finish();

  SourceFile main_source("main.tf", "/fuzz/main.tf", main_text);
  auto main = hcl::ParseFile(main_source);
  if (main->error) return 0;
  auto module = tf::BuildModuleConfig("/fuzz", "fuzz", {main.get()});
  tf::Evaluator ev(*module, tf::EvalOptions{});
  ev.Run();
  CheckResources(FuzzEnvironment(), ev.TakeResources(), set->rules);
  return 0;
}

}  // namespace infracheck::fuzz
