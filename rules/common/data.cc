#include "rules/common/data.h"

#include <cctype>

namespace infracheck::rules {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int> MajorVersion(std::string_view version) {
  size_t i = 0;
  while (i < version.size() && !std::isdigit(static_cast<unsigned char>(version[i]))) ++i;
  if (i == version.size()) return std::nullopt;
  int major = 0;
  for (; i < version.size() && std::isdigit(static_cast<unsigned char>(version[i])); ++i) {
    major = major * 10 + (version[i] - '0');
    if (major > 100000) return std::nullopt;
  }
  return major;
}

std::optional<std::string> EngineOf(const Resource& r) {
  const Value* v = r.Get("engine");
  if (!v || !v->is_string()) return std::nullopt;
  return Lower(v->str());
}

bool IsAuroraEngine(std::string_view engine) { return engine.rfind("aurora", 0) == 0; }

bool IsPostgresEngine(std::string_view engine) {
  return engine == "postgres" || engine == "aurora-postgresql";
}

bool IsMysqlEngine(std::string_view engine) {
  return engine == "mysql" || engine == "mariadb" || engine == "aurora-mysql" || engine == "aurora";
}

Tri IsSet(const Value* v) {
  if (IsAbsent(v)) return Tri::kFalse;
  if (!v->is_string()) return Tri::kUnknown;
  return v->str().empty() ? Tri::kFalse : Tri::kTrue;
}

Tri IsRdsReplica(const Resource& r) {
  return IsSet(
      r.Get(r.kind == "aws_rds_cluster" ? "replication_source_identifier" : "replicate_source_db"));
}

Tri SwitchValue(const Value* v) {
  if (!v || !v->is_known()) return Tri::kUnknown;
  if (v->is_bool()) return v->bool_value() ? Tri::kTrue : Tri::kFalse;
  auto s = StringOf(v);
  if (!s) return Tri::kUnknown;
  std::string l = Lower(*s);
  if (l == "1" || l == "on" || l == "true") return Tri::kTrue;
  if (l == "0" || l == "off" || l == "false") return Tri::kFalse;
  return Tri::kUnknown;
}

const Value* FindParameter(const Resource& group, std::string_view name, bool* unknown) {
  *unknown = false;
  const Value* blocks = group.attributes.Get("parameter");
  if (IsAbsent(blocks)) return nullptr;
  if (!blocks->is_list()) {
    *unknown = true;
    return nullptr;
  }
  std::string wanted = Lower(name);
  for (const Value& block : blocks->items()) {
    const Value* n = block.Get("name");
    if (!block.is_object() || !n || !n->is_string()) {
      *unknown = true;  // a block we cannot read may be the one
      continue;
    }
    if (Lower(n->str()) == wanted) {
      const Value* value = block.Get("value");
      *unknown = value == nullptr;
      return value;
    }
  }
  return nullptr;
}

std::optional<std::string> CacheEngineOf(const Resource& r) {
  const Value* v = r.Get("engine");
  if (IsAbsent(v) && r.kind == "aws_elasticache_replication_group") return "redis";
  if (!v || !v->is_string()) return std::nullopt;
  return Lower(v->str());
}

Tri IsCacheGroupMember(const Resource& r) { return IsSet(r.Get("replication_group_id")); }

}  // namespace infracheck::rules
