"""Deterministic synthetic Terraform corpora in the shape of real module
collections, for tools/bench.

A corpus is a set of *projects*. Each project has local modules for VPC, ECS,
RDS, ElastiCache, ALB, S3 and IAM (main.tf, variables.tf, outputs.tf; a few
hundred lines each) and dev/prod roots that call them with tfvars, count and
for_each, templates and jsonencode'd task definitions. The same seed gives the
same bytes.
"""
import os
import random
import re

MODULES = ["vpc", "ecs", "rds", "elasticache", "alb", "s3", "iam"]


def _vars(rng, prefix, n):
    out = []
    for i in range(n):
        kind = rng.choice(["string", "number", "bool", "list(string)", "map(string)"])
        default = {
            "string": '"%s-%d"' % (prefix, i),
            "number": str(rng.randint(1, 500)),
            "bool": rng.choice(["true", "false"]),
            "list(string)": '["a-%d", "b-%d"]' % (i, i),
            "map(string)": '{\n    owner = "team-%d"\n    tier  = "app"\n  }' % i,
        }[kind]
        out.append('variable "%s_%d" {\n  description = "Setting %d of the %s module, '
                   'see the runbook"\n  type        = %s\n  default     = %s\n}\n'
                   % (prefix, i, i, prefix, kind, default))
    return "\n".join(out)


def _common_vars():
    return '''variable "project_name" {
  description = "Project name used in every resource name"
  type        = string
}

variable "environment" {
  description = "dev or prod"
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource"
  type        = map(string)
  default     = {}
}
'''


def module_vpc(rng):
    main = '''locals {
  azs = ["ap-northeast-2a", "ap-northeast-2c"]
  public_cidrs = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, i)]
  app_cidrs    = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, i + 10)]
  data_cidrs   = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, i + 20)]
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = merge(var.tags, {
    Name = "${var.project_name}-${var.environment}-vpc"
  })
}

resource "aws_subnet" "public" {
  count                   = length(local.azs)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.public_cidrs[count.index]
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = true
  tags = {
    Name = "${var.project_name}-public-${count.index + 1}"
    Type = "Public"
  }
}

resource "aws_subnet" "app" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = local.app_cidrs[count.index]
  availability_zone = local.azs[count.index]
  tags = {
    Name = "${var.project_name}-app-${count.index + 1}"
  }
}

resource "aws_subnet" "data" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = local.data_cidrs[count.index]
  availability_zone = local.azs[count.index]
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_eip" "nat" {
  count  = var.environment == "prod" ? length(local.azs) : 1
  domain = "vpc"
}

resource "aws_nat_gateway" "main" {
  count         = var.environment == "prod" ? length(local.azs) : 1
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table" "app" {
  count  = length(local.azs)
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[var.environment == "prod" ? count.index : 0].id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "app" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app[count.index].id
}

resource "aws_flow_log" "main" {
  vpc_id       = aws_vpc.main.id
  traffic_type = "ALL"
  log_destination = "arn:aws:s3:::${var.project_name}-flow-logs"
  log_destination_type = "s3"
}
'''
    variables = _common_vars() + '''
variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}
''' + _vars(rng, "vpc", rng.randint(15, 30))
    outputs = '''output "vpc_id" {
  value = aws_vpc.main.id
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "app_subnet_ids" {
  value = aws_subnet.app[*].id
}

output "data_subnet_ids" {
  value = aws_subnet.data[*].id
}
'''
    return main, variables, outputs


