// Every built-in function, by family; functions.cc lists them by name.
#pragma once

#include <string_view>
#include <vector>

#include "checker/terraform/functions.h"

namespace infracheck::tf {

/// Names of all built-in functions, in table order (for tests).
std::vector<std::string_view> FunctionNames();

}  // namespace infracheck::tf

namespace infracheck::tf::fn {

#define TF_BUILTIN(name) \
  CallResult name(std::span<const Value> args, const FunctionContext& ctx, Span call)

// functions_numeric.cc
TF_BUILTIN(Abs);
TF_BUILTIN(Ceil);
TF_BUILTIN(Floor);
TF_BUILTIN(Log);
TF_BUILTIN(Max);
TF_BUILTIN(Min);
TF_BUILTIN(ParseInt);
TF_BUILTIN(Pow);
TF_BUILTIN(Signum);
TF_BUILTIN(Sum);

// functions_string.cc
TF_BUILTIN(Chomp);
TF_BUILTIN(EndsWith);
TF_BUILTIN(Indent);
TF_BUILTIN(Join);
TF_BUILTIN(Lower);
TF_BUILTIN(Split);
TF_BUILTIN(StartsWith);
TF_BUILTIN(StrContains);
TF_BUILTIN(StrRev);
TF_BUILTIN(Substr);
TF_BUILTIN(Title);
TF_BUILTIN(Trim);
TF_BUILTIN(TrimPrefix);
TF_BUILTIN(TrimSpace);
TF_BUILTIN(TrimSuffix);
TF_BUILTIN(Upper);

// functions_regex.cc
TF_BUILTIN(Regex);
TF_BUILTIN(RegexAll);
TF_BUILTIN(Replace);

// functions_format.cc
TF_BUILTIN(Format);
TF_BUILTIN(FormatList);

// functions_collection.cc
TF_BUILTIN(AllTrue);
TF_BUILTIN(AnyTrue);
TF_BUILTIN(ChunkList);
TF_BUILTIN(Coalesce);
TF_BUILTIN(CoalesceList);
TF_BUILTIN(Compact);
TF_BUILTIN(Concat);
TF_BUILTIN(Contains);
TF_BUILTIN(Distinct);
TF_BUILTIN(Element);
TF_BUILTIN(Flatten);
TF_BUILTIN(Index);
TF_BUILTIN(Length);
TF_BUILTIN(One);
TF_BUILTIN(Range);
TF_BUILTIN(Reverse);
TF_BUILTIN(Slice);
TF_BUILTIN(Sort);

// functions_map.cc
TF_BUILTIN(Keys);
TF_BUILTIN(Lookup);
TF_BUILTIN(MatchKeys);
TF_BUILTIN(Merge);
TF_BUILTIN(Transpose);
TF_BUILTIN(Values);
TF_BUILTIN(Zipmap);

// functions_set.cc
TF_BUILTIN(SetIntersection);
TF_BUILTIN(SetProduct);
TF_BUILTIN(SetSubtract);
TF_BUILTIN(SetUnion);

// functions_convert.cc
TF_BUILTIN(ToBool);
TF_BUILTIN(ToList);
TF_BUILTIN(ToMap);
TF_BUILTIN(ToNumber);
TF_BUILTIN(ToSet);
TF_BUILTIN(ToString);
TF_BUILTIN(Identity);  // sensitive, nonsensitive, ephemeralasnull

// functions_encoding.cc
TF_BUILTIN(Base64Decode);
TF_BUILTIN(Base64Encode);
TF_BUILTIN(CsvDecode);
TF_BUILTIN(JsonDecodeFn);
TF_BUILTIN(JsonEncodeFn);
TF_BUILTIN(UrlEncode);

// functions_hash.cc
TF_BUILTIN(Md5);
TF_BUILTIN(Sha1);
TF_BUILTIN(Sha256);
TF_BUILTIN(Sha512);
TF_BUILTIN(Base64Sha256);
TF_BUILTIN(Base64Sha512);
TF_BUILTIN(UuidV5);

// functions_file.cc
TF_BUILTIN(AbsPath);
TF_BUILTIN(Basename);
TF_BUILTIN(Dirname);
TF_BUILTIN(File);
TF_BUILTIN(FileBase64);
TF_BUILTIN(FileBase64Sha256);
TF_BUILTIN(FileBase64Sha512);
TF_BUILTIN(FileExists);
TF_BUILTIN(FileMd5);
TF_BUILTIN(FileSha1);
TF_BUILTIN(FileSha256);
TF_BUILTIN(FileSha512);
TF_BUILTIN(PathExpand);
TF_BUILTIN(TemplateFile);

// functions_network.cc
TF_BUILTIN(CidrHost);
TF_BUILTIN(CidrNetmask);
TF_BUILTIN(CidrSubnet);
TF_BUILTIN(CidrSubnets);

// functions.cc: results we never compute (time, randomness, and functions
// whose output depends on things we do not model).
TF_BUILTIN(AlwaysUnknown);

#undef TF_BUILTIN

}  // namespace infracheck::tf::fn
