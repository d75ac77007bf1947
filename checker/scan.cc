#include "checker/scan.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

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
// module called from dev and prod roots): identity is address + declaration,
// kept as a 64-bit key so that recording every resource of every
// environment is an append, not a map insertion.
uint64_t IdOf(const Resource& r) { return ResourceIdentity(r.address, r.block); }

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
  g->AddAll(std::move(resources));
  g->Seal();
  BuildGraph(*g);
  return g;
}

// What the rules made of the objects that are the same in every environment
// (see tf::ConfigVerdict). `shared` indexes the evaluator's list, which is the
// graph's: a resource's id is its index there.
void RecordVerdicts(const Graph& g, const std::vector<Finding>& findings,
                    const std::vector<tf::SharedConfig>& shared) {
  if (shared.empty()) return;
  std::vector<bool> reported(g.resources().size());
  for (const Finding& f : findings) {
    if (const Resource* r = g.Find(f.resource)) reported[r->id] = true;
  }
  for (const tf::SharedConfig& s : shared) {
    if (reported[s.index]) {
      s.verdict->store(tf::ConfigVerdict::kReported, std::memory_order_relaxed);
      continue;
    }
    tf::ConfigVerdict unknown = tf::ConfigVerdict::kUnknown;
    s.verdict->compare_exchange_strong(unknown, tf::ConfigVerdict::kQuiet,
                                       std::memory_order_relaxed);
  }
}

// Whether a rule reads a variable's object (tf::EvalOptions::variable_read).
using VariableRead = std::function<bool(std::string_view, std::string_view, std::string_view)>;

// Evaluates every environment into a graph, in parallel, handing each graph
// to `use` as soon as it is built (on the worker that built it), with the
// configuration objects whose verdict the scan records. Standalone
// JSON documents come last, once it is known which files Terraform read.
// Returns the number of graphs built.
size_t BuildGraphs(
    ScanResult& result, const ScanOptions& options,
    const std::function<void(size_t, const RootEnvironment&, std::unique_ptr<Graph>,
                             std::vector<tf::SharedConfig>, std::vector<uint64_t>)>& use,
    std::atomic<int64_t>* evaluate_ns = nullptr, bool skip_quiet_config = false,
    const VariableRead& variable_read = nullptr) {
  Project& project = *result.project;
  std::vector<RootEnvironment> envs = project.Environments();
  for (RootEnvironment& re : project.FormatEnvironments()) envs.push_back(std::move(re));
  std::vector<std::vector<Diagnostic>> diags(envs.size());
  std::vector<std::set<const SourceFile*>> read(envs.size());
  // Which files Terraform read matters only when there are standalone
  // documents to tell apart from them.
  bool documents =
      std::any_of(envs.begin(), envs.end(), [](const RootEnvironment& re) { return re.documents; });
  std::atomic<size_t> built{0};
  ParallelFor(envs.size(), options.jobs, [&](size_t i) {
    const RootEnvironment& re = envs[i];
    auto start = Clock::now();
    std::unique_ptr<Graph> g;
    std::vector<tf::SharedConfig> shared;
    std::vector<uint64_t> left_out;
    if (re.root) {
      tf::EvalOptions opts = project.OptionsFor(re);
      // Which files Terraform read is collected from every object.
      opts.skip_quiet_config = skip_quiet_config && !documents;
      if (!documents) opts.variable_read = variable_read;
      std::vector<Resource> resources;
      {
        // The evaluator's memos go before the graph is built: what the
        // resources do not hold of them need not be held beside it.
        tf::Evaluator ev(*re.root, std::move(opts));
        ev.Run();
        resources = ev.TakeResources(&shared, &left_out);
        diags[i] = ev.diagnostics();
      }
      g = MakeGraph(re.env, std::move(resources));
      if (documents) {
        for (const auto& r : g->resources()) CollectFiles(r->attributes, read[i], 0);
      }
    } else if (re.sst || re.plan) {
      FormatResult r = re.sst ? EvaluateSstConfig(*re.sst, re.sst_personal_stage, project.files())
                              : PlanResources(*re.plan, project);
      g = MakeGraph(re.env, std::move(r.resources));
      diags[i] = std::move(r.diagnostics);
    }
    if (evaluate_ns) {
      *evaluate_ns +=
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    }
    if (g) {
      ++built;
      use(i, re, std::move(g), std::move(shared), std::move(left_out));
    }
  });
  for (size_t i = 0; i < envs.size(); ++i) {
    if (!envs[i].documents) continue;
    std::set<const SourceFile*> terraform_read;
    for (const auto& r : read) terraform_read.insert(r.begin(), r.end());
    std::vector<const Input*> docs;
    for (const auto& in : project.inputs()) {
      if (in->kind == InputKind::kJson && in->json) docs.push_back(in.get());
    }
    FormatResult r = DocumentResources(docs, terraform_read);
    diags[i] = std::move(r.diagnostics);
    // Every document was one Terraform reads: no environment of their own.
    if (!r.resources.empty()) {
      ++built;
      use(i, envs[i], MakeGraph(envs[i].env, std::move(r.resources)), {}, {});
    }
  }
  for (auto& d : diags) project.AddWarnings(d);
  return built;
}

