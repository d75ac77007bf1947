// Postgres, Redis and Bucket.
//
// Sources: sst/sst platform/src/components/aws/postgres.ts (Postgres v2, RDS
// instance), redis.ts (Redis v2, cluster-mode replication group) and
// bucket.ts (BucketV2 with a public access block).
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
  // createPublicAccess: everything blocked unless `access: "public"`.
  const Field* access = Arg(args, "access");
  Value open = Bool(false, at);
  if (access) {
    open = access->value.is_string() ? Bool(access->value.str() == "public", access->value.origin())
                                     : Value::Unknown(access->value.origin());
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
