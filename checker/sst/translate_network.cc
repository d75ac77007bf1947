// Vpc and Cluster, and how other components find their network.
//
// Source: sst/sst platform/src/components/aws/vpc.ts (Vpc v2, commit
// 08fa0a622a873d2ccd7ff70e4a36b7b72994b2c2) and cluster.ts (Cluster v2).
#include <cmath>

#include "checker/sst/translate_util.h"

namespace infracheck::sst::detail {

namespace {

Value Str(std::string s, Span at) { return Value::String(std::move(s), at); }
Value Num(double n, Span at) { return Value::Number(n, at); }
Value Bool(bool b, Span at) { return Value::Bool(b, at); }

// egress/ingress block allowing all traffic from `cidr`.
Value AllTraffic(Value cidr, Span at) {
  return Value::List(
      {Value::Object({Default("from_port", Num(0, at)), Default("to_port", Num(0, at)),
                      Default("protocol", Str("-1", at)),
                      Default("cidr_blocks", Value::List({std::move(cidr)}, at))},
                     at)},
      at);
}

}  // namespace

void TranslateVpc(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  std::string vpc = n + "Vpc";
  Value vpc_id = RefTo("aws_vpc", vpc, "id", at);
  // createVpc: 10.0.0.0/16 with DNS support and hostnames.
  Add(ctx, c, "aws_vpc", vpc,
      {Default("cidr_block", Str("10.0.0.0/16", at)), Default("enable_dns_support", Bool(true, at)),
       Default("enable_dns_hostnames", Bool(true, at))});
  std::string igw = n + "InternetGateway";
  Add(ctx, c, "aws_internet_gateway", igw, {Default("vpc_id", vpc_id)});
  // createSecurityGroup: the VPC's default security group, open within the VPC.
  Value vpc_cidr = Str("10.0.0.0/16", at).WithRef(Ref{Address("aws_vpc", vpc), "cidr_block"});
  Add(ctx, c, "aws_default_security_group", n + "SecurityGroup",
      {Default("vpc_id", vpc_id), Default("ingress", AllTraffic(vpc_cidr, at)),
       Default("egress", AllTraffic(Str("0.0.0.0/0", at), at))});

  auto zones = AzCount(c);
  bool unknown_count = !zones;
  size_t count = zones.value_or(1);
  const Field* az = Arg(c.args, "az");
  // normalizeNat: "managed" -> NAT gateways, "ec2" or an object -> NAT
  // instances, absent -> none.
  const Field* nat = Arg(c.args, "nat");
  enum class Nat { kNone, kManaged, kInstance, kUnknown } nat_kind = Nat::kNone;
  if (nat) {
    if (nat->value.is_string() && nat->value.str() == "managed") {
      nat_kind = Nat::kManaged;
    } else if ((nat->value.is_string() && nat->value.str() == "ec2") || nat->value.is_object()) {
      nat_kind = Nat::kInstance;
    } else {
      nat_kind = Nat::kUnknown;
    }
  } else if (c.args.is_unknown()) {
    nat_kind = Nat::kUnknown;
  }
  Span nat_at = nat ? nat->value.origin() : at;
  auto mark = [&](Resource& r) { r.unknown_count = r.unknown_count || unknown_count; };
  for (size_t i = 0; i < count; ++i) {
    std::string k = std::to_string(i + 1);
    Value zone = az && az->value.is_list() && i < az->value.items().size()
                     ? az->value.items()[i]
                     : Value::Unknown(at);  // getAvailabilityZones()
    std::string pub = Name({n, "PublicSubnet", k});
    mark(Add(
        ctx, c, "aws_subnet", pub,
        {Default("vpc_id", vpc_id),
         Default("cidr_block", unknown_count ? Value::Unknown(at)
                                             : Str("10.0." + std::to_string(8 * i) + ".0/22", at)),
         Default("availability_zone", zone), Default("map_public_ip_on_launch", Bool(true, at))}));
    std::string pub_rt = Name({n, "PublicRouteTable", k});
    mark(Add(
        ctx, c, "aws_route_table", pub_rt,
        {Default("vpc_id", vpc_id),
         Default("route",
                 Value::List({Value::Object({Default("cidr_block", Str("0.0.0.0/0", at)),
                                             Default("gateway_id",
                                                     RefTo("aws_internet_gateway", igw, "id", at))},
                                            at)},
                             at))}));
    mark(Add(ctx, c, "aws_route_table_association", Name({n, "PublicRouteTableAssociation", k}),
             {Default("subnet_id", RefTo("aws_subnet", pub, "id", at)),
              Default("route_table_id", RefTo("aws_route_table", pub_rt, "id", at))}));
    Value private_routes = Value::List({}, at);
    if (nat_kind == Nat::kManaged) {
      std::string eip = Name({n, "ElasticIp", k});
      std::string gw = Name({n, "NatGateway", k});
      mark(Add(ctx, c, "aws_eip", eip, {Default("domain", Str("vpc", nat_at))}));
      mark(Add(ctx, c, "aws_nat_gateway", gw,
               {Default("subnet_id", RefTo("aws_subnet", pub, "id", nat_at)),
                Default("allocation_id", RefTo("aws_eip", eip, "id", nat_at))},
               nat ? Span::Cover(nat->key_span, nat->value.origin()) : Span{}));
      private_routes = Value::List(
          {Value::Object({Default("cidr_block", Str("0.0.0.0/0", nat_at)),
                          Default("nat_gateway_id", RefTo("aws_nat_gateway", gw, "id", nat_at))},
                         nat_at)},
          nat_at);
    } else if (nat_kind == Nat::kInstance) {
      // A NAT instance's network interface: not a gateway we model.
      private_routes =
          Value::List({Value::Object({Default("cidr_block", Str("0.0.0.0/0", nat_at)),
                                      Default("network_interface_id", Value::Unknown(nat_at))},
                                     nat_at)},
                      nat_at);
    } else if (nat_kind == Nat::kUnknown) {
      private_routes = Value::Unknown(nat_at);
    }
    std::string priv = Name({n, "PrivateSubnet", k});
    mark(Add(ctx, c, "aws_subnet", priv,
             {Default("vpc_id", vpc_id),
              Default("cidr_block", unknown_count
                                        ? Value::Unknown(at)
                                        : Str("10.0." + std::to_string(8 * i + 4) + ".0/22", at)),
              Default("availability_zone", zone)}));
    std::string priv_rt = Name({n, "PrivateRouteTable", k});
    mark(Add(ctx, c, "aws_route_table", priv_rt,
             {Default("vpc_id", vpc_id), Default("route", private_routes)}));
    mark(Add(ctx, c, "aws_route_table_association", Name({n, "PrivateRouteTableAssociation", k}),
             {Default("subnet_id", RefTo("aws_subnet", priv, "id", at)),
              Default("route_table_id", RefTo("aws_route_table", priv_rt, "id", at))}));
  }
}

void TranslateCluster(Context& ctx, const Component& c) {
  // cluster.ts: `new ecs.Cluster(`${name}Cluster`, {})`: no settings, so
  // Container Insights stays off; the name is generated.
  Add(ctx, c, "aws_ecs_cluster", c.name + "Cluster", {Default("name", Value::Unknown(c.header))});
}

Network NetworkOf(const Context& ctx, const Value& vpc_arg, Span at) {
  Network net;
  Value unknown = Value::Unknown(at).WithProvenanceOf(vpc_arg);
  net.id = net.public_subnets = net.private_subnets = net.security_groups = unknown;
  net.container_subnets = net.load_balancer_subnets = unknown;
  if (const Component* vpc = ComponentOf(vpc_arg, ctx.ev.components);
      vpc && vpc->type == "sst.aws.Vpc") {
    net.vpc = vpc;
    for (const Field& f : vpc_arg.fields()) {
      if (f.key == "id") net.id = f.value;
      if (f.key == "publicSubnets") net.public_subnets = f.value;
      if (f.key == "privateSubnets") net.private_subnets = f.value;
      if (f.key == "securityGroups") net.security_groups = f.value;
    }
    // service.ts normalizeVpc: an SST Vpc runs containers in its public
    // subnets (with a public IP) to avoid NAT costs.
    net.container_subnets = net.public_subnets;
    net.load_balancer_subnets = net.public_subnets;
    return net;
  }
  if (vpc_arg.is_object() && !vpc_arg.open()) {
    // A plain object of ids: { id, publicSubnets, privateSubnets, securityGroups,
    // containerSubnets, loadBalancerSubnets }.
    auto take = [&](const char* key, Value& into) {
      if (const Value* v = vpc_arg.Get(key)) into = *v;
    };
    take("id", net.id);
    take("publicSubnets", net.public_subnets);
    take("privateSubnets", net.private_subnets);
    take("securityGroups", net.security_groups);
    take("containerSubnets", net.container_subnets);
    take("loadBalancerSubnets", net.load_balancer_subnets);
  }
  return net;
}

}  // namespace infracheck::sst::detail
