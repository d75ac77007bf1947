// Postgres, Redis and Bucket.
//
// Sources: sst/sst platform/src/components/aws/postgres.ts (Postgres v2, RDS
// instance), aurora.ts (Aurora Serverless v2 cluster), redis.ts (Redis v2,
// cluster-mode replication group) and bucket.ts (BucketV2 with a public
// access block).
#include <charconv>
#include <cmath>

#include "checker/sst/translate_util.h"

namespace infracheck::sst::detail {

namespace {

Value Str(std::string s, Span at) { return Value::String(std::move(s), at); }
Value Num(double n, Span at) { return Value::Number(n, at); }
Value Bool(bool b, Span at) { return Value::Bool(b, at); }

// An argument with a default: the argument (value and key span) if given.
Field ArgOr(const Value& args, const char* key, std::string out, Value dflt) {
  if (const Field* f = Arg(args, key)) return FromArg(std::move(out), *f);
  return Default(std::move(out), std::move(dflt));
}

// The subnets and security groups of a data component's `vpc` argument:
// an SST Vpc's private subnets and security groups, or the object given.
void DataNetwork(const Context& ctx, const Component& c, Value* subnets, Value* groups) {
  Span at = c.header;
  *subnets = Value::Unknown(at);
  *groups = Value::Unknown(at);
  const Field* vpc = Arg(c.args, "vpc");
  if (!vpc) return;
  Network net = NetworkOf(ctx, vpc->value, at);
  if (net.vpc) {
    *subnets = net.private_subnets;
    *groups = net.security_groups;
    return;
  }
  if (const Value* s = vpc->value.Get("subnets")) *subnets = *s;
  if (const Value* g = vpc->value.Get("securityGroups")) *groups = *g;
}

}  // namespace

void TranslatePostgres(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;
  Value subnets, groups;
  DataNetwork(ctx, c, &subnets, &groups);
  std::string sng = n + "SubnetGroup";
  std::string pg = n + "ParameterGroup";
  Add(ctx, c, "aws_db_subnet_group", sng, {Default("subnet_ids", subnets)});
  // createParameterGroup: rds.force_ssl = 0 and logical replication.
  Add(ctx, c, "aws_db_parameter_group", pg,
      {Default("family", Str("postgres16", at)),
       Default("parameter",
               Value::List({Value::Object({Default("name", Str("rds.force_ssl", at)),
                                           Default("value", Str("0", at))},
                                          at),
                            Value::Object({Default("name", Str("rds.logical_replication", at)),
                                           Default("value", Str("1", at)),
                                           Default("apply_method", Str("pending-reboot", at))},
                                          at)},
                           at))});
  Value instance_class = Str("db.t4g.micro", at);
  if (const Field* f = Arg(args, "instance")) {
    instance_class = f->value.is_string() ? Str("db." + f->value.str(), f->value.origin())
                                          : Value::Unknown(f->value.origin());
  }
  std::vector<Field> attrs = {
      ArgOr(args, "database", "db_name", Value::Unknown(at)),  // $app.name with _ for -
      Default("db_subnet_group_name", RefTo("aws_db_subnet_group", sng, "name", at)),
      Default("engine", Str("postgres", at)),
      ArgOr(args, "version", "engine_version", Str("16.4", at)),
      Default("instance_class", instance_class),
      ArgOr(args, "username", "username", Str("postgres", at)),
      // A RandomPassword unless `password` is given.
      ArgOr(args, "password", "password", Value::Unknown(at)),
      Default("parameter_group_name", RefTo("aws_db_parameter_group", pg, "name", at)),
      Default("skip_final_snapshot", Bool(true, at)), Default("storage_encrypted", Bool(true, at)),
      Default("storage_type", Str("gp3", at)), Default("allocated_storage", Num(20, at)),
      Default("backup_retention_period", Num(7, at)),
      Default("performance_insights_enabled", Bool(true, at))};
  if (const Field* i = Arg(args, "instance")) attrs[4].key_span = i->key_span;
  Add(ctx, c, "aws_db_instance", n + "Instance", std::move(attrs));
  (void)groups;  // SST sets no vpc_security_group_ids: the VPC's default group applies
}

namespace {

// "4 ACU" -> 4 (aurora.ts parseACU).
Value Acu(const Field* f, const char* dflt, Span at) {
  std::string s = f ? (f->value.is_string() ? f->value.str() : std::string()) : dflt;
  Span o = f ? f->value.origin() : at;
  if (!s.ends_with(" ACU")) return Value::Unknown(o);
  double n = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size() - 4, n);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() - 4) return Value::Unknown(o);
  return Num(n, o);
}

}  // namespace

