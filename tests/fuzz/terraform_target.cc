// Terraform: the input is a module's main.tf, optionally followed by a line
// "#####" and a second file that serves as the root's terraform.tfvars and
// as `t.tpl` for file() and templatefile(). Evaluated as a production root,
// then checked and reported like a scan.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "checker/terraform/config.h"
#include "checker/terraform/evaluator.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

namespace {

// What secrets-no-plaintext finds in the variables' objects among `resources`.
using VariableFinding = std::tuple<std::string, std::string, uint32_t, uint32_t, std::string>;
std::set<VariableFinding> VariableFindings(const std::vector<Resource>& resources,
                                           const Rule& rule) {
  Graph g(FuzzEnvironment());
  for (const Resource& r : resources) {
    if (r.kind == "terraform_variable") g.Add(Resource(r));
  }
  g.Seal();
  RuleContext ctx(g, rule);
  for (const auto& r : g.resources()) rule.check(*r, ctx);
  std::set<VariableFinding> out;
  for (const Finding& f : ctx.findings()) {
    out.emplace(f.resource, f.attribute, f.primary.begin, f.primary.end, f.message);
  }
  return out;
}

}  // namespace

int Terraform(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  std::string main_text = *text, extra_text;
  if (size_t cut = main_text.find("\n#####\n"); cut != std::string::npos) {
    extra_text = main_text.substr(cut + 7);
    main_text.resize(cut + 1);
  }
  SourceFile main_source("main.tf", "/fuzz/main.tf", main_text);
  SourceFile extra_source("t.tpl", "/fuzz/t.tpl", extra_text);
  auto main = hcl::ParseFile(main_source);
  if (main->error) return 0;
  auto module = tf::BuildModuleConfig("/fuzz", "fuzz", {main.get()});

  tf::EvalOptions options;
  auto vars = hcl::ParseFile(extra_source);
  tf::ModuleConfig none;
  tf::Evaluator var_eval(none, tf::EvalOptions{});
  if (!vars->error && vars->body) {
    tf::Scope empty;
    for (const hcl::Attribute& a : vars->body->attributes) {
      options.inputs[std::string(a.name())] = tf::RootInput{var_eval.Eval(a.expr, empty)};
    }
  }
  options.read_file = [&](const std::string& path, std::string* error) -> const SourceFile* {
    if (path == main_source.real_path()) return &main_source;
    if (path == extra_source.real_path()) return &extra_source;
    *error = "no such file";
    return nullptr;
  };
  std::map<const SourceFile*, std::unique_ptr<hcl::File>> templates;
  options.parse_template = [&](const SourceFile& f) -> const hcl::File* {
    auto& slot = templates[&f];
    if (!slot) slot = hcl::ParseTemplate(f);
    return slot.get();
  };

  // A scan builds no object for a variable the secrets rule says from its
  // text it can find nothing in (Rule::reads_variable): it must find the
  // same either way.
  const Rule& secrets = *FindRule("secrets-no-plaintext");
  tf::EvalOptions filtered = options;
  filtered.variable_read = secrets.reads_variable;

  tf::Evaluator ev(*module, std::move(options));
  ev.Run();
  for (const auto& [name, output] : module->outputs) (void)ev.Output(name);
  std::vector<Resource> resources = ev.TakeResources();
  std::set<VariableFinding> all = VariableFindings(resources, secrets);
  CheckResources(FuzzEnvironment(), std::move(resources));

  tf::Evaluator ev_filtered(*module, std::move(filtered));
  ev_filtered.Run();
  std::set<VariableFinding> some = VariableFindings(ev_filtered.TakeResources(), secrets);
  bool stopped = false;  // out of steps: the two runs stop at different places
  for (const Diagnostic& d : ev.diagnostics()) {
    stopped = stopped || d.message.find("evaluation stopped") != std::string::npos;
  }
  if (all != some && !stopped) {
    std::fprintf(stderr,
                 "secrets-no-plaintext found %zu findings in variables, %zu without "
                 "the objects it says it need not read\n",
                 all.size(), some.size());
    std::abort();
  }
  return 0;
}

}  // namespace infracheck::fuzz
