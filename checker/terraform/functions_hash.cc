// Hash functions: md5, sha1, sha256, sha512, base64sha256, base64sha512,
// uuidv5.
#include <cctype>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/hash.h"

namespace infracheck::tf::fn {

namespace {

CallResult HashString(std::string_view name, Args args, Span call,
                      std::string (*digest)(std::string_view), bool base64) {
  Call c(name, args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  std::string d = digest(s);
  return c.Ok(Value::String(base64 ? Base64Encode(d) : HexLower(d)));
}

// google/uuid's Parse: 36 characters with dashes, optionally in braces or
// after "urn:uuid:", or 32 hex digits.
std::optional<std::string> ParseUuid(std::string_view s) {
  if (s.size() == 45) {
    std::string prefix(s.substr(0, 9));
    for (char& ch : prefix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (prefix != "urn:uuid:") return std::nullopt;
    s.remove_prefix(9);
  } else if (s.size() == 38) {
    if (s.front() != '{' || s.back() != '}') return std::nullopt;
    s = s.substr(1, 36);
  }
  std::string hex;
  if (s.size() == 36) {
    if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return std::nullopt;
    for (size_t i = 0; i < s.size(); ++i) {
      if (i != 8 && i != 13 && i != 18 && i != 23) hex.push_back(s[i]);
    }
  } else if (s.size() == 32) {
    hex = std::string(s);
  } else {
    return std::nullopt;
  }
  auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  std::string bytes;
  for (size_t i = 0; i < 32; i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  return bytes;
}

}  // namespace

CallResult Md5(Args args, const FunctionContext&, Span call) {
  return HashString("md5", args, call, hash::Md5, false);
}

CallResult Sha1(Args args, const FunctionContext&, Span call) {
  return HashString("sha1", args, call, hash::Sha1, false);
}

CallResult Sha256(Args args, const FunctionContext&, Span call) {
  return HashString("sha256", args, call, hash::Sha256, false);
}

CallResult Sha512(Args args, const FunctionContext&, Span call) {
  return HashString("sha512", args, call, hash::Sha512, false);
}

CallResult Base64Sha256(Args args, const FunctionContext&, Span call) {
  return HashString("base64sha256", args, call, hash::Sha256, true);
}

CallResult Base64Sha512(Args args, const FunctionContext&, Span call) {
  return HashString("base64sha512", args, call, hash::Sha512, true);
}

CallResult UuidV5(Args args, const FunctionContext&, Span call) {
  Call c("uuidv5", args, call);
  TF_RETURN_IF(c.Arity({"namespace", "name"}));
  std::string ns, name;
  TF_RETURN_IF(c.String(0, &ns));
  TF_RETURN_IF(c.String(1, &name));
  std::optional<std::string> space;
  if (ns == "dns") {
    space = ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  } else if (ns == "url") {
    space = ParseUuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
  } else if (ns == "oid") {
    space = ParseUuid("6ba7b812-9dad-11d1-80b4-00c04fd430c8");
  } else if (ns == "x500") {
    space = ParseUuid("6ba7b814-9dad-11d1-80b4-00c04fd430c8");
  } else {
    space = ParseUuid(ns);
  }
  if (!space) return c.Error("uuidv5() doesn't support namespace " + ns + " (invalid UUID)");
  std::string d = hash::Sha1(*space + name).substr(0, 16);
  d[6] = static_cast<char>((d[6] & 0x0f) | 0x50);
  d[8] = static_cast<char>((d[8] & 0x3f) | 0x80);
  std::string hex = HexLower(d);
  std::string out = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
                    hex.substr(16, 4) + "-" + hex.substr(20);
  return c.Ok(Value::String(std::move(out)));
}

}  // namespace infracheck::tf::fn
