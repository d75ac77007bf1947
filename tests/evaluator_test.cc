// The Terraform evaluator: operators, templates, for expressions, splats,
// unknown propagation, count/for_each addressing, dynamic blocks, modules,
// type conversion and provenance. Inputs are HCL string literals.
#include "checker/terraform/evaluator.h"

#include <gtest/gtest.h>

#include "checker/inspect.h"
#include "checker/terraform/config.h"

namespace infracheck::tf {
namespace {

// Builds modules from source text and evaluates them.
class EvalTest : public ::testing::Test {
 protected:
  // Adds a module directory made of one file.
  ModuleConfig* Module(const std::string& dir, const std::string& text) {
    sources_.push_back(
        std::make_unique<SourceFile>(dir + "/main.tf", "/p/" + dir + "/main.tf", text));
    files_.push_back(hcl::ParseFile(*sources_.back()));
    const hcl::File* f = files_.back().get();
    EXPECT_FALSE(f->error) << f->error->message << " at " << f->error->line << ":"
                           << f->error->column;
    modules_.push_back(BuildModuleConfig("/p/" + dir, dir, {f}));
    return modules_.back().get();
  }
  // Links a call in `caller` to `target`.
  static void Link(ModuleConfig* caller, const std::string& call, ModuleConfig* target) {
    caller->calls.at(call).target = target;
  }
  // Evaluates `expr` as an output of a root made of `decls`.
  Value E(const std::string& expr, const std::string& decls = "",
          const std::map<std::string, Value>& inputs = {}) {
    ModuleConfig* m = Module("root" + std::to_string(modules_.size()),
                             decls + "\noutput \"x\" {\n  value = " + expr + "\n}\n");
    EvalOptions opts;
    for (auto& [k, v] : inputs) opts.inputs[k] = RootInput{v, "value set here"};
    evaluators_.push_back(std::make_unique<Evaluator>(*m, std::move(opts)));
    return evaluators_.back()->Output("x");
  }
  std::string J(const Value& v) { return ValueToJson(v).dump(); }
  std::string EJ(const std::string& expr, const std::string& decls = "") {
    return J(E(expr, decls));
  }

  // Resources (without configuration pieces, unless asked for).
  std::vector<Resource> Run(ModuleConfig* root, EvalOptions opts = {}, bool config = false) {
    evaluators_.push_back(std::make_unique<Evaluator>(*root, std::move(opts)));
    evaluators_.back()->Run();
    std::vector<Resource> all = evaluators_.back()->TakeResources();
    std::erase_if(all,
                  [&](const Resource& r) { return !config && r.mode == ResourceMode::kConfig; });
    return all;
  }

