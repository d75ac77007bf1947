#include "checker/scan.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "checker/formats.h"
#include "checker/graph/builder.h"
#include "checker/parallel.h"
#include "checker/suppressions.h"

namespace infracheck {

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i) {
    s[static_cast<size_t>(i)] = kDigits[v & 0xF];
    v >>= 4;
  }
  return s;
}

// A resource declared once may be evaluated in several environments (a
// module called from dev and prod roots): identity is address + declaration.
struct ResourceId {
  std::string address;
  const SourceFile* file;
  uint32_t begin;
  auto operator<=>(const ResourceId&) const = default;
};

// The files Terraform read through file()/templatefile(): documents found
// there are checked where Terraform uses them, not a second time alone.
void CollectFiles(const Value& v, std::set<const SourceFile*>& out, int depth) {
  if (depth > 64) return;
  if (const SourceFile* f = v.whole_file()) out.insert(f);
  if (const Value* s = v.structured()) {
    if (s->origin().file) out.insert(s->origin().file);
    CollectFiles(*s, out, depth + 1);
  }
  for (const Value& item : v.items()) CollectFiles(item, out, depth + 1);
  for (const Field& f : v.fields()) CollectFiles(f.value, out, depth + 1);
}

std::unique_ptr<Graph> MakeGraph(const Environment& env, std::vector<Resource> resources) {
  auto g = std::make_unique<Graph>(env);
  for (Resource& r : resources) g->Add(std::move(r));
  g->Seal();
  BuildGraph(*g);
  return g;
}

void EvaluateAll(ScanResult& result, const ScanOptions& options) {
  auto t0 = Clock::now();
  Project& project = *result.project;
  std::vector<RootEnvironment> envs = project.Environments();
  for (RootEnvironment& re : project.FormatEnvironments()) envs.push_back(std::move(re));
  std::vector<std::unique_ptr<Graph>> graphs(envs.size());
  std::vector<std::vector<Diagnostic>> diags(envs.size());
  ParallelFor(envs.size(), options.jobs, [&](size_t i) {
    const RootEnvironment& re = envs[i];
    if (re.root) {
      tf::Evaluator ev(*re.root, project.OptionsFor(re));
      ev.Run();
      graphs[i] = MakeGraph(re.env, ev.TakeResources());
      diags[i] = ev.diagnostics();
    } else if (re.sst || re.plan) {
      FormatResult r = re.sst ? EvaluateSstConfig(*re.sst, re.sst_personal_stage, project.files())
                              : PlanResources(*re.plan, project);
      graphs[i] = MakeGraph(re.env, std::move(r.resources));
      diags[i] = std::move(r.diagnostics);
    }
  });
  // Standalone documents last, once we know which files Terraform read.
  for (size_t i = 0; i < envs.size(); ++i) {
    if (!envs[i].documents) continue;
    std::set<const SourceFile*> read;
    for (const auto& g : graphs) {
      if (!g) continue;
      for (const auto& r : g->resources()) {
        if (r->format == SourceFormat::kTerraform) CollectFiles(r->attributes, read, 0);
      }
    }
    std::vector<const Input*> docs;
    for (const auto& in : project.inputs()) {
      if (in->kind == InputKind::kJson && in->json) docs.push_back(in.get());
    }
    FormatResult r = DocumentResources(docs, read);
    diags[i] = std::move(r.diagnostics);
    // Every document was one Terraform reads: no environment of their own.
    if (!r.resources.empty()) graphs[i] = MakeGraph(envs[i].env, std::move(r.resources));
  }
  std::erase_if(graphs, [](const auto& g) { return !g; });
  for (auto& d : diags) project.AddWarnings(d);
  result.graphs = std::move(graphs);
  for (const RootEnvironment& re : envs) result.roots.push_back(re.root);
  result.environments = result.graphs.size();
  std::set<ResourceId> unique;
  for (const auto& g : result.graphs) {
    for (const auto& r : g->resources()) {
      if (r->mode == ResourceMode::kManaged)
        unique.insert({r->address, r->block.file, r->block.begin});
    }
  }
  result.resources = unique.size();
  result.timings.evaluate_ms = Ms(t0, Clock::now());
}

ScanResult Load(const ScanOptions& options) {
  ScanResult result;
  auto t0 = Clock::now();
  result.project = std::make_unique<Project>(options);
  result.project->Load();
  result.timings.parse_ms = Ms(t0, Clock::now());
  return result;
}