def module_ecs(rng):
    containers = []
    for c in range(rng.randint(1, 3)):
        containers.append('''    {
      name      = "app-%d"
      image     = "${var.image}:${var.image_tag}"
      essential = %s
      portMappings = [{ containerPort = %d, protocol = "tcp" }]
      environment = [
        { name = "NODE_ENV", value = var.environment },
        { name = "PORT", value = "%d" },
      ]
      secrets = [
        { name = "DATABASE_URL", valueFrom = "${var.secrets_arn}:DATABASE_URL::" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = "/ecs/${var.project_name}"
          "awslogs-region"        = "ap-northeast-2"
          "awslogs-stream-prefix" = "app-%d"
        }
      }
      healthCheck = {
        command  = ["CMD-SHELL", "curl -f http://localhost:%d/health || exit 1"]
        interval = 30
        retries  = 3
      }
    }''' % (c, "true" if c == 0 else "false", 3000 + c, 3000 + c, c, 3000 + c))
    main = '''resource "aws_ecs_cluster" "main" {
  name = "${var.project_name}-${var.environment}"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.project_name}"
  retention_in_days = var.environment == "prod" ? 30 : 7
}

resource "aws_security_group" "tasks" {
  name   = "${var.project_name}-tasks"
  vpc_id = var.vpc_id
  ingress {
    from_port       = 3000
    to_port         = 3002
    protocol        = "tcp"
    security_groups = [var.alb_security_group_id]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${var.project_name}-app"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = var.execution_role_arn
  container_definitions = jsonencode([
%s
  ])
}

resource "aws_ecs_service" "app" {
  name            = "${var.project_name}-service"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = "app-0"
    container_port   = 3000
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

resource "aws_appautoscaling_target" "ecs" {
  max_capacity       = var.max_capacity
  min_capacity       = var.min_capacity
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}
''' % ",\n".join(containers)
    variables = _common_vars() + '''
variable "vpc_id" {
  type = string
}
variable "subnet_ids" {
  type = list(string)
}
variable "alb_security_group_id" {
  type = string
}
variable "target_group_arn" {
  type = string
}
variable "execution_role_arn" {
  type = string
}
variable "secrets_arn" {
  type    = string
  default = "arn:aws:secretsmanager:ap-northeast-2:111122223333:secret:app"
}
variable "image" {
  type    = string
  default = "111122223333.dkr.ecr.ap-northeast-2.amazonaws.com/app"
}
variable "image_tag" {
  type    = string
  default = "latest"
}
variable "task_cpu" {
  type    = number
  default = 512
}
variable "task_memory" {
  type    = number
  default = 1024
}
variable "desired_count" {
  type    = number
  default = 1
}
variable "min_capacity" {
  type    = number
  default = 1
}
variable "max_capacity" {
  type    = number
  default = 4
}
''' + _vars(rng, "ecs", rng.randint(10, 25))
    outputs = '''output "service_name" {
  value = aws_ecs_service.app.name
}

output "tasks_security_group_id" {
  value = aws_security_group.tasks.id
}
'''
    return main, variables, outputs


def module_rds(rng):
    main = '''resource "aws_db_subnet_group" "main" {
  name       = "${var.project_name}-${var.environment}-db"
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name   = "${var.project_name}-db"
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "db_from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = var.app_security_group_id
}

resource "aws_db_parameter_group" "main" {
  name   = "${var.project_name}-${var.environment}-pg16"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "main" {
  identifier                  = "${var.project_name}-${var.environment}"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = var.instance_class
  allocated_storage           = var.allocated_storage
  storage_encrypted           = true
  manage_master_user_password = true
  username                    = "app"
  db_subnet_group_name        = aws_db_subnet_group.main.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  parameter_group_name        = aws_db_parameter_group.main.name
  multi_az                    = var.environment == "prod"
  deletion_protection         = var.environment == "prod"
  skip_final_snapshot         = var.environment != "prod"
  backup_retention_period     = var.environment == "prod" ? 7 : 1
  publicly_accessible         = false
}
'''
    variables = _common_vars() + '''
variable "vpc_id" {
  type = string
}
variable "subnet_ids" {
  type = list(string)
}
variable "app_security_group_id" {
  type = string
}
variable "instance_class" {
  type    = string
  default = "db.t4g.micro"
}
variable "allocated_storage" {
  type    = number
  default = 20
}
''' + _vars(rng, "rds", rng.randint(10, 25))
    outputs = '''output "endpoint" {
  value = aws_db_instance.main.endpoint
}
'''
    return main, variables, outputs


def module_elasticache(rng):
    main = '''resource "aws_elasticache_subnet_group" "main" {
  name       = "${var.project_name}-${var.environment}-redis"
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "redis" {
  name   = "${var.project_name}-redis"
  vpc_id = var.vpc_id
  ingress {
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = [var.app_security_group_id]
  }
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "${var.project_name}-${var.environment}"
  description                = "Redis for ${var.project_name}"
  node_type                  = var.node_type
  num_cache_clusters         = var.environment == "prod" ? 2 : 1
  engine                     = "redis"
  engine_version             = "7.0"
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  security_group_ids         = [aws_security_group.redis.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.auth_token
  automatic_failover_enabled = var.environment == "prod"
  multi_az_enabled           = var.environment == "prod"
  snapshot_retention_limit   = var.environment == "prod" ? 7 : 0
}
'''
    variables = _common_vars() + '''
variable "vpc_id" {
  type = string
}
variable "subnet_ids" {
  type = list(string)
}
variable "app_security_group_id" {
  type = string
}
variable "node_type" {
  type    = string
  default = "cache.t4g.micro"
}
variable "auth_token" {
  type      = string
  sensitive = true
  default   = null
}
''' + _vars(rng, "redis", rng.randint(8, 20))
    outputs = '''output "primary_endpoint" {
  value = aws_elasticache_replication_group.main.primary_endpoint_address
}
'''
    return main, variables, outputs