  std::vector<std::unique_ptr<SourceFile>> sources_;
  std::vector<std::unique_ptr<hcl::File>> files_;
  std::vector<std::unique_ptr<ModuleConfig>> modules_;
  std::vector<std::unique_ptr<Evaluator>> evaluators_;
};

TEST_F(EvalTest, Literals) {
  EXPECT_EQ(EJ("1.5"), "1.5");
  EXPECT_EQ(EJ("true"), "true");
  EXPECT_EQ(EJ("null"), "null");
  EXPECT_EQ(EJ("\"a\\tb\\\"c\\u00e9\""), "\"a\\tb\\\"cé\"");
  EXPECT_EQ(EJ("[1, \"a\", [true]]"), "[1,\"a\",[true]]");
  EXPECT_EQ(EJ("{ b = 1, \"a\" = 2, c: 3 }"), "{\"a\":2,\"b\":1,\"c\":3}");
}

TEST_F(EvalTest, Arithmetic) {
  EXPECT_EQ(EJ("1 + 2 * 3"), "7");
  EXPECT_EQ(EJ("(1 + 2) * 3"), "9");
  EXPECT_EQ(EJ("10 / 4"), "2.5");
  EXPECT_EQ(EJ("7 % 3"), "1");
  EXPECT_EQ(EJ("-2 - -3"), "1");
  EXPECT_EQ(EJ("\"5\" + 1"), "6");  // numeric strings convert in arithmetic
  EXPECT_EQ(EJ("1 / 0"), "{\"__unknown__\":true}");
  EXPECT_EQ(EJ("\"a\" + 1"), "{\"__unknown__\":true}");
}

TEST_F(EvalTest, Comparisons) {
  EXPECT_EQ(EJ("2 > 1"), "true");
  EXPECT_EQ(EJ("2 <= 1"), "false");
  EXPECT_EQ(EJ("\"a\" == \"a\""), "true");
  EXPECT_EQ(EJ("\"1\" == 1"), "false");  // no conversion for ==
  EXPECT_EQ(EJ("[1, 2] == [1, 2]"), "true");
  EXPECT_EQ(EJ("{a = 1} != {a = 2}"), "true");
  EXPECT_EQ(EJ("null == null"), "true");
}

TEST_F(EvalTest, Logic) {
  EXPECT_EQ(EJ("true && false"), "false");
  EXPECT_EQ(EJ("true || false"), "true");
  EXPECT_EQ(EJ("!true"), "false");
  EXPECT_EQ(EJ("\"true\" && true"), "true");
}

TEST_F(EvalTest, UnknownPropagates) {
  std::string decls = "variable \"u\" {}\n";
  EXPECT_TRUE(E("var.u", decls).is_unknown());
  EXPECT_TRUE(E("var.u == \"x\"", decls).is_unknown());
  EXPECT_TRUE(E("var.u + 1", decls).is_unknown());
  EXPECT_TRUE(E("\"a-${var.u}\"", decls).is_unknown());
  EXPECT_TRUE(E("var.u ? 1 : 2", decls).is_unknown());
  EXPECT_TRUE(E("!var.u", decls).is_unknown());
  EXPECT_TRUE(E("var.u.attr", decls).is_unknown());
  EXPECT_TRUE(E("var.u[0]", decls).is_unknown());
  EXPECT_TRUE(E("[for x in var.u : x]", decls).is_unknown());
  // A known false decides && whatever the other side is (as cty does).
  EXPECT_EQ(J(E("false && var.u", decls)), "false");
  EXPECT_EQ(J(E("var.u || true", decls)), "true");
  EXPECT_TRUE(E("true && var.u", decls).is_unknown());
  // A list keeps its known elements.
  EXPECT_EQ(J(E("[1, var.u]", decls)), "[1,{\"__unknown__\":true}]");
}

TEST_F(EvalTest, Conditionals) {
  EXPECT_EQ(EJ("true ? \"a\" : \"b\""), "\"a\"");
  EXPECT_EQ(EJ("1 > 2 ? \"a\" : \"b\""), "\"b\"");
  EXPECT_EQ(EJ("\"x\" == \"x\" ? 1 : 2"), "1");
  EXPECT_EQ(EJ("\"maybe\" ? 1 : 2"), "{\"__unknown__\":true}");
}

TEST_F(EvalTest, Templates) {
  EXPECT_EQ(EJ("\"a-${1 + 1}-b\""), "\"a-2-b\"");
  EXPECT_EQ(EJ("\"${[1, 2]}\""), "[1,2]");  // a lone interpolation keeps its type
  EXPECT_EQ(EJ("\"${true}!\""), "\"true!\"");
  EXPECT_EQ(EJ("\"$${literal} %%{also}\""), "\"${literal} %{also}\"");
  EXPECT_EQ(EJ("\"%{if true}yes%{else}no%{endif}\""), "\"yes\"");
  EXPECT_EQ(EJ("\"%{for x in [1, 2]}<${x}>%{endfor}\""), "\"<1><2>\"");
  EXPECT_EQ(EJ("\"%{for k, v in {a = 1}}${k}=${v}%{endfor}\""), "\"a=1\"");
  EXPECT_EQ(EJ("\"a %{~ if true ~} b %{~ endif ~} c\""), "\"abc\"");
  EXPECT_EQ(EJ("\"x ${~ \"y\" ~} z\""), "\"xyz\"");
  EXPECT_EQ(EJ("\"a ${null}\""), "{\"__unknown__\":true}");
}

TEST_F(EvalTest, Heredocs) {
  EXPECT_EQ(EJ("<<EOT\n  one\n  ${1 + 1}\nEOT\n"), "\"  one\\n  2\\n\"");
  EXPECT_EQ(EJ("<<-EOT\n    one\n      two\n    EOT\n"), "\"one\\n  two\\n\"");
  EXPECT_EQ(EJ("<<EOT\nquote \" and \\n stay\nEOT\n"), "\"quote \\\" and \\\\n stay\\n\"");
}

TEST_F(EvalTest, ForExpressions) {
  EXPECT_EQ(EJ("[for x in [1, 2, 3] : x * 2]"), "[2,4,6]");
  EXPECT_EQ(EJ("[for i, x in [\"a\", \"b\"] : \"${i}${x}\"]"), "[\"0a\",\"1b\"]");
  EXPECT_EQ(EJ("[for x in [1, 2, 3] : x if x != 2]"), "[1,3]");
  EXPECT_EQ(EJ("{for k, v in {a = 1, b = 2} : v => k}"), "{\"1\":\"a\",\"2\":\"b\"}");
  EXPECT_EQ(EJ("{for s in [\"x1\", \"x2\", \"y1\"] : substr_key(s) => s...}"),
            "{\"__unknown__\":true}");  // unknown key (unknown function) makes it unknown
  EXPECT_EQ(EJ("{for s in [\"a\", \"b\", \"a\"] : s => s...}"),
            "{\"a\":[\"a\",\"a\"],\"b\":[\"b\"]}");
  EXPECT_EQ(EJ("{for s in [\"a\", \"a\"] : s => s}"), "{\"__unknown__\":true}");  // duplicate key
}

TEST_F(EvalTest, SplatsAndIndexes) {
  std::string decls =
      "locals {\n  l = [{ id = 1, t = [5] }, { id = 2, t = [6] }]\n  o = { id = 3 }\n}\n";
  EXPECT_EQ(EJ("local.l[*].id", decls), "[1,2]");
  EXPECT_EQ(EJ("local.l.*.id", decls), "[1,2]");
  EXPECT_EQ(EJ("local.l[*].t[0]", decls), "[5,6]");
  EXPECT_EQ(EJ("local.l.*.t[0]", decls), "[5]");  // attr-only splat: index applies to the result
  EXPECT_EQ(EJ("local.o[*].id", decls), "[3]");
  EXPECT_EQ(EJ("null[*]", decls), "[]");
  EXPECT_EQ(EJ("local.l[1].id", decls), "2");
  EXPECT_EQ(EJ("local.l.0.id", decls), "1");
  EXPECT_EQ(EJ("local.o[\"id\"]", decls), "3");
  EXPECT_TRUE(E("local.l[5]", decls).is_unknown());  // out of range: an error, unknown
  EXPECT_TRUE(E("local.o.missing", decls).is_unknown());
}

TEST_F(EvalTest, LocalsAndCycles) {
  std::string decls = "locals {\n  a = local.b + 1\n  b = 2\n  c = local.d\n  d = local.c\n}\n";
  EXPECT_EQ(EJ("local.a", decls), "3");
  EXPECT_TRUE(E("local.c", decls).is_unknown());
  ASSERT_FALSE(evaluators_.back()->diagnostics().empty());
  EXPECT_NE(evaluators_.back()->diagnostics()[0].message.find("depends on itself"),
            std::string::npos);
}

TEST_F(EvalTest, SplatsAreBoundedLikeEveryValueBuilt) {
  // A full splat over a scalar wraps it in a list, so a reference with splats
  // builds a value: it is refused when too large, like any other value built.
  EXPECT_EQ(E("local.l[*][*][*]", "locals {\n  l = [\"a\"]\n}\n").depth(), 3u);
  // 256,000 numbers (range() makes at most 1,024 at a time).
  std::string decls = "locals {\n  l0 = range(1000)\n";
  for (int i = 1; i <= 8; ++i) {
    decls += "  l" + std::to_string(i) + " = concat(local.l" + std::to_string(i - 1) + ", local.l" +
             std::to_string(i - 1) + ")\n";
  }
  decls += "}\n";
  EXPECT_EQ(E("local.l8[*]", decls).tree_size(), 256001u);
  // Each number in three more lists: over a million values.
  EXPECT_TRUE(E("local.l8[*][*][*][*]", decls).is_unknown());
  ASSERT_FALSE(evaluators_.back()->diagnostics().empty());
  EXPECT_NE(evaluators_.back()->diagnostics()[0].message.find("too large to check"),
            std::string::npos);
}

TEST_F(EvalTest, TryAndCan) {
  std::string decls = "locals {\n  o = { a = 1 }\n}\nvariable \"u\" {}\n";
  EXPECT_EQ(EJ("try(local.o.missing, \"fallback\")", decls), "\"fallback\"");
  EXPECT_EQ(EJ("try(local.o.a, \"fallback\")", decls), "1");
  EXPECT_EQ(EJ("can(local.o.missing)", decls), "false");
  EXPECT_EQ(EJ("can(local.o.a)", decls), "true");
  EXPECT_TRUE(E("try(var.u, 1)", decls).is_unknown());  // unknown is not an error
  EXPECT_TRUE(E("can(var.u)", decls).is_unknown());
}

TEST_F(EvalTest, VariablesAndTypes) {
  std::string decls = R"(
variable "n" {
  type = number
}
variable "flags" {
  type = list(bool)
}
variable "cfg" {
  type = object({
    name = string
    size = optional(number, 20)
    tags = optional(map(string))
  })
}
variable "with_default" {
  default = "d"
}
variable "names" {
  type = list(string)
}
variable "labels" {
  type = map(string)
}
variable "zones" {
  type = list(string)
}
)";
  std::map<std::string, Value> in = {
      {"n", Value::String("5")},
      {"flags", Value::List({Value::String("true"), Value::Bool(false)})},
      {"cfg", Value::Object({{"name", Value::String("db"), {}}, {"extra", Value::Number(1), {}}})},
      // Converted from the second element or field on: the first is kept.
      {"names", Value::List({Value::String("a"), Value::Number(1), Value::String("c")})},
      {"labels", Value::Object({{"a", Value::String("x"), {}}, {"b", Value::Bool(true), {}}})},
      {"zones", Value::List({Value::String("a"), Value::String("b")})}};
  EXPECT_EQ(J(E("var.n + 1", decls, in)), "6");
  EXPECT_EQ(J(E("var.flags", decls, in)), "[true,false]");
  EXPECT_EQ(J(E("var.names", decls, in)), "[\"a\",\"1\",\"c\"]");
  EXPECT_EQ(J(E("var.labels", decls, in)), "{\"a\":\"x\",\"b\":\"true\"}");
  // Already of its type: the very same list, passed on.
  EXPECT_TRUE(E("var.zones", decls, in).SharesPayload(in.at("zones")));
  EXPECT_EQ(J(E("var.cfg", decls, in)), "{\"name\":\"db\",\"size\":20,\"tags\":null}");
  EXPECT_EQ(J(E("var.with_default", decls, in)), "\"d\"");
}

// A collection of a primitive type is one shared object per kind and element
// type (a variables file declares hundreds of `map(string)`); others are
// built per declaration.
TEST_F(EvalTest, CollectionsOfPrimitivesAreShared) {
  ModuleConfig* m = Module("types", R"(
variable "a" { type = map(string) }
variable "b" { type = map(string) }
variable "c" { type = list(string) }
variable "d" { type = set(number) }
variable "e" { type = list(list(string)) }
variable "f" { type = list(list(string)) }
)");
  auto type = [&](const char* name) { return m->FindVariable(name)->type; };
  EXPECT_EQ(type("a"), type("b"));
  EXPECT_NE(type("a"), type("c"));
  EXPECT_EQ(type("c")->kind, Type::Kind::kList);
  EXPECT_EQ(type("c")->elem->kind, Type::Kind::kString);
  EXPECT_EQ(type("d")->kind, Type::Kind::kSet);
  EXPECT_EQ(type("d")->elem->kind, Type::Kind::kNumber);
  EXPECT_NE(type("e"), type("f"));
  EXPECT_EQ(type("e")->elem.get(), type("c"));
}

TEST_F(EvalTest, CountInstances) {
  ModuleConfig* m = Module("count", R"(
resource "aws_subnet" "s" {
  count      = 2
  cidr_block = "10.0.${count.index}.0/24"
}
resource "aws_subnet" "none" {
  count = 0
}
variable "u" {}
resource "aws_subnet" "unknown" {
  count      = var.u
  cidr_block = "10.1.${count.index}.0/24"
  vpc_id     = "vpc-1"
}
)");
  std::vector<Resource> rs = Run(m);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].address, "aws_subnet.s[0]");
  EXPECT_EQ(rs[0].Get("cidr_block")->str(), "10.0.0.0/24");
  EXPECT_EQ(rs[1].address, "aws_subnet.s[1]");
  EXPECT_EQ(rs[1].Get("cidr_block")->str(), "10.0.1.0/24");
  // An unknown count: one stand-in instance, its known settings still there.
  EXPECT_EQ(rs[2].address, "aws_subnet.unknown");
  EXPECT_TRUE(rs[2].unknown_count);
  EXPECT_TRUE(rs[2].Get("cidr_block")->is_unknown());
  EXPECT_EQ(rs[2].Get("vpc_id")->str(), "vpc-1");
}

