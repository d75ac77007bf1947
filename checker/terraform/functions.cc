// The table of Terraform's built-in functions, and the guard every call goes
// through.
#include "checker/terraform/functions.h"

#include <algorithm>
#include <array>
#include <exception>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf {

namespace {

// Terraform keeps every string in NFC; a result we cannot be sure is NFC
// might differ from Terraform's, so it becomes unknown.
bool AllStringsNfc(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return unicode::IsSurelyNfc(v.str());
    case Value::Kind::kList:
      return std::all_of(v.items().begin(), v.items().end(),
                         [](const Value& i) { return AllStringsNfc(i); });
    case Value::Kind::kObject:
      return std::all_of(v.fields().begin(), v.fields().end(), [](const Field& f) {
        return unicode::IsSurelyNfc(f.key) && AllStringsNfc(f.value);
      });
    default:
      return true;
  }
}

// Every call: never throws, and never returns a string Terraform would
// have normalized differently.
template <Function F>
CallResult Guarded(std::span<const Value> args, const FunctionContext& ctx, Span call) {
  try {
    CallResult r = F(args, ctx, call);
    if (!r.error && !AllStringsNfc(r.value)) {
      Value u = Value::Unknown(call);
      for (const Value& a : args) u = fn::WithDeepProvenance(u, a);
      return CallResult::Ok(std::move(u));
    }
    return r;
  } catch (const std::exception& e) {
    return CallResult::Error(std::string("internal error: ") + e.what());
  } catch (...) {
    return CallResult::Error("internal error");
  }
}

struct Entry {
  std::string_view name;
  Function fn;
};