void TranslateAurora(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;
  Value subnets, groups;
  DataNetwork(ctx, c, &subnets, &groups);
  // engine has no default; version and username follow it.
  const Field* engine_arg = Arg(args, "engine");
  std::optional<std::string> engine;
  if (engine_arg && engine_arg->value.is_string() &&
      (engine_arg->value.str() == "postgres" || engine_arg->value.str() == "mysql")) {
    engine = engine_arg->value.str();
  }
  Span eo = engine_arg ? engine_arg->value.origin() : at;
  Value version = engine ? Str(*engine == "postgres" ? "16.4" : "3.08.0", at) : Value::Unknown(at);
  if (const Field* v = Arg(args, "version")) version = v->value;
  Value engine_version = version;
  if (engine && *engine == "mysql") {
    engine_version =
        version.is_string()
            ? Str((version.str().starts_with("2") ? "5.7.mysql_aurora." : "8.0.mysql_aurora.") +
                      version.str(),
                  version.origin())
            : Value::Unknown(version.origin());
  }
  Value family = Value::Unknown(at);
  if (engine && version.is_string()) {
    family = *engine == "postgres"
                 ? Str("aurora-postgresql" + version.str().substr(0, version.str().find('.')), at)
                 : Str(version.str().starts_with("2") ? "aurora-mysql5.7" : "aurora-mysql8.0", at);
  }
  Value username =
      engine ? Str(*engine == "postgres" ? "postgres" : "root", at) : Value::Unknown(at);
  std::string sng = Name({n, "SubnetGroup"});
  std::string pg = Name({n, "ParameterGroup"});
  std::string cpg = Name({n, "ClusterParameterGroup"});
  Add(ctx, c, "aws_db_subnet_group", sng, {Default("subnet_ids", subnets)});
  Add(ctx, c, "aws_db_parameter_group", pg,
      {Default("family", family), Default("parameter", Value::List({}, at))});
  Add(ctx, c, "aws_rds_cluster_parameter_group", cpg,
      {Default("family", family), Default("parameter", Value::List({}, at))});
  const Field* scaling = Arg(args, "scaling");
  const Value none = Value::Object({}, at);
  const Value& sc = scaling && scaling->value.is_object() ? scaling->value : none;
  Value pause = Value::Unknown(at);
  if (const Field* p = Arg(sc, "pauseAfter"); !p) pause = Num(300, at);  // "5 minutes"
  std::string cluster = Name({n, "Cluster"});
  Add(ctx, c, "aws_rds_cluster", cluster,
      {Default("engine", engine
                             ? Str(*engine == "postgres" ? "aurora-postgresql" : "aurora-mysql", eo)
                             : Value::Unknown(eo)),
       Default("engine_mode", Str("provisioned", at)), Default("engine_version", engine_version),
       ArgOr(args, "database", "database_name", Value::Unknown(at)),
       ArgOr(args, "username", "master_username", username),
       ArgOr(args, "password", "master_password", Value::Unknown(at)),  // a RandomPassword
       Default("db_cluster_parameter_group_name",
               RefTo("aws_rds_cluster_parameter_group", cpg, "name", at)),
       Default("db_instance_parameter_group_name", RefTo("aws_db_parameter_group", pg, "name", at)),
       Default(
           "serverlessv2_scaling_configuration",
           Value::List({Value::Object({Default("max_capacity", Acu(Arg(sc, "max"), "4 ACU", at)),
                                       Default("min_capacity", Acu(Arg(sc, "min"), "0 ACU", at)),
                                       Default("seconds_until_auto_pause", pause)},
                                      at)},
                       at)),
       Default("skip_final_snapshot", Bool(true, at)), Default("storage_encrypted", Bool(true, at)),
       ArgOr(args, "dataApi", "enable_http_endpoint", Bool(false, at)),
       Default("db_subnet_group_name", RefTo("aws_db_subnet_group", sng, "name", at)),
       Default("vpc_security_group_ids", groups)});
  // createInstances: the writer, then `replicas` readers (default 0).
  auto instance = [&](const std::string& name) -> Resource& {
    return Add(
        ctx, c, "aws_rds_cluster_instance", name,
        {Default("cluster_identifier", RefTo("aws_rds_cluster", cluster, "id", at)),
         Default("instance_class", Str("db.serverless", at)),
         Default("engine",
                 engine ? Str(*engine == "postgres" ? "aurora-postgresql" : "aurora-mysql", eo)
                        : Value::Unknown(eo)),
         Default("engine_version", engine_version),
         Default("db_subnet_group_name", RefTo("aws_db_subnet_group", sng, "name", at)),
         Default("db_parameter_group_name", RefTo("aws_db_parameter_group", pg, "name", at))});
  };
  instance(Name({n, "Instance"}));
  if (const Field* r = Arg(args, "replicas")) {
    constexpr double kMaxReplicas = 15;  // Aurora's limit of readers
    const Value& v = r->value;
    if (v.is_number() && v.number() >= 0 && v.number() <= kMaxReplicas &&
        v.number() == std::floor(v.number())) {
      for (int i = 0; i < static_cast<int>(v.number()); ++i) {
        instance(Name({n, "Replica" + std::to_string(i)}));
      }
    } else {
      // How many readers is unknown: one stands for them, its count unknown.
      instance(Name({n, "Replica0"})).unknown_count = true;
    }
  }
}

