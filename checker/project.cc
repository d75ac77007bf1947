#include "checker/project.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include "checker/formats.h"
#include "checker/parallel.h"

namespace infracheck {

namespace fs = std::filesystem;

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<InputKind> ClassifyName(std::string_view name) {
  if (EndsWith(name, ".tf")) return InputKind::kTerraform;
  if (EndsWith(name, ".tfvars")) return InputKind::kTfvars;
  if (EndsWith(name, ".tfvars.json")) return InputKind::kTfvarsJson;
  if (EndsWith(name, ".json")) return InputKind::kJson;
  if (name == "sst.config.ts") return InputKind::kTypeScript;
  return std::nullopt;
}

std::optional<InputKind> Classify(const fs::path& p) { return ClassifyName(p.filename().native()); }

// What terraform.workspace is in an environment. Declared, it is what the
// configuration says. An environment with a variables file of its own
// (prod.tfvars, or var_files in .infracheck.yml) is taken to be applied in the
// workspace of its name: teams that use workspaces keep one variables file per
// workspace, named for it, and a `terraform.workspace == "prod"` in prod that
// read "default" would report prod with dev's settings. A root evaluated on
// its own is in Terraform's "default".
std::string WorkspaceOf(const std::string& env_name, bool own_var_file,
                        const std::optional<std::string>& declared) {
  if (declared) return *declared;
  return own_var_file ? env_name : "default";
}

// An absolute, normal directory path without a trailing separator (the root
// keeps its one).
std::string NormalDirectory(const fs::path& dir) {
  std::string s =
      IsNormalAbsolute(dir.native()) ? dir.native() : fs::absolute(dir).lexically_normal().native();
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// Directories never worth descending into.
bool SkipDirectory(std::string_view name) {
  return name == ".git" || name == ".terraform" || name == "node_modules" || name == ".sst" ||
         name == ".terragrunt-cache";
}

Diagnostic FileDiagnostic(const std::string& display, std::string message) {
  Diagnostic d;
  d.file = display;
  d.message = std::move(message);
  return d;
}

// Levenshtein distance, stopping early past `limit` (names are short).
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

bool IsBaseVarFile(std::string_view name) {
  return name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
         EndsWith(name, ".auto.tfvars") || EndsWith(name, ".auto.tfvars.json");
}

std::string StemOf(std::string_view name) {
  if (EndsWith(name, ".tfvars.json")) return std::string(name.substr(0, name.size() - 12));
  if (EndsWith(name, ".tfvars")) return std::string(name.substr(0, name.size() - 7));
  return std::string(name);
}

}  // namespace

fs::path FindProjectRoot(const ScanOptions& options) {
  std::error_code ec;
  if (!options.root.empty()) return fs::weakly_canonical(fs::absolute(options.root), ec);
  fs::path first = options.paths.empty() ? fs::path(".") : fs::path(options.paths[0]);
  fs::path start = fs::weakly_canonical(fs::absolute(first), ec);
  if (!fs::is_directory(start, ec)) start = start.parent_path();
  for (fs::path p = start; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p;
    if (p == p.root_path()) break;
  }
  return start;
}

Project::Project(const ScanOptions& options)
    : options_(options),
      files_(std::make_unique<FileStore>(FindProjectRoot(options), options.max_file_size)) {
  if (options_.paths.empty()) options_.paths.push_back(".");
  std::string text;
  for (const auto& [k, v] : options_.vars) {
    text.append("--var ").append(k).append("=").append(v).append("\n");
  }
  cli_vars_ = std::make_unique<SourceFile>("<command line>", "", std::move(text));
}

void Project::Load() {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  auto t0 = Clock::now();
  Discover();
  auto t1 = Clock::now();
  load_times_.discover_ms = ms(t0, t1);
  ParseAll();
  double loaded = load_times_.read_ms + load_times_.parse_ms;
  auto t2 = Clock::now();
  BuildModules();
  // BuildModules reads and parses the modules that calls lead to (ParseAll
  // counts that time); the rest is the configurations'.
  double more = load_times_.read_ms + load_times_.parse_ms - loaded;
  load_times_.modules_ms = std::max(0.0, ms(t2, Clock::now()) - more);
}

void Project::AddInput(const fs::path& path) {
  auto kind = Classify(path);
  if (!kind) return;
  fs::path abs = IsNormalAbsolute(path.native()) ? path : fs::absolute(path).lexically_normal();
  std::string s = abs.string();
  // Its directory's load (if that came first) has it already.
  if (loaded_dirs_.count(abs.parent_path().string()) || named_inputs_.count(s)) return;
  AddInput(s, *kind, false);
  named_inputs_.insert(std::move(s));
}

void Project::AddInput(std::string path, InputKind kind, bool walked_regular) {
  // A directory is loaded once, so only a file named before (a variables
  // file) can come again.
  if (!named_inputs_.empty() && named_inputs_.count(path)) return;
  auto in = std::make_unique<Input>();
  in->path = std::move(path);
  in->kind = kind;
  in->walked_regular = walked_regular;
  inputs_.push_back(std::move(in));
}

void Project::LoadDirectory(const fs::path& dir) { LoadDirectory(NormalDirectory(dir), nullptr); }

// Adds a directory's files (its module), once per directory. With `subdirs`,
// also lists its subdirectories, from the same pass over it (a walk needs them
// even when the files were loaded before, as a named file's module). Paths are
// strings throughout: building, comparing and freeing path objects was most
// of a walk's time.
void Project::LoadDirectory(const std::string& dir, std::vector<DirEntry>* subdirs) {
  bool load = loaded_dirs_.insert(dir).second;
  if (!load && !subdirs) return;
  std::vector<DirEntry> files;
  for (DirEntry& e : ListDirectory(dir)) {
    // A directory is never a file of the module, whatever its name (a
    // directory called main.tf is walked like any other, as Terraform skips it).
    if (e.directory) {
      if (subdirs) subdirs->push_back(std::move(e));
    } else if (load) {
      files.push_back(std::move(e));
    }
  }
  std::sort(files.begin(), files.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  for (DirEntry& f : files) {
    if (auto kind = ClassifyName(f.name)) {
      AddInput(JoinPath(dir, f.name), *kind, f.regular);
    }
  }
}

void Project::Walk(const std::string& dir, std::unordered_set<std::string>& seen_dirs) {
  std::string canon = files_->CanonicalPath(dir);
  if (canon.empty()) return;
  if (!seen_dirs.insert(canon).second) {
    warnings_.push_back(FileDiagnostic(
        files_->Display(dir), "directory already visited (symlink loop?); not scanned again"));
    return;
  }
  std::vector<DirEntry> entries;
  LoadDirectory(dir, &entries);
  std::vector<std::string> subdirs;
  for (const DirEntry& e : entries) {
    if (SkipDirectory(e.name) || (e.name.size() > 1 && e.name[0] == '.')) continue;
    std::string p = JoinPath(dir, e.name);
    if (e.symlink) {
      if (!files_->Contains(p)) {
        warnings_.push_back(FileDiagnostic(files_->Display(p),
                                           "symlink leads outside the project root; not followed"));
        continue;
      }
    } else {
      // A real subdirectory's canonical path is its parent's and its name.
      files_->RememberCanonical(p, JoinPath(canon, e.name));
    }
    subdirs.push_back(std::move(p));
  }
  // In the directory's order: one parent, so the names decide.
  std::sort(subdirs.begin(), subdirs.end());
  for (const std::string& p : subdirs) Walk(p, seen_dirs);
}

void Project::Discover() {
  std::unordered_set<std::string> seen_dirs;
  for (const EnvironmentSpec& spec : options_.environments) {
    for (const fs::path& vf : spec.var_files) AddInput(vf);
  }
  for (const std::string& vf : options_.var_files) {
    std::error_code ec;
    if (!fs::is_regular_file(vf, ec)) {
      input_errors_.push_back(FileDiagnostic(vf, "--var-file: no such file"));
      usage_error_ = true;
      continue;
    }
    AddInput(vf);
  }
  for (const std::string& arg : options_.paths) {
    std::error_code ec;
    fs::path p(arg);
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      input_errors_.push_back(FileDiagnostic(arg, "no such file or directory"));
      usage_error_ = true;
      continue;
    }
    if (!files_->Contains(p)) {
      input_errors_.push_back(FileDiagnostic(
          arg, "outside the project root " + files_->root().string() + "; not scanned"));
      usage_error_ = true;
      continue;
    }
    if (fs::is_directory(st)) {
      Walk(NormalDirectory(p), seen_dirs);
    } else {
      fs::path abs = fs::absolute(p).lexically_normal();
      report_only_.insert(abs.string());
      if (!Classify(abs)) continue;
      // A named file is checked with its whole module around it.
      LoadDirectory(abs.parent_path());
    }
  }
}

void Project::ParseAll() {
  // Read and parse on the workers; errors are kept in input order (read
  // errors first), so the report does not depend on which worker was first.
  using Clock = std::chrono::steady_clock;
  std::vector<Input*> todo;
  for (auto& in : inputs_) {
    if (!in->source) todo.push_back(in.get());
  }
  std::vector<std::optional<Diagnostic>> read_errors(todo.size());
  std::vector<std::optional<Diagnostic>> parse_errors(todo.size());
  std::atomic<int64_t> read_ns{0}, parse_ns{0};
  auto t0 = Clock::now();
  ParallelFor(todo.size(), options_.jobs, [&](size_t i) {
    Input& in = *todo[i];
    auto start = Clock::now();
    std::string error;
    in.source = files_->Read(in.path, &error, in.walked_regular);
    auto read = Clock::now();
    read_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(read - start).count();
    if (!in.source) {
      // Any JSON file may be someone else's (a large package-lock.json):
      // only our own formats are worth an error, and those we cannot tell.
      if (in.kind != InputKind::kJson) {
        read_errors[i] = FileDiagnostic(files_->Display(in.path), error);
      }
      return;
    }
    parse_errors[i] = ParseInput(in);
    parse_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - read).count();
  });
  // The workers' wall time, split by the work reading and parsing took.
  double wall = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  double work = static_cast<double>(read_ns.load() + parse_ns.load());
  double read_share = work > 0 ? static_cast<double>(read_ns.load()) / work : 0.0;
  load_times_.read_ms += wall * read_share;
  load_times_.parse_ms += wall * (1.0 - read_share);
  for (auto& e : read_errors) {
    if (e) input_errors_.push_back(std::move(*e));
  }
  for (auto& e : parse_errors) {
    if (e) input_errors_.push_back(std::move(*e));
  }
}

