#include "checker/formats.h"

#include <algorithm>
#include <map>

#include "checker/sst/evaluator.h"
#include "checker/sst/translate.h"
#include "parsers/json/json_parser.h"

namespace infracheck {

namespace fs = std::filesystem;

namespace {

bool IsStatementList(const Value& st) {
  auto is_statement = [](const Value& s) {
    return s.is_object() && (s.Get("Effect") || s.Get("Action") || s.Get("NotAction"));
  };
  if (st.is_object()) return is_statement(st);
  if (!st.is_list() || st.items().empty()) return false;
  return std::all_of(st.items().begin(), st.items().end(), is_statement);
}

bool IsContainerList(const Value& v) {
  if (!v.is_list() || v.items().empty()) return false;
  return std::all_of(v.items().begin(), v.items().end(), [](const Value& c) {
    return c.is_object() && c.Get("image") && c.Get("name");
  });
}

}  // namespace

JsonKind ClassifyJson(const Value& v) {
  if (v.is_object()) {
    if (v.Get("format_version") && (v.Get("planned_values") || v.Get("resource_changes"))) {
      return JsonKind::kPlan;
    }
    if (const Value* td = v.Get("taskDefinition");
        td && td->is_object() && td->Get("containerDefinitions")) {
      return JsonKind::kTaskDefinition;
    }
    if (const Value* cd = v.Get("containerDefinitions"); cd && cd->is_list()) {
      return JsonKind::kTaskDefinition;
    }
    if (const Value* st = v.Get("Statement"); st && IsStatementList(*st))
      return JsonKind::kIamPolicy;
    return JsonKind::kNone;
  }
  if (IsContainerList(v)) return JsonKind::kTaskDefinition;
  return JsonKind::kNone;
}

std::optional<Diagnostic> ParseInput(Input& in) {
  switch (in.kind) {
    case InputKind::kTerraform:
    case InputKind::kTfvars:
      in.hcl = hcl::ParseFile(*in.source);
      if (in.hcl->error) return *in.hcl->error;
      return std::nullopt;
    case InputKind::kTypeScript:
      in.ts = typescript::ParseFile(*in.source);
      return in.ts->error;
    case InputKind::kJson: {
      // Most JSON in a repository is not ours (lock files can be large):
      // only documents naming one of our formats' keys are parsed.
      const std::string& text = in.source->text();
      bool candidate = false;
      for (const char* marker :
           {"\"containerDefinitions\"", "\"Statement\"", "\"format_version\"", "\"image\""}) {
        candidate = candidate || text.find(marker) != std::string::npos;
      }
      if (!candidate) return std::nullopt;
      json::ParseResult r = json::ParseFile(*in.source);
      if (r.value) {
        in.json_kind = ClassifyJson(*r.value);
        if (in.json_kind != JsonKind::kNone) in.json = std::make_unique<Value>(std::move(*r.value));
        return std::nullopt;
      }
      // Broken JSON is somebody else's unless it names one of our formats.
      const std::string& t = in.source->text();
      for (const char* marker :
           {"\"containerDefinitions\"", "\"Statement\"", "\"planned_values\""}) {
        if (t.find(marker) != std::string::npos) return r.error;
      }
      return std::nullopt;
    }
    case InputKind::kTfvarsJson:
      return std::nullopt;
  }
  return std::nullopt;
}

FormatResult EvaluateSstConfig(const Input& in, bool personal_stage, FileStore& files) {
  FormatResult out;
  if (!in.ts || in.ts->error || !in.source) return out;
  sst::Stage stage;
  stage.personal = personal_stage;
  if (!personal_stage) stage.name = "production";
  // Modules the config imports, read inside the project root only and kept
  // parsed for this evaluation.
  std::map<std::string, std::unique_ptr<typescript::File>> modules;
  std::vector<Diagnostic> module_errors;
  sst::ModuleLoader loader = [&](const fs::path& p) -> const typescript::File* {
    auto it = modules.find(p.string());
    if (it != modules.end()) return it->second && !it->second->error ? it->second.get() : nullptr;
    std::error_code ec;
    std::unique_ptr<typescript::File>& slot = modules[p.string()];
    if (!fs::is_regular_file(p, ec)) return nullptr;
    std::string error;
    const SourceFile* source = files.Read(p, &error);
    if (!source) {
      module_errors.push_back(Diagnostic{files.Display(p), 0, 0, error});
      return nullptr;
    }
    slot = typescript::ParseFile(*source);
    if (slot->error) {
      module_errors.push_back(*slot->error);
      return nullptr;
    }
    return slot.get();
  };
  // readdirSync: directories inside the project root only, names sorted by
  // byte as Node's readdir returns them.
  sst::DirectoryLister lister =
      [&](const fs::path& dir) -> std::optional<std::vector<std::string>> {
    std::error_code ec;
    if (!files.Contains(dir) || !fs::is_directory(dir, ec)) return std::nullopt;
    std::vector<std::string> names;
    for (DirEntry& e : ListDirectory(dir.string())) names.push_back(std::move(e.name));
    std::sort(names.begin(), names.end());
    return names;
  };
  sst::Evaluation ev = sst::Evaluate(*in.ts, stage, loader, lister);
  if (!ev.has_config) {
    if (personal_stage) return out;  // said once, for the production stage
    out.diagnostics.push_back(DiagnosticAt(
        Span{in.source, 0, 0}, "no `export default $config({...})` found; not evaluated"));
    return out;
  }
  out.resources = sst::Translate(ev, *in.source);
  // Both stages meet the same limits and modules: report them once.
  if (!personal_stage) {
    out.diagnostics = std::move(ev.diagnostics);
    out.diagnostics.insert(out.diagnostics.end(), module_errors.begin(), module_errors.end());
  }
  return out;
}

const tf::ModuleConfig* Project::ModuleAt(const fs::path& dir) const {
  auto it = module_by_dir_.find(dir.lexically_normal().string());
  return it == module_by_dir_.end() ? nullptr : it->second;
}

std::vector<RootEnvironment> Project::FormatEnvironments() const {
  std::vector<RootEnvironment> out;
  bool any_document = false;
  for (const auto& in : inputs_) {
    if (in->kind == InputKind::kTypeScript && in->ts && !in->ts->error) {
      // The stage `production`, and the personal stage (`sst deploy` with no
      // --stage): named "default", not production.
      for (bool personal : {false, true}) {
        RootEnvironment re;
        re.sst = in.get();
        re.sst_personal_stage = personal;
        re.env.name = personal ? "default" : "production";
        re.env.root = in->source->path();
        re.env.production = personal ? Tri::kFalse : Tri::kTrue;
        if (!personal) re.env.production_reason = "SST stage \"production\"";
        out.push_back(std::move(re));
      }
    } else if (in->kind == InputKind::kJson && in->json_kind == JsonKind::kPlan) {
      RootEnvironment re;
      re.plan = in.get();
      re.env = PlanEnvironment(*in);
      out.push_back(std::move(re));
    } else if (in->kind == InputKind::kJson && in->json_kind != JsonKind::kNone) {
      any_document = true;
    }
  }
  if (any_document) {
    RootEnvironment re;
    re.documents = true;  // unknown environment: prod rules stay silent
    out.push_back(std::move(re));
  }
  if (!options_.env.empty()) {
    std::erase_if(out, [&](const RootEnvironment& re) { return re.env.name != options_.env; });
  }
  return out;
}

}  // namespace infracheck
