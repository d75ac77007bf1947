// The network model: every ingress permission of every security group,
// whichever of the three ways it was written, and every route of every route
// table with the subnets that use it.
#include <optional>

#include "checker/graph/builder.h"

namespace infracheck::graph {

namespace {

constexpr std::string_view kGroupKinds[] = {"aws_security_group"};
constexpr std::string_view kTableKinds[] = {"aws_route_table", "aws_default_route_table"};
constexpr std::string_view kSubnetKinds[] = {"aws_subnet"};
constexpr std::string_view kVpcKinds[] = {"aws_vpc"};

const Value kUnknown = Value::Unknown();

const Value& Attr(const Value& obj, std::string_view name) {
  const Value* v = obj.Get(name);
  return v ? *v : kUnknown;
}

// Adds the values of a list attribute (or a single value) to `out`.
void Collect(const Value* v, std::vector<Value>& out) {
  if (!v || v->is_null()) return;
  if (v->is_list()) {
    for (const Value& item : v->items()) {
      if (!item.is_null()) out.push_back(item);
    }
  } else {
    out.push_back(*v);
  }
}

// Resolves source security groups: references become resources, anything
// else (an id literal, an unknown without reference) stays unresolved.
void AddSources(const Graph& g, const Value* v, Ingress& in) {
  std::vector<Value> values;
  Collect(v, values);
  for (const Value& s : values) {
    bool resolved = false;
    ForEachTarget(g, s, kGroupKinds, "", [&](const Resource& sg) {
      in.sources.push_back(&sg);
      resolved = true;
    });
    if (!resolved) in.unresolved_sources.push_back(s);
  }
}

// The security groups a rule resource's security_group_id names; one null
// entry when it names none in the graph (the rule is kept as unattached).
std::vector<const Resource*> GroupsOf(const Graph& g, const Resource& rule) {
  std::vector<const Resource*> out;
  if (const Value* id = rule.Get("security_group_id")) {
    ForEachTarget(g, *id, kGroupKinds, "", [&](const Resource& sg) { out.push_back(&sg); });
  }
  if (out.empty()) out.push_back(nullptr);
  return out;
}

void InlineIngress(Graph& g, const Resource& sg) {
  const Value* blocks = sg.Get("ingress");
  if (!blocks || !blocks->is_list()) return;  // absent, or unknown (dynamic)
  for (size_t i = 0; i < blocks->items().size(); ++i) {
    const Value& b = blocks->items()[i];
    if (!b.is_object()) continue;
    Ingress in;
    in.group = &sg;
    in.declared_in = &sg;
    in.path = "ingress";
    in.index = i;
    in.from_port = Attr(b, "from_port");
    in.to_port = Attr(b, "to_port");
    in.protocol = Attr(b, "protocol");
    Collect(b.Get("cidr_blocks"), in.cidrs);
    Collect(b.Get("ipv6_cidr_blocks"), in.cidrs);
    Collect(b.Get("prefix_list_ids"), in.prefix_lists);
    AddSources(g, b.Get("security_groups"), in);
    in.self = IsTrue(b.Get("self"));
    g.AddIngress(std::move(in));
  }
}

void RuleIngress(Graph& g, const Resource& r) {
  auto type = StringOf(r.Get("type"));
  if (!type || *type != "ingress") return;
  for (const Resource* sg : GroupsOf(g, r)) {
    Ingress in;
    in.group = sg;
    in.declared_in = &r;
    in.from_port = Attr(r.attributes, "from_port");
    in.to_port = Attr(r.attributes, "to_port");
    in.protocol = Attr(r.attributes, "protocol");
    Collect(r.Get("cidr_blocks"), in.cidrs);
    Collect(r.Get("ipv6_cidr_blocks"), in.cidrs);
    Collect(r.Get("prefix_list_ids"), in.prefix_lists);
    AddSources(g, r.Get("source_security_group_id"), in);
    in.self = IsTrue(r.Get("self"));
    g.AddIngress(std::move(in));
  }
}

void VpcIngressRule(Graph& g, const Resource& r) {
  for (const Resource* sg : GroupsOf(g, r)) {
    Ingress in;
    in.group = sg;
    in.declared_in = &r;
    in.protocol = Attr(r.attributes, "ip_protocol");
    // With ip_protocol "-1" the ports are not set: every port.
    in.from_port = r.Get("from_port") ? *r.Get("from_port") : Value::Null();
    in.to_port = r.Get("to_port") ? *r.Get("to_port") : Value::Null();
    Collect(r.Get("cidr_ipv4"), in.cidrs);
    Collect(r.Get("cidr_ipv6"), in.cidrs);
    Collect(r.Get("prefix_list_id"), in.prefix_lists);
    AddSources(g, r.Get("referenced_security_group_id"), in);
    g.AddIngress(std::move(in));
  }
}

// --- routes

Route::Target Classify(const Graph& g, const Value& v, std::string_view attr,
                       const Resource** gateway) {
  for (const Ref& ref : v.refs()) {
    if (const Resource* t = g.Resolve(ref)) {
      *gateway = t;
      if (t->kind == "aws_internet_gateway") return Route::Target::kInternetGateway;
      if (t->kind == "aws_nat_gateway") return Route::Target::kNatGateway;
      return Route::Target::kOther;
    }
  }
  if (attr == "nat_gateway_id") return Route::Target::kNatGateway;
  if (v.is_string()) {
    const std::string& s = v.str();
    if (s.rfind("igw-", 0) == 0) return Route::Target::kInternetGateway;
    if (s.rfind("nat-", 0) == 0) return Route::Target::kNatGateway;
    return Route::Target::kOther;
  }
  return Route::Target::kUnknown;
}

constexpr std::string_view kTargetAttrs[] = {"gateway_id",
                                             "nat_gateway_id",
                                             "egress_only_gateway_id",
                                             "transit_gateway_id",
                                             "vpc_peering_connection_id",
                                             "network_interface_id",
                                             "vpc_endpoint_id",
                                             "local_gateway_id",
                                             "carrier_gateway_id",
                                             "core_network_arn",
                                             "instance_id"};

// Fills destination and target from a route block or an aws_route.
void FillRoute(const Graph& g, const Value& obj, std::string_view cidr4, std::string_view cidr6,
               Route& route) {
  const Value* d = obj.Get(cidr4);
  if (!d || d->is_null()) d = obj.Get(cidr6);
  route.destination = d ? *d : Value::Null();
  for (std::string_view attr : kTargetAttrs) {
    const Value* t = obj.Get(attr);
    if (!t || t->is_null() || (t->is_string() && t->str().empty())) continue;
    route.target_value = *t;
    route.target = Classify(g, *t, attr, &route.gateway);
    return;
  }
}

void InlineRoutes(Graph& g, const Resource& table) {
  const Value* blocks = table.Get("route");
  if (!blocks || !blocks->is_list()) return;
  for (const Value& b : blocks->items()) {
    Route route;
    route.table = &table;
    route.declared_in = &table;
    FillRoute(g, b, "cidr_block", "ipv6_cidr_block", route);
    g.AddRoute(std::move(route));
  }
}

// Where an aws_route or an association puts its route table: a table in the
// graph, or a VPC standing for its main route table (main_route_table_id).
const Resource* TableOf(const Graph& g, const Value* v) {
  if (!v) return nullptr;
  for (const Ref& ref : v->refs()) {
    const Resource* t = g.Resolve(ref);
    if (!t) continue;
    if (t->kind == "aws_route_table" || t->kind == "aws_default_route_table") return t;
    if (t->kind == "aws_vpc" &&
        (ref.attribute == "main_route_table_id" || ref.attribute == "default_route_table_id")) {
      return t;
    }
  }
  return nullptr;
}

void BuildRoutes(Graph& g) {
  for (std::string_view kind : kTableKinds) {
    for (const Resource* t : g.OfKind(kind)) InlineRoutes(g, *t);
  }
  // A VPC's main route table, when the configuration names one.
  std::map<const Resource*, const Resource*> main_table;
  for (const Resource* d : g.OfKind("aws_default_route_table")) {
    for (const Resource* vpc : g.Related(*d, Relation::kVpc)) main_table[vpc] = d;
  }
  for (const Resource* a : g.OfKind("aws_main_route_table_association")) {
    const Resource* table = TableOf(g, a->Get("route_table_id"));
    for (const Resource* vpc : g.Related(*a, Relation::kVpc)) {
      if (table) main_table[vpc] = table;
    }
  }
  for (const Resource* r : g.OfKind("aws_route")) {
    const Resource* table = TableOf(g, r->Get("route_table_id"));
    if (!table) continue;
    if (table->kind == "aws_vpc" && main_table.count(table)) table = main_table[table];
    Route route;
    route.table = table;
    route.declared_in = r;
    FillRoute(g, r->attributes, "destination_cidr_block", "destination_ipv6_cidr_block", route);
    g.AddRoute(std::move(route));
  }
  // Subnets: an explicit association, else their VPC's main route table.
  bool associations_unknown = false;
  std::map<const Resource*, const Resource*> explicit_table;
  for (const Resource* a : g.OfKind("aws_route_table_association")) {
    const Value* subnet_id = a->Get("subnet_id");
    if (subnet_id && subnet_id->is_null()) continue;  // a gateway association
    const Resource* table = TableOf(g, a->Get("route_table_id"));
    bool any = false;
    if (subnet_id) {
      ForEachTarget(g, *subnet_id, kSubnetKinds, "", [&](const Resource& s) {
        any = true;
        explicit_table[&s] = table;  // null when the table is unknown
      });
    }
    if (!any) associations_unknown = true;
  }
  for (const Resource* s : g.OfKind("aws_subnet")) {
    auto it = explicit_table.find(s);
    if (it != explicit_table.end()) {
      if (it->second) g.Relate(*s, Relation::kRouteTable, *it->second);
      continue;
    }
    // An association we could not resolve might be this subnet's: cannot tell.
    if (associations_unknown) continue;
    for (const Resource* vpc : g.Related(*s, Relation::kVpc)) {
      auto mt = main_table.find(vpc);
      g.Relate(*s, Relation::kRouteTable, mt != main_table.end() ? *mt->second : *vpc);
    }
  }
  (void)kVpcKinds;
}

}  // namespace

void BuildNetwork(Graph& g) {
  for (const Resource* sg : g.OfKind("aws_security_group")) InlineIngress(g, *sg);
  for (const Resource* r : g.OfKind("aws_security_group_rule")) RuleIngress(g, *r);
  for (const Resource* r : g.OfKind("aws_vpc_security_group_ingress_rule")) VpcIngressRule(g, *r);
  BuildRoutes(g);
}

}  // namespace infracheck::graph