TEST_F(EvalTest, ForEachInstances) {
  ModuleConfig* m = Module("foreach", R"(
resource "aws_ecr_repository" "map" {
  for_each = { b = "two", "a.x" = "one" }
  name     = "${each.key}-${each.value}"
}
resource "aws_ecr_repository" "set" {
  for_each = toset_literal
  name     = each.key
}
resource "aws_ecr_repository" "list" {
  for_each = ["z", "y", "z"]
  name     = each.value
}
)");
  std::vector<Resource> rs = Run(m);
  ASSERT_EQ(rs.size(), 5u);
  EXPECT_EQ(rs[0].address, "aws_ecr_repository.map[\"a.x\"]");
  EXPECT_EQ(rs[0].Get("name")->str(), "a.x-one");
  EXPECT_EQ(rs[1].address, "aws_ecr_repository.map[\"b\"]");
  // An unresolvable for_each (undefined name): one stand-in instance.
  EXPECT_EQ(rs[2].address, "aws_ecr_repository.set");
  EXPECT_TRUE(rs[2].unknown_count);
  EXPECT_EQ(rs[3].address, "aws_ecr_repository.list[\"y\"]");
  EXPECT_EQ(rs[4].address, "aws_ecr_repository.list[\"z\"]");
}

TEST_F(EvalTest, DynamicBlocks) {
  ModuleConfig* m = Module("dynamic", R"(
variable "u" {}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = { http = 80, https = 443 }
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value
      to_port     = rule.value
    }
  }
  egress {
    from_port = 0
  }
}
resource "aws_security_group" "unknown" {
  dynamic "ingress" {
    for_each = var.u
    content {
      from_port = ingress.value
    }
  }
}
)");
  std::vector<Resource> rs = Run(m);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(J(*rs[0].Get("ingress")),
            "[{\"description\":\"http\",\"from_port\":80,\"to_port\":80},"
            "{\"description\":\"https\",\"from_port\":443,\"to_port\":443}]");
  EXPECT_EQ(J(*rs[0].Get("egress")), "[{\"from_port\":0}]");
  EXPECT_TRUE(rs[1].Get("ingress")->is_unknown());
}