void FinishErrors(ScanResult& result) {
  Project& p = *result.project;
  result.input_error = !p.input_errors().empty();
  result.errors = p.input_errors();
  result.errors.insert(result.errors.end(), p.warnings().begin(), p.warnings().end());
  // JSON that is none of our formats (package.json, a golden report) was
  // read only to be recognised: it does not count as scanned.
  size_t ignored = 0;
  for (const auto& in : p.inputs()) {
    if (in->kind == InputKind::kJson && in->source && in->json_kind == JsonKind::kNone) ++ignored;
  }
  result.files = p.files().count() - std::min(ignored, p.files().count());
}

// Merges per-environment findings: one that fires identically in every
// environment its resource exists in does not depend on the environment.
std::vector<Finding> Merge(std::vector<std::pair<size_t, Finding>>& raw,
                           const std::vector<std::unique_ptr<Graph>>& graphs,
                           std::span<const Rule* const> rules) {
  std::map<ResourceId, std::set<size_t>> presence;
  for (size_t gi = 0; gi < graphs.size(); ++gi) {
    for (const auto& r : graphs[gi]->resources()) {
      presence[{r->address, r->block.file, r->block.begin}].insert(gi);
    }
  }
  auto scope_of = [&](const std::string& id) {
    for (const Rule* r : rules) {
      if (r->id == id) return r->scope;
    }
    return Scope::kAll;
  };
  // Key: everything but the environment.
  // A suppression that covers one environment's finding only (a comment in
  // prod.tfvars, on prod's module call) keeps the findings apart.
  using Key = std::tuple<std::string, Severity, std::string, const SourceFile*, uint32_t, uint32_t,
                         std::string, std::string,
                         std::vector<std::tuple<const SourceFile*, uint32_t, uint32_t>>, bool,
                         std::string, const SourceFile*, uint32_t>;
  std::map<Key, std::vector<size_t>> groups;  // -> indexes into raw
  for (size_t i = 0; i < raw.size(); ++i) {
    const Finding& f = raw[i].second;
    std::vector<std::tuple<const SourceFile*, uint32_t, uint32_t>> rel;
    for (const RelatedSpan& r : f.related) rel.emplace_back(r.span.file, r.span.begin, r.span.end);
    groups[Key{f.rule, f.severity, f.resource, f.primary.file, f.primary.begin, f.primary.end,
               f.attribute, f.message, rel, f.suppressed, f.suppression, f.suppression_span.file,
               f.suppression_span.begin}]
        .push_back(i);
  }
  std::vector<Finding> out;
  for (auto& [key, members] : groups) {
    const Finding& first = raw[members[0]].second;
    std::set<size_t> fired;
    for (size_t i : members) fired.insert(raw[i].first);
    const Resource* res = graphs[raw[members[0]].first]->Find(first.resource);
    std::set<size_t> present;
    if (res) present = presence[{res->address, res->block.file, res->block.begin}];
    bool everywhere = !present.empty() && fired == present;
    if (scope_of(first.rule) == Scope::kAll && everywhere) {
      Finding f = first;
      f.environment.reset();
      out.push_back(std::move(f));
      continue;
    }
    std::set<std::optional<std::string>> seen;
    for (size_t i : members) {
      Finding& f = raw[i].second;
      if (!seen.insert(f.environment).second) continue;
      out.push_back(f);
    }
  }
  return out;
}

// One pair per (rule, resource declaration, address) across environments.
void CollectChecked(
    ScanResult& result,
    const std::vector<std::vector<std::pair<const Rule*, const Resource*>>>& checked,
    const std::function<bool(const SourceFile*)>& named) {
  using Key = std::tuple<std::string, uint32_t, std::string_view, std::string_view>;
  std::map<Key, CheckedPair> unique;
  for (const auto& per : checked) {
    for (auto [rule, r] : per) {
      Span at = r->header.valid() ? r->header : r->block;
      if (!named(at.file)) continue;
      Key key{at.file ? at.file->path() : std::string(), at.begin, rule->id, r->address};
      if (unique.count(key)) continue;
      unique.emplace(key, CheckedPair{std::string(rule->id), r->address, at});
    }
  }
  result.checked.clear();
  for (auto& [key, pair] : unique) result.checked.push_back(std::move(pair));
}

}  // namespace

std::string Fingerprint(const Finding& f) {
  std::string key =
      f.rule + "|" + f.resource + "|" + f.environment.value_or("") + "|" + f.attribute;
  return Hex(Fnv1a(key, 14695981039346656037ull)) + Hex(Fnv1a(key, 1099511628211ull * 31));
}