def module_alb(rng):
    main = '''resource "aws_security_group" "alb" {
  name   = "${var.project_name}-alb"
  vpc_id = var.vpc_id
  dynamic "ingress" {
    for_each = toset([80, 443])
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_lb" "main" {
  name                       = "${var.project_name}-${var.environment}"
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.alb.id]
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = var.environment == "prod"
  access_logs {
    bucket  = "${var.project_name}-logs"
    enabled = true
  }
}

resource "aws_lb_target_group" "app" {
  name        = "${var.project_name}-tg"
  port        = 3000
  protocol    = "HTTP"
  vpc_id      = var.vpc_id
  target_type = "ip"
  health_check {
    path    = "/health"
    matcher = "200"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
'''
    variables = _common_vars() + '''
variable "vpc_id" {
  type = string
}
variable "subnet_ids" {
  type = list(string)
}
variable "certificate_arn" {
  type    = string
  default = "arn:aws:acm:ap-northeast-2:111122223333:certificate/abc"
}
''' + _vars(rng, "alb", rng.randint(8, 20))
    outputs = '''output "security_group_id" {
  value = aws_security_group.alb.id
}

output "target_group_arn" {
  value = aws_lb_target_group.app.arn
}
'''
    return main, variables, outputs


def module_s3(rng):
    buckets = rng.randint(2, 5)
    main = '''locals {
  buckets = { for i in range(%d) : "bucket-${i}" => i }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "${var.project_name}-${var.environment}-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
''' % buckets
    variables = _common_vars() + _vars(rng, "s3", rng.randint(5, 15))
    outputs = '''output "bucket_ids" {
  value = [for b in aws_s3_bucket.this : b.id]
}
'''
    return main, variables, outputs


def module_iam(rng):
    main = '''data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.project_name}-${var.environment}-execution"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "execution" {
  name = "execution"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:*:*:log-group:/ecs/${var.project_name}*"
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:*:*:secret:${var.project_name}/*"
      },
    ]
  })
}
'''
    variables = _common_vars() + _vars(rng, "iam", rng.randint(5, 12))
    outputs = '''output "execution_role_arn" {
  value = aws_iam_role.execution.arn
}
'''
    return main, variables, outputs


BUILDERS = {
    "vpc": module_vpc, "ecs": module_ecs, "rds": module_rds,
    "elasticache": module_elasticache, "alb": module_alb, "s3": module_s3, "iam": module_iam,
}