ScanResult Load(const ScanOptions& options) {
  ScanResult result;
  result.project = std::make_unique<Project>(options);
  result.project->Load();
  const Project::LoadTimes& lt = result.project->load_times();
  result.timings.discover_ms = lt.discover_ms;
  result.timings.read_ms = lt.read_ms;
  result.timings.parse_ms = lt.parse_ms;
  result.timings.modules_ms = lt.modules_ms;
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

// A finding as one environment's rules reported it, with the identity of
// its resource (for the merge across environments).
struct RawFinding {
  size_t env = 0;
  Finding finding;
  std::optional<uint64_t> id;
};

// For each environment (by index), the identities of its resources.
using Presence = std::vector<std::vector<uint64_t>>;

// Merges per-environment findings: one that fires identically in every
// environment its resource exists in does not depend on the environment.
std::vector<Finding> Merge(std::vector<RawFinding>& raw, const Presence& presence,
                           std::span<const Rule* const> rules) {
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
    const Finding& f = raw[i].finding;
    std::vector<std::tuple<const SourceFile*, uint32_t, uint32_t>> rel;
    for (const RelatedSpan& r : f.related) rel.emplace_back(r.span.file, r.span.begin, r.span.end);
    groups[Key{f.rule, f.severity, f.resource, f.primary.file, f.primary.begin, f.primary.end,
               f.attribute, f.message, rel, f.suppressed, f.suppression, f.suppression_span.file,
               f.suppression_span.begin}]
        .push_back(i);
  }
  // The environments each resource with a finding exists in: one pass over
  // every environment's resources (not a search of all of them per finding).
  std::unordered_map<uint64_t, std::set<size_t>> present_in;
  for (const RawFinding& r : raw) {
    if (r.id) present_in[*r.id];
  }
  for (size_t env = 0; env < presence.size(); ++env) {
    for (uint64_t id : presence[env]) {
      if (auto it = present_in.find(id); it != present_in.end()) it->second.insert(env);
    }
  }
  std::vector<Finding> out;
  for (auto& [key, members] : groups) {
    const RawFinding& first = raw[members[0]];
    std::set<size_t> fired;
    for (size_t i : members) fired.insert(raw[i].env);
    std::set<size_t> present;
    if (first.id) present = present_in[*first.id];
    bool everywhere = !present.empty() && fired == present;
    if (scope_of(first.finding.rule) == Scope::kAll && everywhere) {
      Finding f = first.finding;
      f.environment.reset();
      out.push_back(std::move(f));
      continue;
    }
    std::set<std::optional<std::string>> seen;
    for (size_t i : members) {
      Finding& f = raw[i].finding;
      if (!seen.insert(f.environment).second) continue;
      out.push_back(f);
    }
  }
  return out;
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
  if (!options.parse_only) {
    auto t0 = Clock::now();
    std::vector<std::pair<size_t, std::unique_ptr<Graph>>> graphs;
    std::mutex mu;
    BuildGraphs(result, options,
                [&](size_t i, const RootEnvironment&, std::unique_ptr<Graph> g,
                    const std::vector<tf::SharedConfig>&, const std::vector<uint64_t>&) {
                  std::lock_guard<std::mutex> lock(mu);
                  graphs.emplace_back(i, std::move(g));
                });
    std::sort(graphs.begin(), graphs.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::unordered_set<uint64_t> unique;
    for (auto& [i, g] : graphs) {
      for (const auto& r : g->resources()) {
        if (r->mode == ResourceMode::kManaged) unique.insert(IdOf(*r));
      }
      result.graphs.push_back(std::move(g));
    }
    result.environments = result.graphs.size();
    result.resources = unique.size();
    result.timings.evaluate_ms = Ms(t0, Clock::now());
  }
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
  auto t0 = Clock::now();
  Project& project = *result.project;
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
  // Inline suppressions apply per environment, before findings are merged:
  // a comment on prod's module call covers prod's finding only.
  SuppressionSet suppressions(options.today.empty() ? Today() : options.today, known);
  for (const auto& in : project.inputs()) {
    if (!in->source) continue;
    if (in->hcl) {
      if (!in->hcl->error) suppressions.AddHcl(*in->hcl);
    } else if (in->kind == InputKind::kTypeScript) {
      suppressions.AddText(*in->source);
    }
  }
  // Files named on the command line: only findings that touch them.
  const auto& only = project.report_only();
  std::set<std::string> canon;
  for (const std::string& p : only) {
    std::error_code ec;
    canon.insert(std::filesystem::weakly_canonical(p, ec).string());
  }
  auto named = [&](const SourceFile* file) {
    return only.empty() || (file && canon.count(file->real_path()));
  };

  // Each environment: evaluate, build its graph, run the rules, apply
  // suppressions, keep findings and identities, and drop the graph. Memory
  // holds one graph per worker, not one per environment.
  std::mutex mu;
  std::vector<RawFinding> raw;
  Presence presence;
  std::vector<uint64_t> managed;
  // Keyed by declaration; sorted by path when the scan is done.
  using CheckedKey = std::tuple<const SourceFile*, uint32_t, std::string_view, std::string>;
  std::map<CheckedKey, CheckedPair> checked_pairs;
  std::atomic<int64_t> evaluate_ns{0}, rules_ns{0};
  // Which rule checked which resource matters to suppressions (an unused one
  // is reported) and to JUnit's passed tests, and to nothing else.
  bool note_checked = suppressions.size() > 0 || options.record_checked;
  // A module variable's object is the same in every environment where its
  // value is its default. When the rules that read such objects run in every
  // environment and note nothing per resource, what they found in it once
  // holds everywhere: later environments leave a quiet one out.
  bool skip_quiet_config = !by_kind.count("terraform_variable") &&
                           std::all_of(every_kind.begin(), every_kind.end(),
                                       [](const Rule* r) { return r->scope == Scope::kAll; });
  // Nothing but the rules reads a variable's object, and team rules never
  // see configuration objects (policy::KindSet). When every other rule that
  // reads them says from a declaration's text whether it can find something
  // in it (Rule::reads_variable), the objects of the rest are not built.
  VariableRead variable_read;
  bool variables_by_text = !by_kind.count("terraform_variable") &&
                           std::all_of(every_kind.begin(), every_kind.end(), [](const Rule* r) {
                             return r->team() || r->reads_variable != nullptr;
                           });
  if (variables_by_text) {
    variable_read = [&every_kind](std::string_view name, std::string_view default_text,
                                  std::string_view type_text) {
      return std::any_of(every_kind.begin(), every_kind.end(), [&](const Rule* r) {
        return r->reads_variable && r->reads_variable(name, default_text, type_text);
      });
    };
  }
  auto stream_start = Clock::now();
  size_t built = BuildGraphs(
      result, options,
      [&](size_t env, const RootEnvironment& re, std::unique_ptr<Graph> graph,
          const std::vector<tf::SharedConfig>& shared, const std::vector<uint64_t>& left_out) {
        auto rules_start = Clock::now();
        const Graph& g = *graph;
        std::vector<Finding> findings;
        std::vector<std::pair<const Rule*, const Resource*>> checked;
        for (const auto& [kind, kind_rules] : by_kind) {
          auto resources = g.OfKind(kind);
          if (resources.empty()) continue;
          for (const Rule* rule : kind_rules) {
            if (rule->scope == Scope::kProd && !g.environment().is_production()) continue;
            RuleContext ctx(g, *rule);
            for (const Resource* r : resources) {
              rule->check(*r, ctx);
              if (note_checked) checked.emplace_back(rule, r);
            }
            for (Finding& f : ctx.findings()) findings.push_back(std::move(f));
          }
        }
        for (const Rule* rule : every_kind) {
          if (rule->scope == Scope::kProd && !g.environment().is_production()) continue;
          RuleContext ctx(g, *rule);
          for (const auto& r : g.resources()) rule->check(*r, ctx);
          for (Finding& f : ctx.findings()) findings.push_back(std::move(f));
        }
        RecordVerdicts(g, findings, shared);
        // Identities are made before taking the lock; only the inserts are
        // serialized.
        std::vector<uint64_t> ids, managed_ids;
        ids.reserve(g.resources().size() + left_out.size());
        ids.insert(ids.end(), left_out.begin(), left_out.end());
        for (const auto& r : g.resources()) {
          ids.push_back(IdOf(*r));
          if (r->mode == ResourceMode::kManaged) managed_ids.push_back(ids.back());
        }
        std::lock_guard<std::mutex> lock(mu);
        for (Finding& f : findings) {
          if (suppressions.size()) suppressions.Apply(f, g, re.root);
          RawFinding rf{env, std::move(f), std::nullopt};
          if (const Resource* r = g.Find(rf.finding.resource)) rf.id = IdOf(*r);
          raw.push_back(std::move(rf));
        }
        for (auto [rule, r] : checked) {
          if (suppressions.size()) suppressions.NoteChecked(*rule, *r, g, re.root);
          if (!options.record_checked) continue;
          Span at = r->header.valid() ? r->header : r->block;
          if (!named(at.file)) continue;
          CheckedKey key{at.file, at.begin, rule->id, r->address};
          if (!checked_pairs.count(key)) {
            checked_pairs.emplace(std::move(key),
                                  CheckedPair{std::string(rule->id), r->address, at});
          }
        }
        if (presence.size() <= env) presence.resize(env + 1);
        presence[env] = std::move(ids);
        managed.insert(managed.end(), managed_ids.begin(), managed_ids.end());
        rules_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - rules_start)
                        .count();
      },
      &evaluate_ns, skip_quiet_config, variable_read);
  // The workers' wall time, split by the work evaluation and rules took.
  auto stream_end = Clock::now();
  double stream_ms = Ms(stream_start, stream_end);
  double work = static_cast<double>(evaluate_ns.load() + rules_ns.load());
  double evaluate_share = work > 0 ? static_cast<double>(evaluate_ns.load()) / work : 1.0;
  result.timings.evaluate_ms = Ms(t0, stream_start) + stream_ms * evaluate_share;
  result.timings.rules_ms = stream_ms * (1.0 - evaluate_share);
  result.environments = built;
  std::sort(managed.begin(), managed.end());
  result.resources =
      static_cast<size_t>(std::unique(managed.begin(), managed.end()) - managed.begin());
  // Environments run in any order; the merge and the sort make the output
  // independent of it.
  std::stable_sort(raw.begin(), raw.end(),
                   [](const RawFinding& a, const RawFinding& b) { return a.env < b.env; });
  std::vector<Finding> findings = Merge(raw, presence, rules);
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
  for (auto& [key, pair] : checked_pairs) result.checked.push_back(std::move(pair));
  auto checked_order = [](const CheckedPair& p) {
    return std::make_tuple(
        p.header.file ? std::string_view(p.header.file->path()) : std::string_view(),
        p.header.begin, std::string_view(p.rule), std::string_view(p.resource));
  };
  std::sort(result.checked.begin(), result.checked.end(),
            [&](const CheckedPair& a, const CheckedPair& b) {
              return checked_order(a) < checked_order(b);
            });
  std::vector<Diagnostic> problems =
      suppressions.Problems([&](const SourceFile& f) { return named(&f); });
  result.timings.rules_ms += Ms(stream_end, Clock::now());
  FinishErrors(result);
  result.errors.insert(result.errors.end(), problems.begin(), problems.end());
  return result;
}

}  // namespace infracheck
