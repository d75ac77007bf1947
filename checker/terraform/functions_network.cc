// IP network functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets, as
// Terraform computes them with its copy of Go's old net.ParseCIDR (leading
// zeros allowed) and go-cidr.
#include <cmath>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"

namespace infracheck::tf::fn {

namespace {

using U128 = unsigned __int128;

struct Network {
  U128 ip = 0;     ///< network address (masked)
  int prefix = 0;  ///< prefix length
  int bits = 32;   ///< 32 for IPv4, 128 for IPv6
};

U128 HostMask(int prefix, int bits) {
  int host = bits - prefix;
  if (host <= 0) return 0;
  if (host >= 128) return ~U128(0);
  return (U128(1) << host) - 1;
}

U128 AllOnes(int bits) { return bits >= 128 ? ~U128(0) : (U128(1) << bits) - 1; }

U128 NetMask(int prefix, int bits) { return AllOnes(bits) & ~HostMask(prefix, bits); }

// Go's dtoi: decimal digits (leading zeros allowed), below 0xFFFFFF.
bool ParseDecimal(std::string_view s, size_t& i, int64_t* out) {
  int64_t n = 0;
  size_t start = i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    n = n * 10 + (s[i] - '0');
    if (n >= 0xFFFFFF) return false;
  }
  *out = n;
  return i > start;
}

bool ParseIpv4(std::string_view s, U128* out) {
  U128 v = 0;
  size_t i = 0;
  for (int k = 0; k < 4; ++k) {
    if (i >= s.size()) return false;
    if (k > 0) {
      if (s[i] != '.') return false;
      ++i;
    }
    int64_t n = 0;
    if (!ParseDecimal(s, i, &n) || n > 255) return false;
    v = (v << 8) | U128(n);
  }
  if (i != s.size()) return false;
  *out = v;
  return true;
}

bool ParseIpv6(std::string_view s, U128* out) {
  uint8_t ip[16] = {};
  int ellipsis = -1;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = 0;
    s.remove_prefix(2);
    if (s.empty()) {
      *out = 0;
      return true;
    }
  }
  int i = 0;
  while (i < 16) {
    size_t c = 0;
    int64_t n = 0;
    for (; c < s.size(); ++c) {
      char ch = s[c];
      int d = ch >= '0' && ch <= '9'   ? ch - '0'
              : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                       : -1;
      if (d < 0) break;
      n = n * 16 + d;
      if (n >= 0xFFFFFF) return false;
    }
    if (c == 0 || n > 0xFFFF) return false;
    if (c < s.size() && s[c] == '.') {
      if (ellipsis < 0 && i != 12) return false;
      if (i + 4 > 16) return false;
      U128 v4 = 0;
      if (!ParseIpv4(s, &v4)) return false;
      for (int k = 0; k < 4; ++k) ip[i + k] = static_cast<uint8_t>(v4 >> (24 - 8 * k));
      s = {};
      i += 4;
      break;
    }
    ip[i] = static_cast<uint8_t>(n >> 8);
    ip[i + 1] = static_cast<uint8_t>(n);
    i += 2;
    s.remove_prefix(c);
    if (s.empty()) break;
    if (s[0] != ':' || s.size() == 1) return false;
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s.remove_prefix(1);
      if (s.empty()) break;
    }
  }
  if (!s.empty()) return false;
  if (i < 16) {
    if (ellipsis < 0) return false;
    int n = 16 - i;
    for (int j = i - 1; j >= ellipsis; --j) ip[j + n] = ip[j];
    for (int j = ellipsis + n - 1; j >= ellipsis; --j) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return false;
  }
  U128 v = 0;
  for (uint8_t b : ip) v = (v << 8) | b;
  *out = v;
  return true;
}

std::optional<Network> ParseCidr(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view addr = s.substr(0, slash), mask = s.substr(slash + 1);
  Network n;
  if (ParseIpv4(addr, &n.ip)) {
    n.bits = 32;
  } else if (ParseIpv6(addr, &n.ip)) {
    n.bits = 128;
  } else {
    return std::nullopt;
  }
  size_t i = 0;
  int64_t prefix = 0;
  if (!ParseDecimal(mask, i, &prefix) || i != mask.size() || prefix > n.bits) return std::nullopt;
  n.prefix = static_cast<int>(prefix);
  n.ip &= NetMask(n.prefix, n.bits);
  return n;
}

