// The command line: argument parsing, subcommands, output routing, exit codes.
#include "checker/cli.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/baseline.h"
#include "checker/config.h"
#include "checker/inspect.h"
#include "checker/parallel.h"
#include "checker/report.h"
#include "checker/rule_docs.h"
#include "checker/scan.h"
#include "checker/suppressions.h"

namespace infracheck {

namespace {

constexpr std::string_view kUsage = R"(usage: infracheck [PATH...] [options]
       infracheck inspect [PATH...] [--env NAME] [--format json|text]
       infracheck explain RULE-ID
       infracheck --list-rules [--format json]

Checks Terraform (and, where supported, SST, ECS task definitions, IAM and
plan JSON) against the documented AWS requirements, per environment.

options:
  --format FMT          text, json, sarif, junit or github (default text);
                        may repeat, each followed by its own --output
  --output FILE         write the preceding --format there instead of stdout
  --env NAME            only environments of this name
  --config FILE         configuration (default: .infracheck.yml found upward)
  --min-severity LEVEL  report and gate only at or above low|medium|high|critical
  --baseline FILE       report findings recorded in this baseline as suppressed
  --write-baseline FILE record the current findings as the baseline (and accept them)
  --sarif-category NAME SARIF run category (automationDetails.id; default infracheck)
  --soft-fail           exit 0 even with findings
  --root DIR            project root (default: the enclosing git work tree)
  --var NAME=VALUE      set a root module variable (like terraform -var)
  --var-file FILE       apply a variables file to every root (like -var-file)
  -j, --jobs N          worker threads (default: number of cores)
  --max-file-size BYTES skip larger files with a message (default 8388608)
  --timings             print phase times to stderr
  --rule ID             run only this rule (repeatable)
  --policy PATH         also check the team policies in this file or directory
                        (repeatable; see docs/policies.md)
  --list-rules          list the rule catalogue (built-in and team rules)
  --no-color            never colour the text report (also: NO_COLOR=1)
  --version             print the version
  -h, --help            this help

exit codes: 0 no findings at or above the threshold, 1 findings,
            2 usage error, bad config, or an input that could not be parsed
)";

struct Output {
  std::string format;
  std::string file;  // empty: stdout
};

struct Cli {
  std::string command;  // "", "inspect", "explain"
  ScanOptions scan;
  std::vector<Output> outputs;
  std::string config;
  std::optional<Severity> min_severity;
  std::string baseline, write_baseline;
  std::string sarif_category = "infracheck";
  bool soft_fail = false;
  bool list_rules = false;
  bool timings = false;
  bool no_color = false;
  bool help = false;
  bool version = false;
  std::vector<std::string> positional;
  std::vector<std::string> only_rules;
  std::vector<std::string> policies;  ///< --policy files and directories
};

struct UsageError {
  std::string message;
};

bool KnownFormat(const std::string& f) {
  return f == "text" || f == "json" || f == "sarif" || f == "junit" || f == "github";
}

Cli Parse(int argc, char** argv) {
  Cli cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (!args.empty() && (args[0] == "inspect" || args[0] == "explain" || args[0] == "docs")) {
    cli.command = args[0];
    i = 1;
  }
  auto value = [&](const std::string& flag) -> std::string {
    if (i + 1 >= args.size()) throw UsageError{flag + " needs a value"};
    return args[++i];
  };
  bool only_paths = false;
  for (; i < args.size(); ++i) {
    std::string a = args[i];
    std::string inline_value;
    bool has_inline = false;
    if (!only_paths && a.rfind("--", 0) == 0) {
      size_t eq = a.find('=');
      if (eq != std::string::npos && a != "--") {
        inline_value = a.substr(eq + 1);
        a = a.substr(0, eq);
        has_inline = true;
      }
    } else if (!only_paths && (a.rfind("-var=", 0) == 0 || a.rfind("-var-file=", 0) == 0)) {
      // Terraform's own spelling: -var=NAME=VALUE, -var-file=FILE.
      size_t eq = a.find('=');
      inline_value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_inline = true;
    } else if (!only_paths && a.size() > 2 && a.rfind("-j", 0) == 0) {
      inline_value = a.substr(2);  // -j4, as make and ninja take it
      a = "-j";
      has_inline = true;
    }
    auto val = [&](const std::string& flag) { return has_inline ? inline_value : value(flag); };
    if (only_paths || a.empty() || a[0] != '-' || a == "-") {
      cli.positional.push_back(args[i]);
    } else if (a == "--") {
      only_paths = true;
    } else if (a == "--format" || a == "-f") {
      std::string f = val(a);
      if (!KnownFormat(f)) throw UsageError{"unknown format '" + f + "'"};
      cli.outputs.push_back(Output{f, ""});
    } else if (a == "--output" || a == "-o") {
      std::string f = val(a);
      if (cli.outputs.empty()) cli.outputs.push_back(Output{"text", ""});
      if (!cli.outputs.back().file.empty())
        throw UsageError{"--output given twice for one --format"};
      cli.outputs.back().file = f;
    } else if (a == "--env") {
      cli.scan.env = val(a);
    } else if (a == "--config") {
      cli.config = val(a);
    } else if (a == "--min-severity") {
      std::string s = val(a);
      cli.min_severity = ParseSeverity(s);
      if (!cli.min_severity) throw UsageError{"unknown severity '" + s + "'"};
    } else if (a == "--baseline") {
      cli.baseline = val(a);
    } else if (a == "--write-baseline") {
      cli.write_baseline = val(a);
    } else if (a == "--sarif-category") {
      cli.sarif_category = val(a);
      if (cli.sarif_category.empty()) throw UsageError{"--sarif-category needs a name"};
    } else if (a == "--soft-fail") {
      cli.soft_fail = true;
    } else if (a == "--root") {
      cli.scan.root = val(a);
    } else if (a == "--var" || a == "-var") {
      std::string kv = val(a);
      size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError{"--var needs NAME=VALUE"};
      cli.scan.vars.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else if (a == "--var-file" || a == "-var-file") {
      cli.scan.var_files.push_back(val(a));
    } else if (a == "-j" || a == "--jobs") {
      std::string n = val(a);
      char* end = nullptr;
      long v = std::strtol(n.c_str(), &end, 10);
      if (!end || *end || v < 1 || v > 256) throw UsageError{"--jobs needs a number from 1 to 256"};
      cli.scan.jobs = static_cast<int>(v);
    } else if (a == "--max-file-size") {
      std::string n = val(a);
      char* end = nullptr;
      unsigned long long v = std::strtoull(n.c_str(), &end, 10);
      if (!end || *end || v == 0) throw UsageError{"--max-file-size needs a positive number"};
      cli.scan.max_file_size = v;
    } else if (a == "--timings") {
      cli.timings = true;
    } else if (a == "--parse-only") {
      cli.scan.parse_only = true;
    } else if (a == "--rule") {
      // Checked once team policies are loaded: they may define it.
      cli.only_rules.push_back(val(a));
    } else if (a == "--policy") {
      cli.policies.push_back(val(a));
    } else if (a == "--list-rules") {
      cli.list_rules = true;
    } else if (a == "--no-color") {
      cli.no_color = true;
    } else if (a == "--version") {
      cli.version = true;
    } else if (a == "-h" || a == "--help") {
      cli.help = true;
    } else {
      throw UsageError{"unknown option " + args[i]};
    }
  }
  size_t to_stdout = 0;
  for (const Output& o : cli.outputs) to_stdout += o.file.empty();
  if (to_stdout > 1)
    throw UsageError{"only one --format can go to stdout; give the others --output"};
  return cli;
}

bool UseColor(bool no_color) {
  if (no_color) return false;
  const char* nc = std::getenv("NO_COLOR");
  if (nc && *nc) return false;
  return isatty(STDOUT_FILENO) != 0;
}

// Writes to a file or stdout; returns false (with a message) when it cannot.
bool Emit(const std::string& file, const std::string& text) {
  if (file.empty()) {
    std::cout << text;
    std::cout.flush();
    return true;
  }
  std::ofstream out(file, std::ios::binary);
  if (!out) {
    std::cerr << "infracheck: cannot write " << file << "\n";
    return false;
  }
  out << text;
  return static_cast<bool>(out);
}

// --config, else .infracheck.yml found upward from the first path (inside the
// project root), and the team policies it and --policy name. False (after
// printing the error) when something is broken.
bool LoadConfiguration(const Cli& cli, Config* config) {
  std::optional<std::filesystem::path> file;
  std::filesystem::path root;
  if (!cli.config.empty()) {
    file = cli.config;
  } else {
    std::string first = cli.positional.empty() ? "." : cli.positional[0];
    ScanOptions scan = cli.scan;
    scan.paths = cli.positional;
    root = FindProjectRoot(scan);
    file = FindConfig(first, root);
  }
  Diagnostic error;
  // One found in the scanned tree is read like any input there: inside the
  // project root only (not through a symlink out of it), and not when huge.
  bool ok = file ? LoadConfig(*file, BuiltinRules(), config, &error, cli.policies,
                              cli.scan.max_file_size, root.empty() ? nullptr : &root)
                 : LoadPolicies(cli.policies, BuiltinRules(), config, &error);
  if (ok) return true;
  std::cerr << error.file;
  if (error.line) std::cerr << ":" << error.line << ":" << error.column;
  std::cerr << ": error: " << error.message << "\n";
  return false;
}

// Every rule a run knows: the built-in ones and the team's, sorted by ID.
std::vector<const Rule*> AllRules(const Config& config) {
  std::vector<const Rule*> all(BuiltinRules().begin(), BuiltinRules().end());
  all.insert(all.end(), config.policies->rules.begin(), config.policies->rules.end());
  std::sort(all.begin(), all.end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
  return all;
}

const Rule* Lookup(std::span<const Rule* const> rules, std::string_view id) {
  for (const Rule* r : rules) {
    if (r->id == id) return r;
  }
  return nullptr;
}

// The project (every file's text and syntax tree) is left for the process's
// exit to reclaim: freeing it node by node is a fiftieth of a large run, and
// the report is already written. Held by a static, so leak checkers see it
// as reachable.
void KeepUntilExit(std::unique_ptr<Project> project) {
  static std::vector<Project*>* kept = new std::vector<Project*>();
  kept->push_back(project.release());
}

int RunInspect(Cli& cli) {
  cli.scan.paths = cli.positional;
  Config config;
  if (!LoadConfiguration(cli, &config)) return 2;
  cli.scan.environments = config.environments;
  ScanResult result = Evaluate(cli.scan);
  std::string format = cli.outputs.empty() ? "text" : cli.outputs[0].format;
  if (format != "json" && format != "text") {
    std::cerr << "infracheck: inspect prints json or text\n";
    return 2;
  }
  std::ostringstream out;
  if (format == "json") {
    WriteInspectJson(out, result);
  } else {
    WriteInspectText(out, result);
  }
  if (!Emit(cli.outputs.empty() ? "" : cli.outputs[0].file, out.str())) return 2;
  return result.input_error ? 2 : 0;
}

int RunExplain(Cli cli) {
  if (cli.positional.size() != 1) {
    std::cerr << "usage: infracheck explain RULE-ID\n";
    return 2;
  }
  std::string id = cli.positional[0];
  cli.positional.clear();  // the configuration is looked for from here
  Config config;
  if (!LoadConfiguration(cli, &config)) return 2;
  std::vector<const Rule*> all = AllRules(config);
  const Rule* rule = Lookup(all, id);
  if (!rule) {
    std::cerr << "infracheck: no rule '" << id << "' (see infracheck --list-rules)\n";
    return 2;
  }
  std::cout << ExplainText(*rule);
  return 0;
}

int RunListRules(const Cli& cli) {
  Config config;
  if (!LoadConfiguration(cli, &config)) return 2;
  std::vector<const Rule*> all = AllRules(config);
  std::string format = cli.outputs.empty() ? "text" : cli.outputs[0].format;
  std::ostringstream out;
  if (format == "json") {
    out << RulesJson(all) << "\n";
  } else {
    out << RulesText(all);
  }
  return Emit(cli.outputs.empty() ? "" : cli.outputs[0].file, out.str()) ? 0 : 2;
}

}  // namespace

int RunCli(int argc, char** argv) {
  Cli cli;
  try {
    cli = Parse(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "infracheck: " << e.message << "\n(see infracheck --help)\n";
    return 2;
  }
  if (cli.help) {
    std::cout << kUsage;
    return 0;
  }
  if (cli.version) {
    std::cout << "infracheck " << Version() << "\n";
    return 0;
  }
  if (cli.command == "explain") return RunExplain(cli);
  if (cli.command == "docs") {
    // Regenerates docs/rules/ from the rules' metadata (a test checks it).
    std::string error;
    if (cli.positional.size() != 1) {
      std::cerr << "usage: infracheck docs DIR\n";
      return 2;
    }
    if (!WriteRuleDocs(cli.positional[0], BuiltinRules(), &error)) {
      std::cerr << "infracheck: " << error << "\n";
      return 2;
    }
    return 0;
  }
  if (cli.list_rules) return RunListRules(cli);
  if (cli.command == "inspect") return RunInspect(cli);

  cli.scan.paths = cli.positional;
  cli.scan.today = Today();
  Config config;
  if (!LoadConfiguration(cli, &config)) return 2;
  cli.scan.environments = config.environments;
  std::vector<const Rule*> all = AllRules(config);
  for (const std::string& id : cli.only_rules) {
    if (!Lookup(all, id)) {
      std::cerr << "infracheck: no rule '" << id << "' (see infracheck --list-rules)\n";
      return 2;
    }
  }
  std::vector<const Rule*> selected;
  for (const Rule* r : all) {
    bool named =
        std::find(cli.only_rules.begin(), cli.only_rules.end(), r->id) != cli.only_rules.end();
    // --rule runs exactly what it names, even a rule the configuration disables.
    if (cli.only_rules.empty() ? !config.disabled.count(std::string(r->id)) : named) {
      selected.push_back(r);
    }
  }
  Baseline baseline;
  if (!cli.baseline.empty()) {
    std::string error;
    if (!ReadBaseline(cli.baseline, &baseline, &error)) {
      std::cerr << "infracheck: " << error << "\n";
      return 2;
    }
  }
  std::span<const Rule* const> rules = selected;
  cli.scan.record_checked = std::any_of(cli.outputs.begin(), cli.outputs.end(),
                                        [](const Output& o) { return o.format == "junit"; });
  ScanResult result = Scan(cli.scan, rules, all);

  // Suppressed in the source (during the scan), then by the configuration,
  // then by the baseline.
  ApplyConfig(config, cli.scan.today, result);
  ApplyBaseline(baseline, result);
  if (!cli.write_baseline.empty()) {
    if (!Emit(cli.write_baseline, BaselineJson(result))) return 2;
    for (const Finding& f : result.findings) {
      if (!f.suppressed) baseline.fingerprints.insert(f.fingerprint);
    }
    ApplyBaseline(baseline, result);
  }
  auto report_start = std::chrono::steady_clock::now();
  Severity threshold = cli.min_severity.value_or(config.min_severity.value_or(Severity::kLow));
  std::vector<const Finding*> shown;
  bool gate = false;
  for (const Finding& f : result.findings) {
    if (f.severity < threshold) continue;
    shown.push_back(&f);
    if (!f.suppressed) gate = true;
  }
  if (cli.outputs.empty()) cli.outputs.push_back(Output{"text", ""});
  bool write_ok = true;
  for (const Output& o : cli.outputs) {
    ReportContext ctx{result,
                      rules,
                      shown,
                      o.file.empty() && o.format == "text" && UseColor(cli.no_color),
                      {config.severity.begin(), config.severity.end()},
                      cli.sarif_category};
    std::ostringstream out;
    if (o.format == "json") {
      WriteJson(out, ctx);
    } else if (o.format == "sarif") {
      WriteSarif(out, ctx);
    } else if (o.format == "junit") {
      WriteJunit(out, ctx);
    } else if (o.format == "github") {
      WriteGithub(out, ctx);
    } else {
      WriteText(out, ctx);
    }
    write_ok = Emit(o.file, out.str()) && write_ok;
  }
  if (cli.timings) {
    Timings& t = result.timings;
    t.report_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - report_start)
            .count();
    double total = t.discover_ms + t.read_ms + t.parse_ms + t.modules_ms + t.evaluate_ms +
                   t.rules_ms + t.report_ms;
    std::fprintf(stderr,
                 "timings: discover %.1f ms, read %.1f ms, parse %.1f ms, modules %.1f ms, "
                 "evaluate %.1f ms, rules %.1f ms, report %.1f ms; total %.1f ms (files %zu, "
                 "environments %zu, threads %d)\n",
                 t.discover_ms, t.read_ms, t.parse_ms, t.modules_ms, t.evaluate_ms, t.rules_ms,
                 t.report_ms, total, result.files, result.environments, Workers(cli.scan.jobs));
  }
  KeepUntilExit(std::move(result.project));
  if (!write_ok || result.input_error) return 2;
  if (gate && !cli.soft_fail) return 1;
  return 0;
}

}  // namespace infracheck