tf::ModuleConfig* Project::ModuleFor(const std::string& dir) {
  auto it = module_by_dir_.find(dir);
  return it == module_by_dir_.end() ? nullptr : it->second;
}

void Project::BuildModules() {
  // Modules are built dir by dir; calls to local modules not yet loaded load
  // them (and parse them) until nothing new turns up.
  // Directories as views of their files' paths (inputs outlive the loop).
  std::set<std::string_view> built;
  for (int round = 0; round < 64; ++round) {
    std::map<std::string_view, std::vector<const hcl::File*>> by_dir;
    for (const auto& in : inputs_) {
      if (in->kind != InputKind::kTerraform || !in->hcl || in->hcl->error) continue;
      std::string_view dir = in->dir();
      if (built.count(dir)) continue;
      by_dir[dir].push_back(in->hcl.get());
    }
    // Directories whose .tf files all failed still count as modules (empty),
    // so that calls to them resolve and are not reported as missing.
    for (const auto& in : inputs_) {
      if (in->kind != InputKind::kTerraform) continue;
      std::string_view dir = in->dir();
      if (!built.count(dir) && !by_dir.count(dir)) by_dir[dir];
    }
    if (by_dir.empty()) break;
    // Each directory's module is built on the workers; they are registered
    // in directory order.
    std::vector<std::pair<std::string_view, std::vector<const hcl::File*>*>> dirs;
    dirs.reserve(by_dir.size());
    for (auto& [dir, files] : by_dir) dirs.emplace_back(dir, &files);
    std::vector<std::unique_ptr<tf::ModuleConfig>> built_now(dirs.size());
    ParallelFor(dirs.size(), options_.jobs, [&](size_t i) {
      auto& [dir, files] = dirs[i];
      std::sort(files->begin(), files->end(), [](const hcl::File* a, const hcl::File* b) {
        return a->source->path() < b->source->path();
      });
      std::string path(dir);
      built_now[i] = tf::BuildModuleConfig(path, files_->Display(path), *files);
    });
    std::vector<tf::ModuleConfig*> fresh;
    for (size_t i = 0; i < dirs.size(); ++i) {
      std::string_view dir = dirs[i].first;
      auto m = std::move(built_now[i]);
      for (const Diagnostic& d : m->diagnostics) input_errors_.push_back(d);
      module_by_dir_[m->dir] = m.get();
      fresh.push_back(m.get());
      modules_.push_back(std::move(m));
      built.insert(dir);
    }
    bool loaded_more = false;
    for (tf::ModuleConfig* m : fresh) {
      for (auto& [name, call] : m->calls) {
        if (!call.local) continue;
        fs::path target = ModuleDirectory(m->dir, call.source);
        if (!files_->Contains(target)) {
          warnings_.push_back(DiagnosticAt(
              call.source_span,
              "module source \"" + call.source + "\" is outside the project root; not followed"));
          continue;
        }
        // A directory already loaded is one (most calls name one the walk
        // found); only the others are asked about.
        if (loaded_dirs_.count(target.native())) continue;
        std::error_code ec;
        if (!fs::is_directory(target, ec)) {
          warnings_.push_back(DiagnosticAt(
              call.source_span, "module source \"" + call.source + "\" is not a directory"));
          continue;
        }
        LoadDirectory(target);
        loaded_more = true;
      }
    }
    if (loaded_more) ParseAll();
  }
  // Link calls to their modules.
  for (auto& m : modules_) {
    for (auto& [name, call] : m->calls) {
      if (!call.local) continue;
      call.target = ModuleFor(ModuleDirectory(m->dir, call.source));
    }
  }
  std::sort(modules_.begin(), modules_.end(),
            [](const auto& a, const auto& b) { return a->dir < b->dir; });
}