// Sorted by name (checked by a test); FindFunction searches it.
constexpr auto kFunctions = std::to_array<Entry>({
    {"abs", Guarded<fn::Abs>},
    {"abspath", Guarded<fn::AbsPath>},
    {"alltrue", Guarded<fn::AllTrue>},
    {"anytrue", Guarded<fn::AnyTrue>},
    {"base64decode", Guarded<fn::Base64Decode>},
    {"base64encode", Guarded<fn::Base64Encode>},
    {"base64gzip", Guarded<fn::AlwaysUnknown>},
    {"base64sha256", Guarded<fn::Base64Sha256>},
    {"base64sha512", Guarded<fn::Base64Sha512>},
    {"basename", Guarded<fn::Basename>},
    {"bcrypt", Guarded<fn::AlwaysUnknown>},
    {"ceil", Guarded<fn::Ceil>},
    {"chomp", Guarded<fn::Chomp>},
    {"chunklist", Guarded<fn::ChunkList>},
    {"cidrhost", Guarded<fn::CidrHost>},
    {"cidrnetmask", Guarded<fn::CidrNetmask>},
    {"cidrsubnet", Guarded<fn::CidrSubnet>},
    {"cidrsubnets", Guarded<fn::CidrSubnets>},
    {"coalesce", Guarded<fn::Coalesce>},
    {"coalescelist", Guarded<fn::CoalesceList>},
    {"compact", Guarded<fn::Compact>},
    {"concat", Guarded<fn::Concat>},
    {"contains", Guarded<fn::Contains>},
    {"csvdecode", Guarded<fn::CsvDecode>},
    {"dirname", Guarded<fn::Dirname>},
    {"distinct", Guarded<fn::Distinct>},
    {"element", Guarded<fn::Element>},
    {"endswith", Guarded<fn::EndsWith>},
    {"ephemeralasnull", Guarded<fn::Identity>},
    {"file", Guarded<fn::File>},
    {"filebase64", Guarded<fn::FileBase64>},
    {"filebase64sha256", Guarded<fn::FileBase64Sha256>},
    {"filebase64sha512", Guarded<fn::FileBase64Sha512>},
    {"fileexists", Guarded<fn::FileExists>},
    {"filemd5", Guarded<fn::FileMd5>},
    {"fileset", Guarded<fn::AlwaysUnknown>},
    {"filesha1", Guarded<fn::FileSha1>},
    {"filesha256", Guarded<fn::FileSha256>},
    {"filesha512", Guarded<fn::FileSha512>},
    {"flatten", Guarded<fn::Flatten>},
    {"floor", Guarded<fn::Floor>},
    {"format", Guarded<fn::Format>},
    {"formatdate", Guarded<fn::AlwaysUnknown>},
    {"formatlist", Guarded<fn::FormatList>},
    {"indent", Guarded<fn::Indent>},
    {"index", Guarded<fn::Index>},
    {"issensitive", Guarded<fn::AlwaysUnknown>},
    {"join", Guarded<fn::Join>},
    {"jsondecode", Guarded<fn::JsonDecodeFn>},
    {"jsonencode", Guarded<fn::JsonEncodeFn>},
    {"keys", Guarded<fn::Keys>},
    {"length", Guarded<fn::Length>},
    {"log", Guarded<fn::Log>},
    {"lookup", Guarded<fn::Lookup>},
    {"lower", Guarded<fn::Lower>},
    {"matchkeys", Guarded<fn::MatchKeys>},
    {"max", Guarded<fn::Max>},
    {"md5", Guarded<fn::Md5>},
    {"merge", Guarded<fn::Merge>},
    {"min", Guarded<fn::Min>},
    {"nonsensitive", Guarded<fn::Identity>},
    {"one", Guarded<fn::One>},
    {"parseint", Guarded<fn::ParseInt>},
    {"pathexpand", Guarded<fn::PathExpand>},
    {"plantimestamp", Guarded<fn::AlwaysUnknown>},
    {"pow", Guarded<fn::Pow>},
    {"range", Guarded<fn::Range>},
    {"regex", Guarded<fn::Regex>},
    {"regexall", Guarded<fn::RegexAll>},
    {"replace", Guarded<fn::Replace>},
    {"reverse", Guarded<fn::Reverse>},
    {"rsadecrypt", Guarded<fn::AlwaysUnknown>},
    {"sensitive", Guarded<fn::Identity>},
    {"setintersection", Guarded<fn::SetIntersection>},
    {"setproduct", Guarded<fn::SetProduct>},
    {"setsubtract", Guarded<fn::SetSubtract>},
    {"setunion", Guarded<fn::SetUnion>},
    {"sha1", Guarded<fn::Sha1>},
    {"sha256", Guarded<fn::Sha256>},
    {"sha512", Guarded<fn::Sha512>},
    {"signum", Guarded<fn::Signum>},
    {"slice", Guarded<fn::Slice>},
    {"sort", Guarded<fn::Sort>},
    {"split", Guarded<fn::Split>},
    {"startswith", Guarded<fn::StartsWith>},
    {"strcontains", Guarded<fn::StrContains>},
    {"strrev", Guarded<fn::StrRev>},
    {"substr", Guarded<fn::Substr>},
    {"sum", Guarded<fn::Sum>},
    {"templatefile", Guarded<fn::TemplateFile>},
    {"templatestring", Guarded<fn::AlwaysUnknown>},
    {"textdecodebase64", Guarded<fn::AlwaysUnknown>},
    {"textencodebase64", Guarded<fn::AlwaysUnknown>},
    {"timeadd", Guarded<fn::AlwaysUnknown>},
    {"timecmp", Guarded<fn::AlwaysUnknown>},
    {"timestamp", Guarded<fn::AlwaysUnknown>},
    {"title", Guarded<fn::Title>},
    {"tobool", Guarded<fn::ToBool>},
    {"tolist", Guarded<fn::ToList>},
    {"tomap", Guarded<fn::ToMap>},
    {"tonumber", Guarded<fn::ToNumber>},
    {"toset", Guarded<fn::ToSet>},
    {"tostring", Guarded<fn::ToString>},
    {"transpose", Guarded<fn::Transpose>},
    {"trim", Guarded<fn::Trim>},
    {"trimprefix", Guarded<fn::TrimPrefix>},
    {"trimspace", Guarded<fn::TrimSpace>},
    {"trimsuffix", Guarded<fn::TrimSuffix>},
    {"upper", Guarded<fn::Upper>},
    {"urlencode", Guarded<fn::UrlEncode>},
    {"uuid", Guarded<fn::AlwaysUnknown>},
    {"uuidv5", Guarded<fn::UuidV5>},
    {"values", Guarded<fn::Values>},
    {"yamldecode", Guarded<fn::AlwaysUnknown>},
    {"yamlencode", Guarded<fn::AlwaysUnknown>},
    {"zipmap", Guarded<fn::Zipmap>},
});

}  // namespace

namespace fn {

CallResult AlwaysUnknown(std::span<const Value> args, const FunctionContext&, Span call) {
  return Call("", args, call).Unknown();
}

}  // namespace fn

Function FindFunction(std::string_view name) {
  auto it = std::lower_bound(kFunctions.begin(), kFunctions.end(), name,
                             [](const Entry& e, std::string_view n) { return e.name < n; });
  if (it == kFunctions.end() || it->name != name) return nullptr;
  return it->fn;
}

std::vector<std::string_view> FunctionNames() {
  std::vector<std::string_view> names;
  names.reserve(kFunctions.size());
  for (const Entry& e : kFunctions) names.push_back(e.name);
  return names;
}

std::optional<std::string> ToStringValue(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return v.str();
    case Value::Kind::kNumber:
      return FormatNumber(v.number());
    case Value::Kind::kBool:
      return v.bool_value() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

}  // namespace infracheck::tf