TEST_F(EvalTest, MetaArgumentsAreNotAttributes) {
  ModuleConfig* m = Module("meta", R"(
resource "aws_s3_bucket" "b" {
  count  = 1
  bucket = "b"
  depends_on = []
  lifecycle {
    prevent_destroy = true
  }
}
)");
  std::vector<Resource> rs = Run(m);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(J(rs[0].attributes), "{\"bucket\":\"b\"}");
}

TEST_F(EvalTest, ResourceReferences) {
  ModuleConfig* m = Module("refs", R"(
resource "aws_security_group" "alb" {
  name = "alb-sg"
}
resource "aws_lb" "main" {
  name            = "${aws_security_group.alb.name}-lb"
  security_groups = [aws_security_group.alb.id]
}
)");
  std::vector<Resource> rs = Run(m);
  ASSERT_EQ(rs.size(), 2u);
  const Resource& lb = rs[1];
  EXPECT_EQ(lb.Get("name")->str(), "alb-sg-lb");
  const Value& id = lb.Get("security_groups")->items()[0];
  EXPECT_TRUE(id.is_unknown());
  ASSERT_EQ(id.refs().size(), 1u);
  EXPECT_EQ(id.refs()[0].address, "aws_security_group.alb");
  EXPECT_EQ(id.refs()[0].attribute, "id");
}