std::vector<const tf::ModuleConfig*> Project::Roots() const {
  std::set<const tf::ModuleConfig*> called;
  for (const auto& m : modules_) {
    for (const auto& [name, call] : m->calls) {
      if (call.target && call.target != m.get()) called.insert(call.target);
    }
  }
  std::vector<const tf::ModuleConfig*> roots;
  for (const auto& m : modules_) {
    if (!called.count(m.get())) roots.push_back(m.get());
  }
  return roots;
}

std::vector<RootEnvironment> Project::Environments() {
  std::vector<RootEnvironment> out;
  // Variables files by directory, looked up per root (not a scan of every
  // input per root: a monorepo has thousands of each).
  std::map<std::string, std::vector<const Input*>, std::less<>> var_files;
  for (const auto& in : inputs_) {
    if ((in->kind != InputKind::kTfvars && in->kind != InputKind::kTfvarsJson) || !in->source) {
      continue;
    }
    var_files[std::string(in->dir())].push_back(in.get());
    // Decoded once here; the environments' evaluations read them in parallel.
    var_settings_.emplace(in.get(), ReadVarFile(*in));
  }
  for (const tf::ModuleConfig* root : Roots()) {
    std::vector<const Input*> base, named;
    if (auto it = var_files.find(root->dir); it != var_files.end()) {
      for (const Input* in : it->second) {
        (IsBaseVarFile(in->file_name()) ? base : named).push_back(in);
      }
    }
    auto by_name = [](const Input* a, const Input* b) {
      std::string_view an = a->file_name(), bn = b->file_name();
      // terraform.tfvars, then terraform.tfvars.json, then *.auto.tfvars by name.
      auto rank = [](std::string_view n) {
        return n == "terraform.tfvars" ? 0 : n == "terraform.tfvars.json" ? 1 : 2;
      };
      if (rank(an) != rank(bn)) return rank(an) < rank(bn);
      return an < bn;
    };
    std::sort(base.begin(), base.end(), by_name);
    std::sort(named.begin(), named.end(), by_name);
    if (DeclaredEnvironments(root, base, out)) continue;
    std::string dir_name = fs::path(root->dir).filename().string();
    bool cli_vars = !options_.vars.empty() || !options_.var_files.empty();
    if (named.empty() && base.empty() && !root->LooksLikeRoot() && !cli_vars) {
      RootEnvironment re;
      re.root = root;
      re.env.root = root->display_dir;
      re.unknown_inputs = true;
      out.push_back(std::move(re));  // workspace unknown
      continue;
    }
    auto make = [&](std::string name, const Input* extra) {
      RootEnvironment re;
      re.root = root;
      re.env.name = std::move(name);
      re.env.root = root->display_dir;
      re.var_files = base;
      if (extra) re.var_files.push_back(extra);
      re.env.workspace = WorkspaceOf(re.env.name, extra != nullptr, std::nullopt);
      for (const Input* f : re.var_files) re.env.var_files.push_back(f->source->path());
      out.push_back(std::move(re));
    };
    if (named.empty()) {
      make(dir_name, nullptr);
    } else {
      for (const Input* f : named) make(StemOf(f->file_name()), f);
    }
  }
  // Production: by name, directory name, or the environment/env/stage variable.
  for (RootEnvironment& re : out) {
    if (!re.env.known()) continue;
    std::string dir_name = fs::path(re.root->dir).filename().string();
    if (re.declared_production) {
      re.env.production = *re.declared_production ? Tri::kTrue : Tri::kFalse;
      if (*re.declared_production) re.env.production_reason = "declared in the configuration";
    } else if (IsProductionName(re.env.name)) {
      re.env.production = Tri::kTrue;
      re.env.production_reason = "environment name \"" + re.env.name + "\"";
    } else if (IsProductionName(dir_name)) {
      re.env.production = Tri::kTrue;
      re.env.production_reason = "directory name \"" + dir_name + "\"";
    } else {
      re.env.production = Tri::kFalse;
      tf::EvalOptions opts = OptionsFor(re);
      tf::Evaluator ev(*re.root, std::move(opts));
      for (const char* var : {"environment", "env", "stage"}) {
        if (!re.root->FindVariable(var)) continue;
        Value v = ev.RootVariable(var);
        if (v.is_unknown()) {
          re.env.production = Tri::kUnknown;
        } else if (v.is_string() && IsProductionName(v.str())) {
          re.env.production = Tri::kTrue;
          re.env.production_reason = std::string("variable ") + var + " = \"" + v.str() + "\"";
          break;
        }
      }
    }
  }
  // A declared root that is not a root module (another module calls it) is
  // evaluated through its caller; say so rather than ignore the declaration.
  std::vector<const tf::ModuleConfig*> roots = Roots();
  for (const EnvironmentSpec& spec : options_.environments) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(spec.root, ec);
    for (const auto& m : modules_) {
      if (fs::weakly_canonical(m->dir, ec) != dir) continue;
      if (std::find(roots.begin(), roots.end(), m.get()) != roots.end()) continue;
      Diagnostic d = FileDiagnostic(files_->Display(spec.root),
                                    "environment '" + spec.name +
                                        "' from the configuration is not evaluated: another "
                                        "module calls this directory, so it is not a root module");
      d.warning = true;
      warnings_.push_back(std::move(d));
    }
  }
  if (!options_.env.empty()) {
    std::erase_if(out, [&](const RootEnvironment& re) { return re.env.name != options_.env; });
  }
  WarnUndeclared(out);
  return out;
}

