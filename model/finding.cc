#include "infracheck/finding.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "infracheck/environment.h"
#include "infracheck/resource.h"
#include "infracheck/rule.h"

namespace infracheck {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "low";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  std::string l = Lower(s);
  if (l == "low") return Severity::kLow;
  if (l == "medium") return Severity::kMedium;
  if (l == "high") return Severity::kHigh;
  if (l == "critical") return Severity::kCritical;
  return std::nullopt;
}

std::string_view ScopeName(Scope s) { return s == Scope::kProd ? "prod" : "all"; }

std::string_view SourceFormatName(SourceFormat f) {
  switch (f) {
    case SourceFormat::kTerraform:
      return "terraform";
    case SourceFormat::kTerraformPlan:
      return "terraform-plan";
    case SourceFormat::kSst:
      return "sst";
    case SourceFormat::kTaskDefinition:
      return "ecs-task-definition";
    case SourceFormat::kIamPolicy:
      return "iam-policy";
  }
  return "terraform";
}

uint64_t ResourceIdentity(std::string_view address, Span block) {
  uint64_t h = std::hash<std::string_view>{}(address);
  auto mix = [](uint64_t x) {  // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  };
  h = mix(h ^ reinterpret_cast<uintptr_t>(block.file));
  return mix(h ^ block.begin);
}

bool IsProductionName(std::string_view name) {
  std::string l = Lower(name);
  return l == "prod" || l == "production" || l == "prd" || l == "live";
}

}  // namespace infracheck