void TranslateRedis(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;
  Value subnets, groups;
  DataNetwork(ctx, c, &subnets, &groups);
  std::string sng = n + "SubnetGroup";
  Add(ctx, c, "aws_elasticache_subnet_group", sng,
      {Default("description", Str("Managed by SST", at)), Default("subnet_ids", subnets)});
  Value engine = Str("redis", at);
  if (const Field* e = Arg(args, "engine")) engine = e->value;
  Value version =
      engine.is_string() ? Str(engine.str() == "redis" ? "7.1" : "7.2", at) : Value::Unknown(at);
  if (const Field* v = Arg(args, "version")) version = v->value;
  Value node_type = Str("cache.t4g.micro", at);
  if (const Field* i = Arg(args, "instance")) {
    node_type = i->value.is_string() ? Str("cache." + i->value.str(), i->value.origin())
                                     : Value::Unknown(i->value.origin());
  }
  Add(ctx, c, "aws_elasticache_replication_group", n + "Cluster",
      {Default("replication_group_id", Value::Unknown(at)),
       Default("description", Str("Managed by SST", at)), Default("engine", engine),
       Default("engine_version", version), Default("node_type", node_type),
       Default("port", Num(6379, at)), Default("automatic_failover_enabled", Bool(true, at)),
       Default("cluster_mode", Str("enabled", at)),
       ArgOr(args, "nodes", "num_node_groups", Num(1, at)),
       Default("replicas_per_node_group", Num(0, at)), Default("multi_az_enabled", Bool(false, at)),
       Default("at_rest_encryption_enabled", Bool(true, at)),
       Default("transit_encryption_enabled", Bool(true, at)),
       Default("transit_encryption_mode", Str("required", at)),
       Default("auth_token", Value::Unknown(at)),  // a RandomPassword
       Default("subnet_group_name", RefTo("aws_elasticache_subnet_group", sng, "name", at)),
       Default("security_group_ids", groups)});
}

void TranslateBucket(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;
  std::string bucket = n + "Bucket";
  Add(ctx, c, "aws_s3_bucket", bucket,
      {Default("bucket", Value::Unknown(at)), Default("force_destroy", Bool(true, at))});
  Value bucket_name = RefTo("aws_s3_bucket", bucket, "bucket", at);
  // createVersioning: only when `versioning` is true.
  if (const Field* v = Arg(args, "versioning")) {
    if (v->value.is_unknown() || IsTrue(&v->value)) {
      Resource& r = Add(
          ctx, c, "aws_s3_bucket_versioning", n + "Versioning",
          {Default("bucket", bucket_name),
           Field{"versioning_configuration",
                 Value::List({Value::Object({Default("status", Str("Enabled", v->value.origin()))},
                                            v->value.origin())},
                             v->value.origin()),
                 v->key_span}});
      r.unknown_count = r.unknown_count || v->value.is_unknown();
    }
  }
  // createPublicAccess: everything blocked unless `access: "public"` (or the
  // older `public: true`).
  const Field* access = Arg(args, "access");
  const Field* pub = Arg(args, "public");
  Value open = Bool(false, at);
  if (access) {
    open = access->value.is_string() ? Bool(access->value.str() == "public", access->value.origin())
                                     : Value::Unknown(access->value.origin());
  } else if (pub) {
    open = pub->value.is_bool() ? pub->value : Value::Unknown(pub->value.origin());
    access = pub;
  } else if (args.is_unknown()) {
    open = Value::Unknown(at);
  }
  auto blocked = [&]() {
    return open.is_bool() ? Bool(!open.bool_value(), open.origin()) : Value::Unknown(open.origin());
  };
  Add(ctx, c, "aws_s3_bucket_public_access_block", n + "PublicAccessBlock",
      {Default("bucket", bucket_name), Default("block_public_acls", Bool(true, at)),
       Field{"block_public_policy", blocked(), access ? access->key_span : Span{}},
       Default("ignore_public_acls", Bool(true, at)),
       Field{"restrict_public_buckets", blocked(), access ? access->key_span : Span{}}});
}

}  // namespace infracheck::sst::detail