// An IPv4-mapped IPv6 address, which Go prints (and computes with) as IPv4.
bool IsV4Mapped(U128 ip, int bits) { return bits == 128 && (ip >> 32) == 0xFFFF; }

std::string IpString(U128 ip, int bits) {
  if (bits == 32) {
    return std::to_string(static_cast<unsigned>((ip >> 24) & 0xFF)) + "." +
           std::to_string(static_cast<unsigned>((ip >> 16) & 0xFF)) + "." +
           std::to_string(static_cast<unsigned>((ip >> 8) & 0xFF)) + "." +
           std::to_string(static_cast<unsigned>(ip & 0xFF));
  }
  uint16_t g[8];
  for (int k = 0; k < 8; ++k) g[k] = static_cast<uint16_t>(ip >> (112 - 16 * k));
  // The longest run of two or more zero groups (the first of equals) is "::".
  int best = -1, best_len = 0;
  for (int k = 0; k < 8;) {
    if (g[k] != 0) {
      ++k;
      continue;
    }
    int j = k;
    while (j < 8 && g[j] == 0) ++j;
    if (j - k > best_len) {
      best = k;
      best_len = j - k;
    }
    k = j;
  }
  if (best_len < 2) best = -1;
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k == best) {
      out += "::";
      k += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int d = (g[k] >> shift) & 15;
      if (d != 0 || started || shift == 0) {
        out.push_back(kHex[d]);
        started = true;
      }
    }
  }
  return out;
}

std::string NetworkString(const Network& n) {
  return IpString(n.ip, n.bits) + "/" + std::to_string(n.prefix);
}

Early PrefixArg(const Call& c, size_t i, Network* out) {
  std::string s;
  TF_RETURN_IF(c.String(i, &s));
  std::optional<Network> n = ParseCidr(s);
  if (!n) return c.Error("invalid CIDR expression: invalid CIDR address: " + s);
  if (IsV4Mapped(n->ip, n->bits)) return c.Unknown();
  *out = *n;
  return std::nullopt;
}

// A whole-number argument; beyond 2^53 a double cannot hold Terraform's
// big integer, so the result is unknown.
Early WholeArg(const Call& c, size_t i, int64_t* out) {
  double d = 0;
  TF_RETURN_IF(c.Number(i, &d));
  if (!std::isfinite(d) || d != std::floor(d)) return c.Error("value must be a whole number");
  if (std::fabs(d) > 9007199254740992.0) return c.Unknown();
  *out = static_cast<int64_t>(d);
  return std::nullopt;
}

CallResult NetworkResult(const Call& c, const Network& n) {
  if (IsV4Mapped(n.ip, n.bits)) return c.Unknown();
  return c.Ok(Value::String(NetworkString(n)));
}

}  // namespace

CallResult CidrHost(Args args, const FunctionContext&, Span call) {
  Call c("cidrhost", args, call);
  TF_RETURN_IF(c.Arity({"prefix", "hostnum"}));
  Network n;
  int64_t num = 0;
  TF_RETURN_IF(c.Known(0));
  TF_RETURN_IF(WholeArg(c, 1, &num));
  TF_RETURN_IF(PrefixArg(c, 0, &n));
  U128 max = HostMask(n.prefix, n.bits);
  // go-cidr's HostBig: negative numbers count back from the last address.
  U128 magnitude;
  __int128 shown = num;
  U128 host;
  if (num < 0) {
    magnitude = U128(-(num + 1));
    host = max - magnitude;
    shown = static_cast<__int128>(max) - static_cast<__int128>(magnitude);
  } else {
    magnitude = U128(num);
    host = magnitude;
  }
  if (magnitude > max) {
    return c.Error("prefix of " + std::to_string(n.prefix) +
                   " bits cannot accommodate a host numbered " + IntegerDigits(shown, 10, false));
  }
  U128 ip = n.ip | host;
  if (IsV4Mapped(ip, n.bits)) return c.Unknown();
  return c.Ok(Value::String(IpString(ip, n.bits)));
}

CallResult CidrNetmask(Args args, const FunctionContext&, Span call) {
  Call c("cidrnetmask", args, call);
  TF_RETURN_IF(c.Arity({"prefix"}));
  Network n;
  TF_RETURN_IF(PrefixArg(c, 0, &n));
  if (n.bits != 32) {
    return c.Error("IPv6 addresses cannot have a netmask: " + c.arg(0).str());
  }
  return c.Ok(Value::String(IpString(NetMask(n.prefix, 32), 32)));
}

