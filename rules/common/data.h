// What the RDS and ElastiCache rules share: engines, replicas, parameter
// groups and switch values, read the way the AWS provider reads them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "infracheck/resource.h"
#include "infracheck/value.h"

namespace infracheck::rules {

/// ASCII lower-case copy.
std::string Lower(std::string_view s);

/// The leading number of a version: "16.1" -> 16, "postgres16" -> 16
/// (letters before it are skipped), "8.0.mysql_aurora.3" -> 8.
std::optional<int> MajorVersion(std::string_view version);

/// A database's `engine`, lower-cased; nullopt when absent, null or unknown.
std::optional<std::string> EngineOf(const Resource& r);

/// Aurora engines ("aurora", "aurora-mysql", "aurora-postgresql").
bool IsAuroraEngine(std::string_view engine);
/// PostgreSQL engines, RDS or Aurora.
bool IsPostgresEngine(std::string_view engine);
/// MySQL-compatible engines: MySQL, MariaDB, Aurora MySQL.
bool IsMysqlEngine(std::string_view engine);

/// Whether an RDS instance or cluster is a replica of another database
/// (`replicate_source_db`, `replication_source_identifier`): a replica takes
/// its data, and with it backups and encryption, from its source.
Tri IsRdsReplica(const Resource& r);

/// An optional string attribute that selects something when set: kFalse when
/// absent, null or empty, kTrue when a non-empty string, kUnknown otherwise.
Tri IsSet(const Value* v);

/// An on/off parameter value as RDS accepts it: 1/0, on/off, true/false, in
/// any case. kUnknown for anything else, unknown values included.
Tri SwitchValue(const Value* v);

/// The `value` of the `parameter` block named `name` (compared without case)
/// in a DB or cluster parameter group. nullptr when the group does not set
/// it; *unknown is set when the blocks cannot be read (unknown, dynamic).
const Value* FindParameter(const Resource& group, std::string_view name, bool* unknown);

/// The engine of a node-based ElastiCache resource, lower-cased: a
/// replication group defaults to "redis"; nullopt when unknown.
std::optional<std::string> CacheEngineOf(const Resource& r);

/// Whether an aws_elasticache_cluster is a member of a replication group
/// (`replication_group_id`): its settings are then the group's.
Tri IsCacheGroupMember(const Resource& r);

}  // namespace infracheck::rules