void SortFindings(std::vector<Finding>& findings) {
  auto key = [](const Finding& f) {
    Position p = f.primary.start();
    return std::make_tuple(f.primary.file ? f.primary.file->path() : std::string(), p.line,
                           p.column, f.rule, f.resource, f.environment.value_or(""), f.attribute,
                           f.message);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

ScanResult Evaluate(const ScanOptions& options) {
  ScanResult result = Load(options);
  if (!options.parse_only) EvaluateAll(result, options);
  FinishErrors(result);
  return result;
}

ScanResult Scan(const ScanOptions& options, std::span<const Rule* const> rules,
                std::span<const Rule* const> known) {
  ScanResult result = Load(options);
  if (options.parse_only) {
    FinishErrors(result);
    return result;
  }
  EvaluateAll(result, options);
  auto t0 = Clock::now();
  // Rules indexed by kind, so each rule visits only what it checks; a rule
  // whose kinds hold "*" visits every resource (a secret can be anywhere).
  std::map<std::string_view, std::vector<const Rule*>> by_kind;
  std::vector<const Rule*> every_kind;
  for (const Rule* r : rules) {
    for (std::string_view k : r->kinds) {
      if (k == "*") {
        every_kind.push_back(r);
      } else {
        by_kind[k].push_back(r);
      }
    }
  }
  std::vector<std::vector<Finding>> per_graph(result.graphs.size());
  std::vector<std::vector<std::pair<const Rule*, const Resource*>>> checked(result.graphs.size());
  ParallelFor(result.graphs.size(), options.jobs, [&](size_t gi) {
    const Graph& g = *result.graphs[gi];
    for (const auto& [kind, kind_rules] : by_kind) {
      auto resources = g.OfKind(kind);
      if (resources.empty()) continue;
      for (const Rule* rule : kind_rules) {
        if (rule->scope == Scope::kProd && !g.environment().is_production()) continue;
        RuleContext ctx(g, *rule);
        for (const Resource* r : resources) {
          rule->check(*r, ctx);
          checked[gi].emplace_back(rule, r);
        }
        for (Finding& f : ctx.findings()) per_graph[gi].push_back(std::move(f));
      }
    }
    for (const Rule* rule : every_kind) {
      if (rule->scope == Scope::kProd && !g.environment().is_production()) continue;
      RuleContext ctx(g, *rule);
      for (const auto& r : g.resources()) rule->check(*r, ctx);
      for (Finding& f : ctx.findings()) per_graph[gi].push_back(std::move(f));
    }
  });
  // Inline suppressions apply per environment, before findings are merged:
  // a comment on prod's module call covers prod's finding only.
  SuppressionSet suppressions(options.today.empty() ? Today() : options.today, known);
  for (const auto& in : result.project->inputs()) {
    if (!in->source) continue;
    if (in->hcl) {
      if (!in->hcl->error) suppressions.AddHcl(*in->hcl);
    } else if (in->kind == InputKind::kTypeScript) {
      suppressions.AddText(*in->source);
    }
  }
  std::vector<std::pair<size_t, Finding>> raw;
  for (size_t gi = 0; gi < per_graph.size(); ++gi) {
    for (Finding& f : per_graph[gi]) {
      if (suppressions.size()) suppressions.Apply(f, *result.graphs[gi], result.roots[gi]);
      raw.emplace_back(gi, std::move(f));
    }
  }
  if (suppressions.size()) {
    for (size_t gi = 0; gi < checked.size(); ++gi) {
      for (auto [rule, r] : checked[gi])
        suppressions.NoteChecked(*rule, *r, *result.graphs[gi], result.roots[gi]);
    }
  }
  std::vector<Finding> findings = Merge(raw, result.graphs, rules);
  // Files named on the command line: only findings that touch them.
  const auto& only = result.project->report_only();
  std::set<std::string> canon;
  for (const std::string& p : only) {
    std::error_code ec;
    canon.insert(std::filesystem::weakly_canonical(p, ec).string());
  }
  auto named = [&](const SourceFile* file) {
    return only.empty() || (file && canon.count(file->real_path()));
  };
  if (!only.empty()) {
    auto touches = [&](const Finding& f) {
      if (named(f.primary.file)) return true;
      for (const RelatedSpan& r : f.related) {
        if (named(r.span.file)) return true;
      }
      return false;
    };
    std::erase_if(findings, [&](const Finding& f) { return !touches(f); });
  }
  for (Finding& f : findings) f.fingerprint = Fingerprint(f);
  SortFindings(findings);
  result.findings = std::move(findings);
  CollectChecked(result, checked, named);
  std::vector<Diagnostic> problems =
      suppressions.Problems([&](const SourceFile& f) { return named(&f); });
  result.timings.rules_ms = Ms(t0, Clock::now());
  FinishErrors(result);
  result.errors.insert(result.errors.end(), problems.begin(), problems.end());
  return result;
}

}  // namespace infracheck
