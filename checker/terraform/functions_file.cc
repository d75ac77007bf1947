// Filesystem functions. Files are reached only through ctx.read_file, so the
// caller decides what may be read (the project root) and keeps every file
// alive for positions. Paths are Go's filepath on a Unix system.
#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/hash.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf::fn {

namespace {

// Go's path/filepath.Clean for '/'-separated paths.
std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path[0] == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    std::string_view part =
        path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    i = slash == std::string_view::npos ? path.size() : slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out.push_back('/');
    out.append(parts[k]);
  }
  if (out.empty()) return ".";
  return out;
}

// Reads the file at argument 0, or returns early (unknown or error).
Early ReadFile(const Call& c, const FunctionContext& ctx, const SourceFile** out) {
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  // "~" depends on the home directory of whoever runs Terraform.
  if (!ctx.read_file || path.starts_with("~")) return c.Unknown();
  std::string error;
  const SourceFile* file = ctx.read_file(path, &error);
  if (!file) return c.Error(error.empty() ? "no file exists at " + path : error);
  *out = file;
  return std::nullopt;
}

CallResult FileDigest(std::string_view name, Args args, const FunctionContext& ctx, Span call,
                      std::string (*digest)(std::string_view), bool base64) {
  Call c(name, args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  const SourceFile* file = nullptr;
  TF_RETURN_IF(ReadFile(c, ctx, &file));
  std::string d = digest(file->text());
  return c.Ok(Value::String(base64 ? Base64Encode(d) : HexLower(d)));
}

}  // namespace

CallResult AbsPath(Args args, const FunctionContext&, Span call) {
  Call c("abspath", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  // A relative path depends on the directory Terraform runs in.
  if (!path.starts_with("/")) return c.Unknown();
  return c.Ok(Value::String(CleanPath(path)));
}

CallResult Basename(Args args, const FunctionContext&, Span call) {
  Call c("basename", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  if (path.empty()) return c.Ok(Value::String("."));
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.empty()) return c.Ok(Value::String("/"));
  size_t slash = path.rfind('/');
  if (slash != std::string::npos) path.erase(0, slash + 1);
  return c.Ok(Value::String(std::move(path)));
}

CallResult Dirname(Args args, const FunctionContext&, Span call) {
  Call c("dirname", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  return c.Ok(Value::String(CleanPath(dir)));
}

CallResult File(Args args, const FunctionContext& ctx, Span call) {
  Call c("file", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  const SourceFile* file = nullptr;
  TF_RETURN_IF(ReadFile(c, ctx, &file));
  if (!unicode::IsValidUtf8(file->text())) {
    return c.Error("contents of " + c.arg(0).str() +
                   " are not valid UTF-8; use the filebase64 function to obtain the Base64 "
                   "encoded contents or the other file functions (e.g. filemd5, filesha256) to "
                   "obtain file hashing results instead");
  }
  return c.Ok(Value::FileContents(file));
}

CallResult FileBase64(Args args, const FunctionContext& ctx, Span call) {
  Call c("filebase64", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  const SourceFile* file = nullptr;
  TF_RETURN_IF(ReadFile(c, ctx, &file));
  return c.Ok(Value::String(Base64Encode(file->text())));
}

CallResult FileBase64Sha256(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filebase64sha256", args, ctx, call, hash::Sha256, true);
}

CallResult FileBase64Sha512(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filebase64sha512", args, ctx, call, hash::Sha512, true);
}

CallResult FileExists(Args args, const FunctionContext& ctx, Span call) {
  Call c("fileexists", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  if (!ctx.read_file || path.starts_with("~")) return c.Unknown();
  std::string error;
  // A file we may not read might still exist: only "yes" is certain.
  if (!ctx.read_file(path, &error)) return c.Unknown();
  return c.Ok(Value::Bool(true));
}

CallResult FileMd5(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filemd5", args, ctx, call, hash::Md5, false);
}

CallResult FileSha1(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filesha1", args, ctx, call, hash::Sha1, false);
}

CallResult FileSha256(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filesha256", args, ctx, call, hash::Sha256, false);
}

CallResult FileSha512(Args args, const FunctionContext& ctx, Span call) {
  return FileDigest("filesha512", args, ctx, call, hash::Sha512, false);
}

CallResult PathExpand(Args args, const FunctionContext&, Span call) {
  Call c("pathexpand", args, call);
  TF_RETURN_IF(c.Arity({"path"}));
  std::string path;
  TF_RETURN_IF(c.String(0, &path));
  if (!path.starts_with("~")) return CallResult::Ok(args[0]);
  if (path.size() > 1 && path[1] != '/' && path[1] != '\\') {
    return c.Error("cannot expand user-specific home dir");
  }
  return c.Unknown();
}

CallResult TemplateFile(Args args, const FunctionContext& ctx, Span call) {
  Call c("templatefile", args, call);
  TF_RETURN_IF(c.Arity({"path", "vars"}));
  const Value& vars = args[1];
  if (vars.is_unknown()) return c.Unknown();
  if (!vars.is_object()) return c.ArgError(1, "invalid vars value: must be a map");
  const SourceFile* file = nullptr;
  TF_RETURN_IF(ReadFile(c, ctx, &file));
  if (!ctx.render_template) return c.Unknown();
  std::string error;
  Value v = ctx.render_template(*file, vars, call, &error);
  if (!error.empty()) return c.Error(error);
  return CallResult::Ok(std::move(v));
}

}  // namespace infracheck::tf::fn
