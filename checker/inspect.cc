#include "checker/inspect.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace infracheck {

namespace {

struct Entry {
  const Resource* resource;
  const Environment* env;
};

std::vector<Entry> Entries(const ScanResult& result) {
  std::vector<Entry> out;
  for (const auto& g : result.graphs) {
    for (const auto& r : g->resources()) {
      // Terraform's configuration pseudo-resources stay out (the oracle
      // compares with terraform plan); other formats' (sst_app) show.
      if (r->mode != ResourceMode::kConfig || r->format != SourceFormat::kTerraform) {
        out.push_back({r, &g->environment()});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.resource->address, a.env->name, a.env->root) <
           std::tie(b.resource->address, b.env->name, b.env->root);
  });
  return out;
}

void Hcl(std::ostream& out, const Value& v, int indent) {
  std::string pad(static_cast<size_t>(indent) * 2, ' ');
  switch (v.kind()) {
    case Value::Kind::kNull:
      out << "null";
      return;
    case Value::Kind::kUnknown:
      out << "(unknown)";
      return;
    case Value::Kind::kBool:
    case Value::Kind::kNumber:
      out << *StringOf(&v);
      return;
    case Value::Kind::kString:
      out << nlohmann::json(v.str()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    case Value::Kind::kList: {
      if (v.items().empty()) {
        out << "[]";
        return;
      }
      out << "[\n";
      for (const Value& item : v.items()) {
        out << pad << "  ";
        Hcl(out, item, indent + 1);
        out << ",\n";
      }
      out << pad << "]";
      return;
    }
    case Value::Kind::kObject: {
      if (v.fields().empty()) {
        out << "{}";
        return;
      }
      out << "{\n";
      for (const Field& f : v.fields()) {
        out << pad << "  " << f.key << " = ";
        Hcl(out, f.value, indent + 1);
        out << "\n";
      }
      out << pad << "}";
      return;
    }
  }
}

}  // namespace

nlohmann::ordered_json ValueToJson(const Value& v) {
  using Json = nlohmann::ordered_json;
  switch (v.kind()) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kUnknown:
      return Json{{"__unknown__", true}};
    case Value::Kind::kBool:
      return v.bool_value();
    case Value::Kind::kNumber: {
      double n = v.number();
      if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 9.007199254740992e15) {
        return static_cast<int64_t>(n);
      }
      return n;
    }
    case Value::Kind::kString:
      // A document we translated (SST container definitions) may hold
      // unknowns, so it has no JSON text: show its structure instead.
      if (const Value* s = v.structured(); s && !s->IsWhollyKnown())
        return ValueToJson(*s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return v.str();
    case Value::Kind::kList: {
      Json a = Json::array();
      for (const Value& item : v.items()) a.push_back(ValueToJson(item));
      return a;
    }
    case Value::Kind::kObject: {
      Json o = Json::object();
      for (const Field& f : v.fields()) o[f.key] = ValueToJson(f.value);
      return o;
    }
  }
  return nullptr;
}

void WriteInspectJson(std::ostream& out, const ScanResult& result) {
  using Json = nlohmann::ordered_json;
  Json resources = Json::array();
  for (const Entry& e : Entries(result)) {
    Json j;
    j["address"] = e.resource->address;
    j["kind"] = e.resource->kind;
    j["mode"] = e.resource->mode == ResourceMode::kData     ? "data"
                : e.resource->mode == ResourceMode::kConfig ? "config"
                                                            : "managed";
    j["environment"] = e.env->known() ? Json(e.env->name) : Json(nullptr);
    j["root"] = e.env->root;
    j["workspace"] = e.env->workspace ? Json(*e.env->workspace) : Json(nullptr);
    j["format"] = std::string(SourceFormatName(e.resource->format));
    j["file"] = e.resource->block.file ? e.resource->block.file->path() : "";
    j["line"] = e.resource->block.start().line;
    j["attributes"] = ValueToJson(e.resource->attributes);
    resources.push_back(std::move(j));
  }
  Json root;
  root["resources"] = std::move(resources);
  Json errors = Json::array();
  for (const Diagnostic& d : result.errors) {
    Json e = {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"message", d.message}};
    if (d.warning) e["level"] = "warning";  // as in the JSON report
    errors.push_back(std::move(e));
  }
  root["errors"] = std::move(errors);
  out << root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void WriteInspectText(std::ostream& out, const ScanResult& result) {
  for (const auto& g : result.graphs) {
    const Environment& env = g->environment();
    out << "# " << (env.known() ? "environment " + env.name : std::string("unknown environment"))
        << " (" << env.root;
    if (env.is_production()) out << ", production: " << env.production_reason;
    if (env.workspace && *env.workspace != "default") out << ", workspace " << *env.workspace;
    out << ")\n";
  }
  for (const Entry& e : Entries(result)) {
    const Resource& r = *e.resource;
    out << "\n" << r.address << " (" << r.kind << ")";
    if (e.env->known()) out << " [" << e.env->name << "]";
    if (r.block.valid()) out << "  " << r.block.file->path() << ":" << r.block.start().line;
    out << "\n";
    Hcl(out, r.attributes, 0);
    out << "\n";
  }
  for (const Diagnostic& d : result.errors) {
    out << d.file << ":" << d.line << ":" << d.column << (d.warning ? ": warning: " : ": error: ")
        << d.message << "\n";
  }
}

}  // namespace infracheck
