// aws-sg-no-public-ingress: nothing but the web ports is open to the whole
// internet.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_security_group", "aws_security_group_rule",
                                       "aws_vpc_security_group_ingress_rule"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"};
constexpr std::string_view kTrivy[] = {"AWS-0107", "AVD-AWS-0107"};
constexpr std::string_view kTfsec[] = {"aws-ec2-no-public-ingress-sgr"};

std::string_view PortName(int port) {
  switch (port) {
    case 22:
      return "SSH";
    case 3389:
      return "RDP";
    case 3306:
      return "MySQL";
    case 5432:
      return "PostgreSQL";
    case 6379:
      return "Redis";
    case 27017:
      return "MongoDB";
  }
  return "";
}

// "port 22/tcp (SSH)", "ports 0-1024/tcp, which include 22 (SSH)", "ports
// 0-65535/tcp (all ports)"; `critical` when a sensitive port or all are in it.
std::string DescribePorts(const PortRange& ports, bool* critical) {
  std::string out = ports.Describe();
  *critical = ports.kind == PortRange::Kind::kAll;
  if (ports.kind != PortRange::Kind::kPorts) return out;
  if (ports.AllPorts()) {
    *critical = true;
    return out + " (all ports)";
  }
  auto p = SensitivePort(ports);
  if (!p) return out;
  *critical = true;
  std::string name(PortName(*p));
  if (ports.from == ports.to) return out + " (" + name + ")";
  return out + ", which include " + std::to_string(*p) + " (" + name + ")";
}

std::string GroupName(const Ingress& in) {
  if (in.group) return in.group->address;
  auto id = StringOf(in.declared_in->Get("security_group_id"));
  return id ? "security group " + *id : "its security group";
}

void CheckIngress(const Ingress& in, RuleContext& ctx) {
  PortRange ports = PortsOf(in);
  if (AdmitsNonWebPorts(ports) != Tri::kTrue) return;
  std::vector<const Value*> open;
  for (const Value& c : in.cidrs) {
    if (!c.is_string()) continue;
    auto cidr = ParseCidr(c.str());
    if (cidr && IsAnywhere(*cidr)) open.push_back(&c);
  }
  if (open.empty()) return;
  std::string from = open[0]->str();
  for (size_t i = 1; i < open.size(); ++i) from += " and " + open[i]->str();
  bool critical = false;
  std::string message = GroupName(in) + " admits " + from + " on " +
                        DescribePorts(ports, &critical) +
                        "; only ports 80 and 443 may be open to the internet";
  Finding& f =
      ctx.Report(*in.declared_in, IngressPath(in, CidrPart(*open[0])), std::move(message), open[0]);
  if (critical) f.severity = Severity::kCritical;
}

void Check(const Resource& r, RuleContext& ctx) {
  // A group's ingress, wherever it is written (reported where it is written);
  // a rule resource's own only when its group is not in the configuration.
  if (r.kind == "aws_security_group") {
    for (const Ingress& in : ctx.graph().IngressOf(r)) CheckIngress(in, ctx);
  } else {
    for (const Ingress& in : ctx.graph().UnattachedIngress(r)) CheckIngress(in, ctx);
  }
}

}  // namespace

extern const Rule kAwsSgNoPublicIngress = {
    .id = "aws-sg-no-public-ingress",
    .title = "Security groups must not open ports other than 80 and 443 to the internet",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented tier chain lets the internet reach only the load balancer, on HTTP 80 "
        "(redirected) and HTTPS 443 (002 §2; 004 \"보안 구성\": \"HTTPS (443) from 0.0.0.0/0, "
        "HTTP (80) from 0.0.0.0/0\"); everything behind it is reached from security groups. A "
        "rule admitting 0.0.0.0/0 or ::/0 on any other port exposes that service to every "
        "scanner on the internet. Ingress is read however it is written: inline `ingress` "
        "blocks (dynamic ones too), `aws_security_group_rule` and "
        "`aws_vpc_security_group_ingress_rule`, also when the group itself is not in the "
        "configuration. A range fires when it contains any port but 80 and 443 (80-443 and "
        "0-65535 do), as do protocol -1 (all traffic) and other IP protocols (ESP, GRE), which "
        "have no ports; ICMP does not, since it has no ports and AWS recommends admitting it "
        "for path MTU discovery. The finding is critical instead of high when the range "
        "includes SSH 22, RDP 3389, MySQL 3306, PostgreSQL 5432, Redis 6379, MongoDB 27017 or "
        "all ports. Only the world ranges 0.0.0.0/0 and ::/0 count here; narrower public "
        "ranges on a load balancer are aws-sg-alb-web-only's, and any CIDR at all on the "
        "application and data tiers is aws-sg-ecs-from-alb-only's and "
        "aws-sg-data-from-app-only's. A CIDR that is unknown (an unset variable) is not "
        "reported.",
    .remediation =
        "Open only 80 and 443 to the internet, on the load balancer's group. Reach other "
        "services from the security group in front of them (`source_security_group_id`, "
        "`referenced_security_group_id`, or `security_groups` in an inline block), and "
        "administer hosts through SSM Session Manager or a VPN instead of SSH/RDP from "
        "0.0.0.0/0.",
    .bad_example = R"(resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
})",
    .good_example = R"(resource "aws_security_group" "alb" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