CallResult CidrSubnet(Args args, const FunctionContext&, Span call) {
  Call c("cidrsubnet", args, call);
  TF_RETURN_IF(c.Arity({"prefix", "newbits", "netnum"}));
  int64_t newbits = 0, netnum = 0;
  Network n;
  TF_RETURN_IF(c.Known(0));
  TF_RETURN_IF(c.Int(1, &newbits));
  TF_RETURN_IF(WholeArg(c, 2, &netnum));
  TF_RETURN_IF(PrefixArg(c, 0, &n));
  // Negative arguments make go-cidr compute odd addresses; we do not guess.
  if (newbits < 0 || netnum < 0) return c.Unknown();
  int64_t new_prefix = n.prefix + newbits;
  if (new_prefix > n.bits) {
    return c.Error("insufficient address space to extend prefix of " + std::to_string(n.prefix) +
                   " by " + std::to_string(newbits));
  }
  U128 max = newbits >= 64 ? U128(UINT64_MAX) : (U128(1) << newbits) - 1;
  if (U128(netnum) > max) {
    return c.Error("prefix extension of " + std::to_string(newbits) +
                   " does not accommodate a subnet numbered " + std::to_string(netnum));
  }
  Network sub;
  sub.bits = n.bits;
  sub.prefix = static_cast<int>(new_prefix);
  // netnum is 0 whenever the shift would be the full width.
  U128 bits = netnum == 0 ? 0 : U128(netnum) << (n.bits - new_prefix);
  sub.ip = (n.ip | bits) & AllOnes(n.bits);
  return NetworkResult(c, sub);
}

CallResult CidrSubnets(Args args, const FunctionContext&, Span call) {
  Call c("cidrsubnets", args, call);
  TF_RETURN_IF(c.Arity({"prefix"}, "newbits"));
  Network base;
  TF_RETURN_IF(c.Known(0));
  std::vector<int64_t> lengths(args.size() - 1);
  for (size_t i = 1; i < args.size(); ++i) TF_RETURN_IF(c.Int(i, &lengths[i - 1]));
  TF_RETURN_IF(PrefixArg(c, 0, &base));
  if (lengths.empty()) return c.Ok(Value::List({}));
  // go-cidr: start from the subnet before the base address, then take each
  // next subnet of the requested size.
  U128 all = AllOnes(base.bits);
  int first = static_cast<int>(std::clamp<int64_t>(lengths[0] + base.prefix, 0, base.bits));
  Network current{(base.ip - 1) & all & NetMask(first, base.bits), first, base.bits};
  std::vector<Value> out;
  for (size_t i = 0; i < lengths.size(); ++i) {
    int64_t length = lengths[i];
    if (length < 1) return c.ArgError(i + 1, "must extend prefix by at least one bit");
    if (length > 32) return c.ArgError(i + 1, "may not extend prefix by more than 32 bits");
    length += base.prefix;
    if (length > base.bits) {
      return c.ArgError(i + 1, "would extend prefix to " + std::to_string(length) +
                                   " bits, which is too long for an " +
                                   (base.bits == 32 ? "IPv4" : "IPv6") + " address");
    }
    int len = static_cast<int>(length);
    U128 current_last = current.ip | HostMask(current.prefix, base.bits);
    U128 subnet = current_last & NetMask(len, base.bits);
    U128 last = ((subnet | HostMask(len, base.bits)) + 1) & all;
    Network next{last & NetMask(len, base.bits), len, base.bits};
    bool rollover = last == 0;
    bool inside = (next.ip & NetMask(base.prefix, base.bits)) == base.ip;
    if (rollover || !inside) {
      if (IsV4Mapped(current.ip, current.bits)) return c.Unknown();
      return c.ArgError(i + 1, "not enough remaining address space for a subnet with a prefix of " +
                                   std::to_string(len) + " bits after " + NetworkString(current));
    }
    current = next;
    if (IsV4Mapped(current.ip, current.bits)) return c.Unknown();
    out.push_back(Value::String(NetworkString(current), call));
  }
  return c.Ok(Value::List(std::move(out)));
}

}  // namespace infracheck::tf::fn