// A variables file that sets a variable its root does not declare: Terraform
// ignores the value (with a warning), so a misspelt name (`multi_azz`) leaves
// the setting at its default in that environment. Said once per file and name.
void Project::WarnUndeclared(const std::vector<RootEnvironment>& envs) {
  std::set<std::pair<const Input*, std::string>> said;
  for (const RootEnvironment& re : envs) {
    if (!re.root || re.unknown_inputs) continue;
    for (const Input* f : re.var_files) {
      for (const VarSetting& set : SettingsOf(*f)) {
        const std::string& name = set.name;
        Span at = set.name_span;
        if (re.root->FindVariable(name) || !said.emplace(f, name).second) continue;
        std::string message = "\"" + name + "\" is set here, but the root module (" +
                              re.root->display_dir +
                              ") declares no such variable: Terraform ignores the value (\"Value "
                              "for undeclared variable\"), so nothing in the configuration gets it";
        std::string_view closest;
        size_t best = 3;
        for (const tf::Variable& v : re.root->variables) {
          size_t d = EditDistance(name, v.name, 2);
          if (d < best) {
            best = d;
            closest = v.name;
          }
        }
        if (!closest.empty()) message += "; did you mean \"" + std::string(closest) + "\"?";
        Diagnostic d = at.valid() ? DiagnosticAt(at, std::move(message))
                                  : FileDiagnostic(f->source->path(), std::move(message));
        d.warning = true;
        warnings_.push_back(std::move(d));
      }
    }
  }
}