TEST_F(EvalTest, ModulesPassInputsAndOutputs) {
  ModuleConfig* child = Module("modules/db", R"(
variable "name" {}
variable "size" {
  default = 10
}
resource "aws_db_instance" "this" {
  identifier        = var.name
  allocated_storage = var.size
}
output "name" {
  value = aws_db_instance.this.identifier
}
)");
  ModuleConfig* root = Module("env", R"(
variable "env" {
  default = "dev"
}
module "db" {
  source = "../modules/db"
  count  = 2
  name   = "app-${var.env}-${count.index}"
}
module "single" {
  source = "../modules/db"
  name   = "single"
  size   = 50
}
resource "aws_ssm_parameter" "p" {
  name  = "/x"
  type  = "String"
  value = module.single.name
}
)");
  Link(root, "db", child);
  Link(root, "single", child);
  std::vector<Resource> rs = Run(root);
  ASSERT_EQ(rs.size(), 4u);
  EXPECT_EQ(rs[0].address, "aws_ssm_parameter.p");
  EXPECT_EQ(rs[0].Get("value")->str(), "single");
  EXPECT_EQ(rs[1].address, "module.db[0].aws_db_instance.this");
  EXPECT_EQ(rs[1].Get("identifier")->str(), "app-dev-0");
  EXPECT_EQ(rs[1].Get("allocated_storage")->number(), 10);
  EXPECT_EQ(rs[1].module_path, "module.db[0]");
  EXPECT_EQ(rs[2].address, "module.db[1].aws_db_instance.this");
  EXPECT_EQ(rs[3].address, "module.single.aws_db_instance.this");
  EXPECT_EQ(rs[3].Get("allocated_storage")->number(), 50);
}

