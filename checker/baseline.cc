#include "checker/baseline.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/scan.h"

namespace infracheck {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

bool ReadBaseline(const fs::path& file, Baseline* out, std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = file.string() + ": cannot read the baseline";
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("findings") || !j["findings"].is_array()) {
    *error = file.string() + ": not an infracheck baseline (write one with --write-baseline)";
    return false;
  }
  Baseline b;
  for (const Json& f : j["findings"]) {
    if (f.is_object() && f.contains("fingerprint") && f["fingerprint"].is_string()) {
      b.fingerprints.insert(f["fingerprint"].get<std::string>());
    }
  }
  *out = std::move(b);
  return true;
}

std::string BaselineJson(const ScanResult& result) {
  fs::path root = result.project ? result.project->files().root() : fs::path();
  std::map<std::string, Json> entries;
  for (const Finding& f : result.findings) {
    if (f.suppressed && f.suppression_kind != SuppressionKind::kBaseline) continue;
    if (entries.count(f.fingerprint)) continue;
    Json e;
    e["fingerprint"] = f.fingerprint;
    e["rule"] = f.rule;
    e["resource"] = f.resource;
    e["environment"] = f.environment ? Json(*f.environment) : Json(nullptr);
    // For people reading the file; matching uses the fingerprint alone.
    e["file"] =
        f.primary.valid() && !root.empty()
            ? fs::path(f.primary.file->real_path()).lexically_relative(root).generic_string()
            : std::string();
    entries.emplace(f.fingerprint, std::move(e));
  }
  Json list = Json::array();
  for (auto& [fp, e] : entries) list.push_back(std::move(e));
  Json doc;
  doc["tool"] = "infracheck";
  doc["version"] = 1;
  doc["findings"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void ApplyBaseline(const Baseline& baseline, ScanResult& result) {
  for (Finding& f : result.findings) {
    if (f.suppressed || !baseline.fingerprints.count(f.fingerprint)) continue;
    f.suppressed = true;
    f.suppression_kind = SuppressionKind::kBaseline;
    f.suppression = "baseline";
  }
}

}  // namespace infracheck