bool Project::DeclaredEnvironments(const tf::ModuleConfig* root,
                                   const std::vector<const Input*>& base,
                                   std::vector<RootEnvironment>& out) {
  if (options_.environments.empty()) return false;
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(root->dir, ec);
  bool any = false;
  for (const EnvironmentSpec& spec : options_.environments) {
    if (fs::weakly_canonical(spec.root, ec) != dir) continue;
    any = true;
    RootEnvironment re;
    re.root = root;
    re.env.name = spec.name;
    re.env.root = root->display_dir;
    re.var_files = base;
    for (const fs::path& vf : spec.var_files) {
      fs::path abs = fs::absolute(vf).lexically_normal();
      for (const auto& in : inputs_) {
        if (in->path == abs && in->source) re.var_files.push_back(in.get());
      }
    }
    for (const Input* f : re.var_files) re.env.var_files.push_back(f->source->path());
    re.declared_production = spec.production;
    re.env.workspace = WorkspaceOf(spec.name, !spec.var_files.empty(), spec.workspace);
    out.push_back(std::move(re));
  }
  return any;
}

std::vector<Project::VarSetting> Project::ReadVarFile(const Input& in) {
  std::vector<VarSetting> out;
  if (!in.source) return out;
  auto add = [&](std::string name, Span at, Value v) {
    out.push_back(VarSetting{std::move(name), at, tf::RootInput{std::move(v), "value set here"}});
  };
  if (in.kind == InputKind::kTfvarsJson) {
    std::string error;
    auto v = tf::JsonDecode(in.source->text(), in.source, Span{}, &error);
    if (!v || !v->is_object()) return out;
    for (const Field& f : v->fields()) add(f.key, f.key_span, f.value);
    return out;
  }
  if (!in.hcl || in.hcl->error) return out;
  tf::Scope empty;
  tf::ModuleConfig none;
  tf::Evaluator ev(none, tf::EvalOptions{});
  if (in.hcl->body) {
    for (const hcl::Attribute& a : in.hcl->body->attributes) {
      add(std::string(a.name()), a.name_span(), ev.Eval(a.expr, empty));
    }
  } else if (in.hcl->json) {
    Value v = ev.Eval(in.hcl->json, empty);
    for (const Field& f : v.fields()) add(f.key, f.key_span, f.value);
  }
  return out;
}

