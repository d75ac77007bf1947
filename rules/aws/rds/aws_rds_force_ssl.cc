// aws-rds-force-ssl: the database refuses connections that are not TLS.
#include <optional>
#include <string>

#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kCheckov[] = {"CKV2_AWS_69"};
constexpr std::string_view kForceSsl = "rds.force_ssl";
constexpr std::string_view kSecureTransport = "require_secure_transport";
// RDS for PostgreSQL sets rds.force_ssl = 1 by default from this major version on.
constexpr int kPostgresForcesSslFrom = 15;

// A major version as far as the configuration says: absent, known, or unknown.
struct Version {
  bool unknown = false;
  std::optional<int> major;
};

Version VersionOf(const Value* v) {
  Version out;
  if (IsAbsent(v)) return out;
  if (!v->is_string()) {
    out.unknown = true;
  } else {
    out.major = MajorVersion(v->str());
  }
  return out;
}

// Whether the engine's own default (no parameter setting it) enforces TLS.
bool DefaultEnforces(std::string_view engine, std::optional<int> major) {
  return engine == "postgres" && major && *major >= kPostgresForcesSslFrom;
}

std::string Setting(std::string_view parameter) {
  return parameter == kForceSsl ? "rds.force_ssl = 1" : "require_secure_transport = ON";
}

std::string DefaultGroupMessage(std::string_view engine, std::string_view parameter,
                                std::optional<int> major, bool cluster) {
  std::string group =
      cluster ? "the default cluster parameter group" : "the default parameter group";
  if (engine == "postgres" && !major) {
    return "uses " + group +
           " and does not pin engine_version: the default sets rds.force_ssl = 1 only from "
           "PostgreSQL 15, so clients may connect without TLS; set " +
           Setting(parameter) + " in a custom parameter group";
  }
  std::string off = parameter == kForceSsl ? "rds.force_ssl at 0" : "require_secure_transport OFF";
  std::string of = engine == "postgres" ? " of PostgreSQL " + std::to_string(*major) : "";
  return "uses " + group + of + ", which leaves " + off +
         ": clients may connect without TLS; set " + Setting(parameter) +
         " in a custom parameter group";
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool cluster = r.kind == "aws_rds_cluster";
  auto engine = EngineOf(r);
  if (!engine) return;
  // Aurora takes TLS settings from the cluster parameter group: the cluster is checked.
  if (!cluster && IsAuroraEngine(*engine)) return;
  std::string_view parameter;
  if (IsPostgresEngine(*engine)) {
    parameter = kForceSsl;
  } else if (IsMysqlEngine(*engine)) {
    parameter = kSecureTransport;
  } else {
    return;  // Oracle, SQL Server, Db2: not covered by the requirement
  }
  std::string_view attr = cluster ? "db_cluster_parameter_group_name" : "parameter_group_name";
  const Value* name = r.Get(attr);
  Version version = VersionOf(r.Get("engine_version"));

  bool default_group =
      IsAbsent(name) || (name->is_string() && name->str().rfind("default.", 0) == 0);
  if (default_group) {
    // "default.postgres16" names its version; otherwise engine_version decides.
    std::optional<int> major = name && name->is_string() ? MajorVersion(name->str()) : std::nullopt;
    const Value* culprit = name;
    if (!major) {
      if (version.unknown) return;
      major = version.major;
      // For RDS for PostgreSQL the version decides: show where it came from.
      if (*engine == "postgres" && major) culprit = r.Get("engine_version");
    }
    if (DefaultEnforces(*engine, major)) return;
    ctx.Report(r, attr,
               (cluster ? "the cluster " : "the database ") +
                   DefaultGroupMessage(*engine, parameter, major, cluster),
               culprit);
    return;
  }

  auto groups = ctx.graph().Related(r, Relation::kParameterGroup);
  if (groups.empty()) return;  // the group is not in this configuration
  for (const Resource* g : groups) {
    bool unknown = false;
    const Value* value = FindParameter(*g, parameter, &unknown);
    if (unknown) return;
    if (value) {
      Tri on = SwitchValue(value);
      if (on == Tri::kUnknown) return;
      if (on == Tri::kTrue) continue;
      ctx.Report(r, attr,
                 "parameter group " + g->address + " sets " + std::string(parameter) + " = " +
                     StringOf(value).value_or("") + ": clients may connect without TLS",
                 value);
      return;
    }
    // Not set in the group: the default of the group's family applies.
    const Value* family = g->Get("family");
    std::optional<int> major;
    if (family && family->is_string()) {
      major = MajorVersion(family->str());
    } else if (!IsAbsent(family)) {
      return;
    }
    if (!major) {
      if (version.unknown) return;
      major = version.major;
    }
    if (DefaultEnforces(*engine, major)) continue;
    std::string family_name =
        family && family->is_string() ? " (" + family->str() + ")" : std::string();
    ctx.Report(r, attr,
               "parameter group " + g->address + family_name + " does not set " +
                   std::string(parameter) +
                   ", whose default lets clients connect without TLS; "
                   "set " +
                   Setting(parameter));
    return;
  }
}

}  // namespace

extern const Rule kAwsRdsForceSsl = {
    .id = "aws-rds-force-ssl",
    .title = "RDS databases must refuse connections without TLS",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Connections to the database are encrypted in transit: \"In-transit: SSL/TLS 연결 "
        "강제\" (004 \"데이터베이스 및 캐시\"). RDS offers TLS to every client but accepts plain "
        "connections unless the parameter group forces TLS, and a client that falls back to "
        "plaintext (libpq's default `sslmode=prefer` does) sends credentials and data in the "
        "clear. The rule reads the parameter group the database names: for PostgreSQL "
        "(`postgres`, `aurora-postgresql`) `rds.force_ssl` must be 1; for MySQL, MariaDB and "
        "Aurora MySQL `require_secure_transport` must be ON (1, on and true are accepted, in any "
        "case). Aurora clusters are checked through `db_cluster_parameter_group_name` "
        "(aws_rds_cluster_parameter_group), where these parameters live, and their instances are "
        "not checked. When no parameter sets it, the engine default applies: RDS for PostgreSQL "
        "15 and later defaults `rds.force_ssl` to 1 (AWS RDS User Guide, \"Updating applications "
        "to connect to PostgreSQL DB instances using new SSL/TLS certificates\"), so a default or "
        "custom group of a known major version of 15 or more passes; the version is taken from "
        "the group's family, a `default.postgresNN` name, or `engine_version`. Every other "
        "default is off (Aurora PostgreSQL, MySQL, MariaDB, PostgreSQL 14 and older, and an "
        "instance that does not pin `engine_version`, whose version AWS picks at creation). A "
        "group that is not in the configuration, an unknown engine or version, and other "
        "engines (Oracle, SQL Server, Db2) are not reported.",
    .remediation =
        "Attach a custom parameter group that sets `rds.force_ssl = 1` (PostgreSQL) or "
        "`require_secure_transport = ON` (MySQL, MariaDB); for Aurora, set it in the "
        "`aws_rds_cluster_parameter_group` named by `db_cluster_parameter_group_name`. Clients "
        "should connect with `sslmode=verify-full` and the RDS CA bundle.",
    .bad_example = R"(resource "aws_db_instance" "main" {
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.micro"
  allocated_storage    = 20
  parameter_group_name = "default.postgres14"
})",
    .good_example = R"(resource "aws_db_parameter_group" "main" {
  name   = "main-pg16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  engine               = "postgres"
  engine_version       = "16.4"
  instance_class       = "db.t4g.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.main.name
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