TEST_F(EvalTest, ModuleCallingItselfStops) {
  ModuleConfig* loop = Module("loop", R"(
module "again" {
  source = "./"
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
)");
  Link(loop, "again", loop);
  std::vector<Resource> rs = Run(loop);
  EXPECT_EQ(rs.size(), 1u);
  ASSERT_FALSE(evaluators_.back()->diagnostics().empty());
  EXPECT_NE(evaluators_.back()->diagnostics()[0].message.find("calls itself"), std::string::npos);
}

TEST_F(EvalTest, ProvenanceFollowsModuleInputs) {
  ModuleConfig* child = Module("modules/rds", R"(
variable "multi_az" {}
resource "aws_db_instance" "this" {
  multi_az = var.multi_az
}
)");
  ModuleConfig* root = Module("prod", R"(
variable "rds_multi_az" {}
module "rds" {
  source   = "../modules/rds"
  multi_az = var.rds_multi_az
}
)");
  Link(root, "rds", child);
  SourceFile tfvars("prod/terraform.tfvars", "/p/prod/terraform.tfvars", "rds_multi_az = false\n");
  EvalOptions opts;
  opts.inputs["rds_multi_az"] =
      RootInput{Value::Bool(false, Span{&tfvars, 15, 20}), "value set here"};
  std::vector<Resource> rs = Run(root, std::move(opts));
  ASSERT_EQ(rs.size(), 1u);
  const Value* v = rs[0].Get("multi_az");
  ASSERT_NE(v, nullptr);
  EXPECT_FALSE(v->bool_value());
  EXPECT_EQ(v->origin().file->path(), "modules/rds/main.tf");
  ASSERT_EQ(v->hops().size(), 2u);
  EXPECT_STREQ(v->hops()[0].note, "module input");
  EXPECT_EQ(v->hops()[0].span.file->path(), "prod/main.tf");
  EXPECT_STREQ(v->hops()[1].note, "value set here");
  EXPECT_EQ(v->hops()[1].span.file, &tfvars);
}

TEST_F(EvalTest, ConfigurationPiecesAreResourcesToo) {
  ModuleConfig* child = Module("modules/app", R"(
variable "db_password" {
  default = "hunter2"
}
locals {
  token = "abc"
}
)");
  ModuleConfig* root = Module("root", R"(
terraform {
  backend "s3" {
    bucket = "state"
    key    = "app.tfstate"
  }
}
variable "api_key" {}
module "a" {
  source      = "../modules/app"
  count       = 2
  db_password = "s3cret"
}
)");
  Link(root, "a", child);
  EvalOptions opts;
  opts.inputs["api_key"] = RootInput{Value::String("k"), "value set here"};
  std::vector<Resource> rs = Run(root, std::move(opts), true);
  std::vector<std::string> addresses;
  for (const Resource& r : rs) {
    if (r.mode == ResourceMode::kConfig) addresses.push_back(r.kind + " " + r.address);
  }
  // Once per declaration, though the module is instantiated twice.
  EXPECT_EQ(addresses, (std::vector<std::string>{
                           "terraform_variable var.api_key",
                           "terraform_module_call module.a",
                           "terraform_backend terraform.backend",
                           "terraform_variable module.a[0].var.db_password",
                           "terraform_local module.a[0].local.token",
                       }));
  EXPECT_EQ(J(rs[0].attributes), "{\"name\":\"api_key\",\"value\":\"k\"}");
  EXPECT_EQ(J(rs[1].attributes), "{\"db_password\":\"s3cret\"}");
  EXPECT_EQ(J(rs[2].attributes), "{\"bucket\":\"state\",\"key\":\"app.tfstate\",\"type\":\"s3\"}");
  EXPECT_EQ(J(rs[3].attributes),
            "{\"default\":\"hunter2\",\"name\":\"db_password\",\"value\":\"s3cret\"}");
}

TEST_F(EvalTest, PathAndTerraformValues) {
  EXPECT_EQ(EJ("path.module"), "\".\"");
  EXPECT_EQ(EJ("terraform.workspace"), "\"default\"");
  EXPECT_TRUE(E("path.cwd").is_unknown());
}

}  // namespace
}  // namespace infracheck::tf
