// aws-sg-alb-web-only: a load balancer takes only web traffic from the
// internet.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_security_group"};

void Check(const Resource& sg, RuleContext& ctx) {
  auto lbs = AttachedWhere(ctx.graph(), sg, IsLoadBalancer);
  if (lbs.empty()) return;
  for (const Ingress& in : ctx.graph().IngressOf(sg)) {
    PortRange ports = PortsOf(in);
    if (AdmitsNonWebPorts(ports) != Tri::kTrue) continue;
    std::vector<const Value*> public_cidrs;
    for (const Value& c : in.cidrs) {
      if (IsInternet(c) == Tri::kTrue) public_cidrs.push_back(&c);
    }
    if (public_cidrs.empty()) continue;
    std::string from = public_cidrs[0]->str();
    for (size_t i = 1; i < public_cidrs.size(); ++i) from += ", " + public_cidrs[i]->str();
    ctx.Report(*in.declared_in, IngressPath(in, CidrPart(*public_cidrs[0])),
               "the security group of load balancer " + Addresses(lbs) + " admits the internet (" +
                   from + ") on " + ports.Describe() +
                   "; a load balancer takes only 80 and 443 from the internet",
               public_cidrs[0]);
  }
}

}  // namespace

extern const Rule kAwsSgAlbWebOnly = {
    .id = "aws-sg-alb-web-only",
    .title = "Load balancer security groups must admit the internet only on 80 and 443",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The first hop of the documented tier chain is internet → ALB on 80/443 only (002 §2; "
        "004 \"보안 구성\", ALB Security Group: HTTPS 443 and HTTP 80 from 0.0.0.0/0). A "
        "listener or health port opened to the internet on the load balancer's group "
        "(8080, an admin port, a range such as 80-443) bypasses the HTTPS-only front door. "
        "This rule looks at every security group attached to an `aws_lb` or `aws_alb`, and "
        "counts as the internet any CIDR that is not wholly private: everything but RFC 1918 "
        "(10/8, 172.16/12, 192.168/16), shared address space 100.64/10, link-local "
        "(169.254/16, fe80::/10), loopback and IPv6 unique-local fc00::/7. So an office range "
        "such as 203.0.113.0/24 on port 22 fires here, while aws-sg-no-public-ingress only "
        "looks at 0.0.0.0/0 and ::/0 (on any group). Port ranges fire as in "
        "aws-sg-no-public-ingress: anything but exactly 80 or 443, all traffic, or a non-TCP/UDP "
        "protocol; ICMP does not. Prefix lists are not judged (their entries are not in the "
        "configuration), nor are unknown CIDRs.",
    .remediation =
        "Give the load balancer's security group only 80 and 443 from the internet, and "
        "reach other ports (administration, metrics) from inside the VPC or through a "
        "separate, private load balancer.",
    .bad_example = R"(resource "aws_security_group" "alb" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "main" {
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = aws_subnet.public[*].id
})",
    .good_example = R"(resource "aws_security_group" "alb" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "main" {
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = aws_subnet.public[*].id
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
