// Evaluator behaviour the Terraform oracle (tools/oracle) found wrong, pinned
// with small in-memory module trees.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checker/inspect.h"
#include "checker/terraform/evaluator.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::tf {
namespace {

// Module directories given as {dir: {file name: text}}; "root" is evaluated.
class Stack {
 public:
  explicit Stack(const std::map<std::string, std::map<std::string, std::string>>& dirs) {
    for (const auto& [dir, files] : dirs) {
      std::vector<const hcl::File*> parsed;
      for (const auto& [name, text] : files) {
        std::string display = dir;
        display += "/";
        display += name;
        std::string path = "/stack/";
        path += display;
        sources_.push_back(std::make_unique<SourceFile>(display, path, text));
        files_.push_back(hcl::ParseFile(*sources_.back()));
        EXPECT_FALSE(files_.back()->error) << path << ": " << files_.back()->error->message;
        parsed.push_back(files_.back().get());
      }
      modules_[dir] = BuildModuleConfig("/stack/" + dir, dir, parsed);
    }
    for (auto& [dir, m] : modules_) {
      for (auto& [name, call] : m->calls) {
        auto target = (std::filesystem::path(m->dir) / call.source).lexically_normal();
        auto it = modules_.find(target.lexically_relative("/stack").generic_string());
        if (call.local && it != modules_.end()) call.target = it->second.get();
      }
    }
  }

  /// Evaluates "root" with the given root inputs; resources by address, as
  /// `inspect --format json` prints their attributes.
  std::map<std::string, nlohmann::ordered_json> Run(
      const std::map<std::string, Value>& inputs = {}) {
    EvalOptions opts;
    for (const auto& [k, v] : inputs) opts.inputs[k] = RootInput{v};
    Evaluator ev(*modules_.at("root"), std::move(opts));
    ev.Run();
    std::map<std::string, nlohmann::ordered_json> out;
    for (const Resource& r : ev.TakeResources()) out[r.address] = ValueToJson(r.attributes);
    return out;
  }

 private:
  std::vector<std::unique_ptr<SourceFile>> sources_;
  std::vector<std::unique_ptr<hcl::File>> files_;
  std::map<std::string, std::unique_ptr<ModuleConfig>> modules_;
};

using Json = nlohmann::ordered_json;

TEST(Evaluator, ModuleInputsOfExpandedCallsOutliveTheExpansion) {
  // The call scope of each instance once pointed at a dead stack frame; with
  // enough evaluation in between, reading count.index/each.* crashed.
  Stack s({{"root", {{"main.tf", R"(
variable "names" { default = { a = "x", b = "y" } }
module "counted" {
  count  = 2
  source = "./mod"
  name   = "c${count.index}"
}
module "each" {
  for_each = var.names
  source   = "./mod"
  name     = "${each.key}-${each.value}-${module.counted[1].name}"
}
)"}}},
           {"root/mod", {{"main.tf", R"(
variable "name" { type = string }
resource "aws_sqs_queue" "q" { name = var.name }
output "name" { value = aws_sqs_queue.q.name }
)"}}}});
  auto r = s.Run();
  EXPECT_EQ(r.at("module.counted[0].aws_sqs_queue.q")["name"], "c0");
  EXPECT_EQ(r.at("module.counted[1].aws_sqs_queue.q")["name"], "c1");
  EXPECT_EQ(r.at("module.each[\"a\"].aws_sqs_queue.q")["name"], "a-x-c1");
  EXPECT_EQ(r.at("module.each[\"b\"].aws_sqs_queue.q")["name"], "b-y-c1");
}

TEST(Evaluator, TemplateWithTrimmedLiteralIsAString) {
  // " ${~1}" keeps an (empty) literal, so it is a string template, not a
  // bare interpolation passing the number through.
  Stack s({{"root", {{"main.tf", R"(
resource "aws_sqs_queue" "q" {
  name          = " ${~1}"
  delay_seconds = "${1}"
}
)"}}}});
  auto r = s.Run();
  EXPECT_EQ(r.at("aws_sqs_queue.q")["name"], "1");
  EXPECT_EQ(r.at("aws_sqs_queue.q")["delay_seconds"], 1);
}

TEST(Evaluator, NullRootInputOfNonNullableVariableTakesTheDefault) {
  Stack s({{"root", {{"main.tf", R"(
variable "label" {
  type     = string
  default  = "fallback"
  nullable = false
}
variable "plain" {
  type    = string
  default = "unused"
}
resource "aws_sqs_queue" "q" {
  name = "${var.label}"
  tags = { plain = var.plain }
}
)"}}}});
  auto r = s.Run({{"label", Value::Null()}, {"plain", Value::Null()}});
  EXPECT_EQ(r.at("aws_sqs_queue.q")["name"], "fallback");
  EXPECT_EQ(r.at("aws_sqs_queue.q")["tags"]["plain"], nullptr);
}

TEST(Evaluator, ConditionalResultsShareATerraformType) {
  Stack s({{"root", {{"main.tf", R"(
variable "list" { default = [] }
resource "terraform_data" "d" {
  input = {
    to_string = true ? 1 : "x"
    from_else = false ? "x" : true
    with_null = true ? 1 : null
    mismatch  = true ? 1 : true
    bad_other = try(true ? 3 : var.list[0], "fallback")
  }
}
)"}}}});
  Json in = s.Run().at("terraform_data.d")["input"];
  EXPECT_EQ(in["to_string"], "1");
  EXPECT_EQ(in["from_else"], "true");
  EXPECT_EQ(in["with_null"], 1);
  EXPECT_EQ(in["mismatch"], Json({{"__unknown__", true}}));
  EXPECT_EQ(in["bad_other"], 3);
}

TEST(Evaluator, ArithmeticIsKnownOnlyWhereDoublesAreExact) {
  // Terraform computes with 512-bit floats: 1/3 prints 155 digits and
  // 0.1 + 0.2 prints 0.3. A double would give another known value.
  Stack s({{"root", {{"main.tf", R"(
resource "aws_ssm_parameter" "p" {
  name = "n"
  type = "String"
  value = "v"
  tags = {
    third   = 1 / 3
    tenth   = 0.1 + 0.2
    quarter = 10 / 4
    mod     = -7 % 3
    frac    = 7.5 % 2
    sum     = 1.5e3 + 0.25
    product = 99999999 * 99999999
    big     = 9007199254740993
    shown   = "${0.1} ${2 * 0.5}"
  }
}
)"}}}});
  Json tags = s.Run().at("aws_ssm_parameter.p")["tags"];
  Json unknown = {{"__unknown__", true}};
  EXPECT_EQ(tags["third"], unknown);
  EXPECT_EQ(tags["tenth"], unknown);
  EXPECT_EQ(tags["quarter"], 2.5);
  EXPECT_EQ(tags["mod"], -1);
  EXPECT_EQ(tags["frac"], 1.5);
  EXPECT_EQ(tags["sum"], 1500.25);
  EXPECT_EQ(tags["product"], unknown);
  EXPECT_EQ(tags["big"], unknown);
  EXPECT_EQ(tags["shown"], "0.1 1");
}

}  // namespace
}  // namespace infracheck::tf