def root_files(rng, env, project):
    main = '''terraform {
  backend "s3" {
    bucket         = "%s-terraform-state"
    key            = "%s/terraform.tfstate"
    region         = "ap-northeast-2"
    encrypt        = true
    dynamodb_table = "%s-terraform-locks"
  }
}

provider "aws" {
  region = "ap-northeast-2"
}

locals {
  tags = {
    Project     = var.project_name
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}

module "vpc" {
  source       = "../../modules/vpc"
  project_name = var.project_name
  environment  = var.environment
  tags         = local.tags
  vpc_cidr     = var.vpc_cidr
}

module "iam" {
  source       = "../../modules/iam"
  project_name = var.project_name
  environment  = var.environment
}

module "alb" {
  source       = "../../modules/alb"
  project_name = var.project_name
  environment  = var.environment
  vpc_id       = module.vpc.vpc_id
  subnet_ids   = module.vpc.public_subnet_ids
}

module "ecs" {
  source                = "../../modules/ecs"
  project_name          = var.project_name
  environment           = var.environment
  vpc_id                = module.vpc.vpc_id
  subnet_ids            = module.vpc.app_subnet_ids
  alb_security_group_id = module.alb.security_group_id
  target_group_arn      = module.alb.target_group_arn
  execution_role_arn    = module.iam.execution_role_arn
  desired_count         = var.desired_count
  min_capacity          = var.desired_count
}

module "rds" {
  source                = "../../modules/rds"
  project_name          = var.project_name
  environment           = var.environment
  vpc_id                = module.vpc.vpc_id
  subnet_ids            = module.vpc.data_subnet_ids
  app_security_group_id = module.ecs.tasks_security_group_id
  instance_class        = var.db_instance_class
}

module "redis" {
  source                = "../../modules/elasticache"
  project_name          = var.project_name
  environment           = var.environment
  vpc_id                = module.vpc.vpc_id
  subnet_ids            = module.vpc.data_subnet_ids
  app_security_group_id = module.ecs.tasks_security_group_id
}

module "storage" {
  source       = "../../modules/s3"
  project_name = var.project_name
  environment  = var.environment
}

resource "aws_ecr_repository" "app" {
  for_each             = toset(var.repositories)
  name                 = "${var.project_name}-${each.key}"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  for_each   = aws_ecr_repository.app
  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the last 10 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 10
      }
      action = { type = "expire" }
    }]
  })
}
''' % (project, env, project)
    variables = '''variable "project_name" {
  type = string
}

variable "environment" {
  type = string
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "desired_count" {
  type    = number
  default = 1
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.micro"
}

variable "repositories" {
  type    = list(string)
  default = ["frontend", "backend"]
}
''' + _vars(rng, "root", rng.randint(20, 60))
    outputs = '''output "vpc_id" {
  value = module.vpc.vpc_id
}

output "db_endpoint" {
  value = module.rds.endpoint
}
'''
    prod = env == "prod"
    tfvars = '''project_name      = "%s"
environment       = "%s"
vpc_cidr          = "10.%d.0.0/16"
desired_count     = %d
db_instance_class = "%s"
''' % (project, env, rng.randint(0, 200), 2 if prod else 1,
       "db.r6g.large" if prod else "db.t4g.micro")
    return {"main.tf": main, "variables.tf": variables, "outputs.tf": outputs,
            "terraform.tfvars": tfvars}


FILES_PER_PROJECT = len(MODULES) * 3 + 2 * 4


def generate(out_dir, files, seed=1):
    """Writes about `files` files; returns (files written, bytes written)."""
    rng = random.Random(seed)
    projects = max(1, round(files / FILES_PER_PROJECT))
    count = size = 0
    for p in range(projects):
        name = "project-%05d" % p
        base = os.path.join(out_dir, name)
        contents = {}
        for m in MODULES:
            main, variables, outputs = BUILDERS[m](rng)
            for fname, text in (("main.tf", main), ("variables.tf", variables),
                                ("outputs.tf", outputs)):
                contents[os.path.join("modules", m, fname)] = text
        for env in ("dev", "prod"):
            for fname, text in root_files(rng, env, name).items():
                contents[os.path.join("environments", env, fname)] = text
        for rel, text in contents.items():
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = text.encode()
            with open(path, "wb") as f:
                f.write(data)
            count += 1
            size += len(data)
    return count, size


def generate_bench(out_dir, files):
    """The corpus tools/bench measures: generate()'s projects in a directory of
    its own (a project root), plus precommit_module(). Returns (files, bytes)."""
    os.makedirs(os.path.join(out_dir, ".git"), exist_ok=True)
    n, size = generate(out_dir, files)
    # The pre-commit module is part of every corpus, so every tool sees it.
    for rel in precommit_module(out_dir):
        n += 1
        size += os.path.getsize(os.path.join(out_dir, rel))
    return n, size


def precommit_module(corpus_dir):
    """A library module of 20 files inside the corpus; returns its file paths."""
    d = os.path.join(corpus_dir, "shared-modules", "platform")
    if not os.path.isdir(d):
        os.makedirs(d)
        rng = random.Random(7)
        names = list(BUILDERS)
        for i in range(20):
            main, variables, _ = BUILDERS[names[i % len(names)]](rng)
            text = main if i < 14 else variables
            # Declarations made unique per file; references to the renamed
            # ones dangle and evaluate to unknown, which is fine here.
            text = re.sub(r'^(resource|data) "(\w+)" "(\w+)"', r'\1 "\2" "\3_p%d"' % i, text,
                          flags=re.M)
            text = re.sub(r'^(variable|output) "(\w+)"', r'\1 "p%d_\2"' % i, text, flags=re.M)
            text = re.sub(r'^  (\w+)(\s*)=', r'  p%d_\1\2=' % i, text, flags=re.M) \
                if text.startswith("locals") else text
            with open(os.path.join(d, "part-%02d.tf" % i), "w") as f:
                f.write(text)
    return sorted(os.path.join("shared-modules", "platform", f) for f in os.listdir(d))