const std::vector<Project::VarSetting>& Project::SettingsOf(const Input& in) const {
  static const std::vector<VarSetting> kNone;
  auto it = var_settings_.find(&in);
  return it == var_settings_.end() ? kNone : it->second;
}

tf::EvalOptions Project::OptionsFor(const RootEnvironment& re) {
  tf::EvalOptions opts;
  opts.unknown_inputs = re.unknown_inputs;
  opts.workspace = re.env.workspace;
  if (!re.unknown_inputs) {
    for (const Input* f : re.var_files) {
      for (const VarSetting& set : SettingsOf(*f)) opts.inputs[set.name] = set.input;
    }
    for (const std::string& vf : options_.var_files) {
      fs::path p = fs::absolute(vf).lexically_normal();
      for (const auto& in : inputs_) {
        if (in->path == p) {
          for (const VarSetting& set : SettingsOf(*in)) opts.inputs[set.name] = set.input;
        }
      }
    }
    uint32_t at = 0;
    for (const auto& [k, v] : options_.vars) {
      uint32_t begin = at + static_cast<uint32_t>(6 + k.size() + 1);
      Span span{cli_vars_.get(), begin, begin + static_cast<uint32_t>(v.size())};
      opts.inputs[k] = tf::RootInput{Value::String(v, span), "set with --var"};
      at = begin + static_cast<uint32_t>(v.size()) + 1;
    }
  }
  FileStore* store = files_.get();
  opts.read_file = [store](const std::string& path, std::string* error) {
    return store->Read(path, error);
  };
  opts.parse_template = [store](const SourceFile& f) { return store->Template(f); };
  return opts;
}

void Project::AddWarnings(const std::vector<Diagnostic>& d) {
  warnings_.insert(warnings_.end(), d.begin(), d.end());
}

}  // namespace infracheck
