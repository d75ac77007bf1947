// Built-in functions: what the oracle test cannot show (unknowns,
// provenance, files, bounds, the table itself).
#include "checker/terraform/functions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "checker/terraform/builtins.h"
#include "checker/terraform/unicode.h"
#include "tests/function_test_util.h"

namespace infracheck::tf::testing {
namespace {

const Ref kBucketId{"aws_s3_bucket.logs", "id"};
const Ref kVpcCidr{"aws_vpc.main", "cidr_block"};

Value UnknownRef(Ref r) { return Value::Unknown().WithRef(std::move(r)); }

bool HasRef(const Value& v, const Ref& r) {
  return std::find(v.refs().begin(), v.refs().end(), r) != v.refs().end();
}

TEST(Functions, TableIsSortedAndUnique) {
  std::vector<std::string_view> names = FunctionNames();
  ASSERT_GT(names.size(), 100u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (std::string_view n : names) EXPECT_NE(FindFunction(n), nullptr) << n;
}

TEST(Functions, FindFunction) {
  EXPECT_NE(FindFunction("upper"), nullptr);
  EXPECT_NE(FindFunction("abs"), nullptr);
  EXPECT_NE(FindFunction("zipmap"), nullptr);
  EXPECT_EQ(FindFunction("nope"), nullptr);
  EXPECT_EQ(FindFunction(""), nullptr);
  EXPECT_EQ(FindFunction("Upper"), nullptr);
  EXPECT_EQ(FindFunction("provider::aws::arn_parse"), nullptr);
  EXPECT_EQ(FindFunction("try"), nullptr);  // the evaluator's
  EXPECT_EQ(FindFunction("can"), nullptr);
}

TEST(Functions, ArityErrors) {
  CallResult r = Invoke("upper", {});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(*r.error,
            "Not enough function arguments: function \"upper\" expects 1 argument(s). Missing "
            "value for \"str\".");
  r = Invoke("upper", {S("a"), S("b")});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(*r.error,
            "Too many function arguments: function \"upper\" expects only 1 argument(s).");
  r = Invoke("join", {});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("at least 1"), std::string::npos);
  ExpectError("lookup", {O({})});
  ExpectError("lookup", {O({}), S("a"), S("b"), S("c")});
}

TEST(Functions, ErrorMessages) {
  CallResult r = Invoke("upper", {Null()});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(*r.error, "Invalid value for \"str\" parameter: argument must not be null.");
  r = Invoke("cidrsubnet", {S("10.0.0.0/33"), N(1), N(0)});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(*r.error,
            "Call to function \"cidrsubnet\" failed: invalid CIDR expression: invalid CIDR "
            "address: 10.0.0.0/33.");
  r = Invoke("regex", {S("z"), S("abc")});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("did not match"), std::string::npos);
  r = Invoke("element", {L({S("a")}), N(-1)});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("negative index"), std::string::npos);
  r = Invoke("cidrhost", {S("10.0.0.0/24"), N(-257)});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("host numbered -1"), std::string::npos);
}

TEST(Functions, UnknownInUnknownOut) {
  for (const char* f :
       {"upper", "lower",  "chomp",      "strrev",   "title",    "trimspace",  "base64encode",
        "md5",   "sha256", "urlencode",  "tostring", "tonumber", "tobool",     "length",
        "keys",  "values", "jsonencode", "abs",      "ceil",     "cidrnetmask"}) {
    CallResult r = Invoke(f, {UnknownRef(kBucketId)});
    ASSERT_FALSE(r.error) << f << ": " << *r.error;
    EXPECT_TRUE(r.value.is_unknown()) << f;
    EXPECT_TRUE(HasRef(r.value, kBucketId)) << f;
  }
}

TEST(Functions, UnknownsNestedInArguments) {
  // The result depends on the unknown element: unknown, with its ref.
  CallResult r = Invoke("join", {S(","), L({S("a"), UnknownRef(kBucketId)})});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.value.is_unknown());
  EXPECT_TRUE(HasRef(r.value, kBucketId));
  ExpectUnknown("merge", {O({{"a", N(1)}}), U()});
  ExpectUnknown("concat", {L({N(1)}), U()});
  ExpectUnknown("flatten", {L({L({N(1)}), U()})});
  ExpectUnknown("toset", {L({S("a"), U()})});
  ExpectUnknown("distinct", {L({S("a"), U()})});
  ExpectUnknown("sort", {L({S("a"), U()})});
  ExpectUnknown("compact", {L({S("a"), U()})});
  ExpectUnknown("jsonencode", {O({{"a", U()}})});
  ExpectUnknown("format", {S("%s-%s"), S("a"), U()});
  ExpectUnknown("format", {S("%v"), L({U()})});
  ExpectUnknown("setunion", {L({S("a")}), L({U()})});
  ExpectUnknown("setproduct", {L({S("a")}), L({U()})});
  ExpectUnknown("transpose", {O({{"a", L({U()})}})});
  ExpectUnknown("cidrsubnet", {UnknownRef(kVpcCidr), N(8), N(1)});
  ExpectUnknown("cidrsubnets", {S("10.0.0.0/16"), N(4), U()});
  ExpectUnknown("zipmap", {L({S("a"), U()}), L({N(1), N(2)})});
  ExpectUnknown("sum", {L({N(1), U()})});
  ExpectUnknown("index", {L({U(), S("b")}), S("b")});
  ExpectUnknown("regex", {U(), S("abc")});
  ExpectUnknown("replace", {S("abc"), U(), S("x")});
}

TEST(Functions, KnownDespiteUnknownParts) {
  Expect("length", {L({U(), N(1)})}, "2");
  Expect("length", {O({{"a", U()}})}, "1");
  Expect("keys", {O({{"b", U()}, {"a", N(1)}})}, "[\"a\",\"b\"]");
  Expect("lookup", {O({{"a", U()}, {"b", S("x")}}), S("b")}, "\"x\"");
  Expect("element", {L({U(), S("b")}), N(1)}, "\"b\"");
  Expect("element", {L({U(), S("b")}), N(3)}, "\"b\"");
  Expect("contains", {L({U(), S("x")}), S("x")}, "true");
  ExpectUnknown("contains", {L({U(), S("y")}), S("x")});
  ExpectUnknown("contains", {L({S("a")}), U()});
  Expect("contains", {L({}), U()}, "false");
  Expect("coalesce", {S("a"), U()}, "\"a\"");
  ExpectUnknown("coalesce", {Null(), U(), S("a")});
  Expect("coalescelist", {L({S("a")}), U()}, "[\"a\"]");
  ExpectUnknown("coalescelist", {L({}), U()});
  Expect("concat", {L({U()}), L({N(1)})}, "[?,1]");
  Expect("reverse", {L({U(), N(1)})}, "[1,?]");
  Expect("slice", {L({U(), N(1), N(2)}), N(1), N(3)}, "[1,2]");
  Expect("one", {L({U()})}, "?");
  Expect("merge", {O({{"a", U()}}), O({{"b", N(1)}})}, "{\"a\":?,\"b\":1}");
  Expect("values", {O({{"a", U()}})}, "[?]");
  Expect("chunklist", {L({U(), N(1), N(2)}), N(2)}, "[[?,1],[2]]");
  Expect("formatlist", {S("%s!"), L({S("a"), U()})}, "[\"a!\",?]");
  Expect("zipmap", {L({S("a")}), L({U()})}, "{\"a\":?}");
  Expect("matchkeys", {L({S("a")}), L({S("k")}), L({})}, "[]");
  // Terraform's alltrue stops at the first unknown; anytrue looks on.
  ExpectUnknown("alltrue", {L({U(), B(false)})});
  Expect("alltrue", {L({B(false), U()})}, "false");
  Expect("anytrue", {L({U(), B(true)})}, "true");
  ExpectUnknown("anytrue", {L({U(), B(false)})});
  Expect("tonumber", {Null()}, "null");
}

TEST(Functions, OpenObjects) {
  // A resource whose unlisted attributes are computed.
  Value res = O({{"bucket", S("logs")}}).AsOpen("aws_s3_bucket.logs");
  Expect("lookup", {res, S("bucket")}, "\"logs\"");
  CallResult r = Invoke("lookup", {res, S("arn"), S("default")});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.value.is_unknown());
  EXPECT_TRUE(HasRef(r.value, (Ref{"aws_s3_bucket.logs", "arn"})));
  ExpectUnknown("keys", {res});
  ExpectUnknown("values", {res});
  ExpectUnknown("length", {res});
  ExpectUnknown("merge", {res, O({{"a", N(1)}})});
  ExpectUnknown("jsonencode", {res});
  ExpectUnknown("tomap", {res});
}

TEST(Functions, SelectionsKeepTheirValue) {
  SourceFile f("main.tf", "/main.tf", "locals { a = \"x\" }\n");
  Span origin{&f, 13, 16};
  Value item = S("x").WithOrigin(origin).Through(Span{&f, 9, 10}, "local value").WithRef(kBucketId);
  Span call{&f, 0, 5};
  for (const auto& [name, args] : std::vector<std::pair<std::string, std::vector<Value>>>{
           {"element", {L({item}), N(0)}},
           {"lookup", {O({{"k", item}}), S("k")}},
           {"coalesce", {Null(), item}},
           {"one", {L({item})}},
           {"tostring", {item}},
       }) {
    CallResult r = FindFunction(name)(args, {}, call);
    ASSERT_FALSE(r.error) << name;
    EXPECT_EQ(r.value.origin(), item.origin()) << name;
    EXPECT_EQ(r.value.hops().size(), item.hops().size()) << name;
    EXPECT_TRUE(HasRef(r.value, kBucketId)) << name;
  }
  // merge() keeps the values of its fields.
  CallResult m = CallAt("merge", {O({{"k", item}})}, call);
  ASSERT_FALSE(m.error);
  EXPECT_EQ(m.value.Get("k")->origin(), item.origin());
}

TEST(Functions, ComputedResultsCarryProvenance) {
  SourceFile f("main.tf", "/main.tf", "x = upper(var.name)\n");
  Span call{&f, 4, 19};
  Value arg =
      S("abc").WithOrigin(Span{&f, 0, 1}).WithRef(kBucketId).Through(Span{&f, 10, 18}, "variable");
  CallResult r = CallAt("upper", {arg}, call);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.str(), "ABC");
  EXPECT_EQ(r.value.origin(), call);
  EXPECT_TRUE(HasRef(r.value, kBucketId));
  EXPECT_FALSE(r.value.hops().empty());
  // Refs of elements nested in a list argument are kept too.
  r = CallAt("join", {S("-"), L({S("a").WithRef(kVpcCidr), S("b")})}, call);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.str(), "a-b");
  EXPECT_TRUE(HasRef(r.value, kVpcCidr));
}

TEST(Functions, NumbersAreDecimals) {
  CallResult r = Invoke("sum", {L({N(0.1), N(0.2)})});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.number(), 0.3);
  r = Invoke("range", {N(0), N(1), N(0.1)});
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.value.items().size(), 10u);
  EXPECT_EQ(r.value.items()[3].number(), 0.3);
  EXPECT_EQ(r.value.items()[7].number(), 0.7);
  // 0.1 + 0.2 in doubles has digits Terraform's number would not have.
  ExpectUnknown("tostring", {N(0.1 + 0.2)});
  ExpectUnknown("jsonencode", {L({N(0.1 + 0.2)})});
  ExpectUnknown("format", {S("%v"), N(1.0 / 3)});
  Expect("format", {S("%.2f"), N(1.0 / 3)}, "\"0.33\"");
  // Past 2^53 a double does not hold Terraform's integer.
  ExpectUnknown("parseint", {S("123456789012345678901234567890"), N(10)});
  Expect("parseint", {S("9007199254740992"), N(10)}, "9007199254740992");
  Expect("pow", {N(2), N(0.5)}, "1.4142135623730951");
  CallResult l = Invoke("log", {N(0), N(10)});
  ASSERT_FALSE(l.error);
  EXPECT_TRUE(std::isinf(l.value.number()) && l.value.number() < 0);
  ExpectError("log", {N(-1), N(10)});
  ExpectError("pow", {N(-8), N(1.0 / 3)});
}

TEST(Functions, Bounds) {
  ExpectError("format", {S("%999999d"), N(1)});
  ExpectError("format", {S("%.999999f"), N(1)});
  ExpectError("range", {N(1025)});
  std::vector<Value> big(1001);
  for (int i = 0; i < 1001; ++i) big[i] = N(i);
  ExpectError("setproduct", {L(big), L(big)});
  ExpectError("indent", {N(100000000), S(std::string(100, '\n'))});
  // RE2 refuses what Go's regexp refuses, and never runs away.
  ExpectError("regex", {S("a{1001}"), S("a")});
  ExpectError("regex", {S("((((a{100}){100}){100}){100})"), S("a")});
  CallResult r = Invoke("regexall", {S("(a*)*b"), S(std::string(5000, 'a'))});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(Show(r.value), "[]");
}

TEST(Functions, UnicodeStrings) {
  Expect("upper", {S("ǳ straße ꙁ ⓐ")}, "\"Ǳ STRAßE Ꙁ Ⓐ\"");
  Expect("lower", {S("ΑΣ Ǆ Ⅻ")}, "\"ασ ǆ ⅻ\"");
  Expect("title", {S("ǆungla")}, "\"ǅungla\"");
  Expect("strrev", {S("👍🏽x")}, "\"x👍🏽\"");
  Expect("substr", {S("🇰🇷🇯🇵🇺🇸"), N(1), N(1)}, "\"🇯🇵\"");
  Expect("length", {S("नमस्ते")}, "4");  // Unicode 15.0: no conjunct rule yet
  Expect("strrev", {S("한국")}, "\"국한\"");
  // A result Terraform would normalize to NFC, which we cannot do: unknown.
  ExpectUnknown("upper", {S("e\xCC\x81")});
  ExpectUnknown("join", {S(""), L({S("e"), S("\xCC\x81")})});
  Expect("jsonencode", {S("\x7f")}, "\"\\\"\x7f\\\"\"");
}

TEST(Functions, JsonEncodeKeepsTheStructure) {
  SourceFile f("main.tf", "/main.tf", "x = jsonencode({ a = 1 })\n");
  Value inner = N(1).WithOrigin(Span{&f, 21, 22});
  Value obj = O({{"a", inner}});
  CallResult r = CallAt("jsonencode", {obj}, Span{&f, 4, 25});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.str(), "{\"a\":1}");
  ASSERT_NE(r.value.structured(), nullptr);
  EXPECT_EQ(r.value.structured()->Get("a")->origin(), inner.origin());
  // jsondecode(jsonencode(x)) is x itself.
  CallResult d = CallAt("jsondecode", {r.value}, Span{&f, 0, 1});
  ASSERT_FALSE(d.error);
  EXPECT_EQ(d.value.Get("a")->origin(), inner.origin());
}

TEST(Functions, JsonEncodeOfUnknownsIsUnknownButKeepsTheStructure) {
  Value obj = O({{"a", S("known")}, {"b", U()}});
  CallResult r = CallAt("jsonencode", {obj}, Span{});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.value.is_unknown());
  ASSERT_NE(r.value.structured(), nullptr);
  EXPECT_EQ(r.value.structured()->Get("a")->str(), "known");
  EXPECT_TRUE(r.value.structured()->Get("b")->is_unknown());
  // Decoding it again is still unknown, as in Terraform.
  EXPECT_TRUE(CallAt("jsondecode", {r.value}, Span{}).value.is_unknown());
}

TEST(Functions, JsonDecodeApi) {
  SourceFile f("policy.json", "/policy.json", "{\"Version\": \"2012-10-17\"}\n");
  std::string error;
  std::optional<Value> v = JsonDecode(f.text(), &f, Span{}, &error);
  ASSERT_TRUE(v);
  const Value* version = v->Get("Version");
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(version->origin().file, &f);
  EXPECT_EQ(version->origin().text(), "\"2012-10-17\"");
  // Other text takes the given origin.
  Span at{&f, 1, 2};
  v = JsonDecode("[1]", &f, at, &error);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->items()[0].origin(), at);
  EXPECT_FALSE(JsonDecode("{", nullptr, at, &error));
  EXPECT_FALSE(error.empty());
}

TEST(Functions, ToStringValue) {
  EXPECT_EQ(ToStringValue(S("a")), "a");
  EXPECT_EQ(ToStringValue(N(1.5)), "1.5");
  EXPECT_EQ(ToStringValue(N(1e21)), "1000000000000000000000");
  EXPECT_EQ(ToStringValue(B(true)), "true");
  EXPECT_EQ(ToStringValue(Null()), std::nullopt);
  EXPECT_EQ(ToStringValue(L({})), std::nullopt);
  EXPECT_EQ(ToStringValue(O({})), std::nullopt);
  EXPECT_EQ(ToStringValue(U()), std::nullopt);
}

// A project with a few files, reached only through the context.
class FileFunctions : public ::testing::Test {
 protected:
  FileFunctions() {
    Add("policy.json", "{\"Statement\": [{\"Effect\": \"Allow\"}]}\n");
    Add("hello.txt", "hello world");
    Add("binary.bin", std::string("\xff\xfe\x00", 3));
    Add("user.tpl", "Hello ${name}");
    ctx_.read_file = [this](std::string_view path, std::string* error) -> const SourceFile* {
      auto it = files_.find(std::string(path));
      if (it == files_.end()) {
        *error = "no file exists at " + std::string(path);
        return nullptr;
      }
      return it->second.get();
    };
    ctx_.render_template = [this](const SourceFile& file, const Value& vars, Span call,
                                  std::string* error) -> Value {
      rendered_ = &file;
      const Value* name = vars.Get("name");
      if (!name) {
        *error = "vars map does not contain key \"name\"";
        return Value::Unknown(call);
      }
      return Value::String("Hello " + name->str(), call);
    };
  }

  void Add(const std::string& name, std::string text) {
    files_[name] = std::make_unique<SourceFile>(name, "/project/" + name, std::move(text));
  }

  CallResult Call(std::string_view name, std::vector<Value> args) {
    return FindFunction(name)(args, ctx_, call_);
  }

  std::map<std::string, std::unique_ptr<SourceFile>> files_;
  FunctionContext ctx_;
  SourceFile main_{"main.tf", "/project/main.tf", "x = file(\"policy.json\")\n"};
  Span call_{&main_, 4, 23};
  const SourceFile* rendered_ = nullptr;
};

TEST_F(FileFunctions, FileReturnsTheWholeFile) {
  CallResult r = Call("file", {S("policy.json")});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.whole_file(), files_["policy.json"].get());
  EXPECT_EQ(r.value.origin(), call_);
  EXPECT_EQ(r.value.str(), files_["policy.json"]->text());
  // jsondecode(file(...)) points into the file.
  CallResult d = Call("jsondecode", {r.value});
  ASSERT_FALSE(d.error);
  const Value* effect = Lookup(d.value, "Statement.Effect");
  ASSERT_NE(effect, nullptr);
  EXPECT_EQ(effect->origin().file, files_["policy.json"].get());
  EXPECT_EQ(effect->origin().text(), "\"Allow\"");
}

TEST_F(FileFunctions, Errors) {
  CallResult r = Call("file", {S("missing.txt")});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("no file exists at missing.txt"), std::string::npos);
  r = Call("file", {S("binary.bin")});
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("not valid UTF-8"), std::string::npos);
  EXPECT_TRUE(Call("templatefile", {S("user.tpl"), O({})}).error);
  EXPECT_TRUE(Call("templatefile", {S("user.tpl"), S("x")}).error);
}

TEST_F(FileFunctions, OtherFileFunctions) {
  EXPECT_EQ(Show(Call("fileexists", {S("hello.txt")}).value), "true");
  // Missing or refused: we cannot tell which, so we do not say false.
  EXPECT_TRUE(Call("fileexists", {S("missing.txt")}).value.is_unknown());
  EXPECT_EQ(Call("filebase64", {S("binary.bin")}).value.str(), "//4A");
  EXPECT_EQ(Call("filemd5", {S("hello.txt")}).value.str(), "5eb63bbbe01eeed093cb22bb8f5acdc3");
  EXPECT_EQ(Call("filesha1", {S("hello.txt")}).value.str(),
            "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed");
  EXPECT_EQ(Call("filesha256", {S("hello.txt")}).value.str(),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
  EXPECT_EQ(Call("filebase64sha256", {S("hello.txt")}).value.str(),
            "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
  EXPECT_EQ(Call("filesha512", {S("hello.txt")}).value.str().substr(0, 16), "309ecc489c12d6eb");
  EXPECT_EQ(Call("filebase64sha512", {S("hello.txt")}).value.str().substr(0, 16),
            "MJ7MSJwS1utMxA9Q");
  // A home directory depends on who runs Terraform.
  EXPECT_TRUE(Call("file", {S("~/x")}).value.is_unknown());
  EXPECT_TRUE(Call("pathexpand", {S("~/x")}).value.is_unknown());
  EXPECT_TRUE(Call("abspath", {S("rel/x")}).value.is_unknown());
  EXPECT_TRUE(Call("fileset", {S("."), S("*")}).value.is_unknown());
}

TEST_F(FileFunctions, TemplateFileRendersThroughTheContext) {
  CallResult r = Call("templatefile", {S("user.tpl"), O({{"name", S("Ana")}})});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.value.str(), "Hello Ana");
  EXPECT_EQ(rendered_, files_["user.tpl"].get());
  EXPECT_TRUE(Call("templatefile", {S("user.tpl"), U()}).value.is_unknown());
}

TEST(Functions, NoFileAccessWithoutAContext) {
  ExpectUnknown("file", {S("a.txt")});
  ExpectUnknown("fileexists", {S("a.txt")});
  ExpectUnknown("templatefile", {S("a.tpl"), O({})});
}

TEST(Functions, NondeterministicAreUnknown) {
  for (const char* f : {"uuid", "timestamp", "plantimestamp", "bcrypt", "formatdate", "timeadd",
                        "timecmp", "yamlencode", "yamldecode", "base64gzip", "rsadecrypt",
                        "textencodebase64", "textdecodebase64", "templatestring", "issensitive"}) {
    CallResult r = Invoke(f, {S("x").WithRef(kBucketId)});
    ASSERT_FALSE(r.error) << f;
    EXPECT_TRUE(r.value.is_unknown()) << f;
    EXPECT_TRUE(HasRef(r.value, kBucketId)) << f;
  }
  Expect("sensitive", {S("x")}, "\"x\"");
  Expect("nonsensitive", {N(1)}, "1");
  Expect("ephemeralasnull", {B(true)}, "true");
}

TEST(Functions, SetsAreOrdered) {
  Expect("toset", {L({S("b"), S("a"), S("b")})}, "[\"a\",\"b\"]");
  Expect("toset", {L({N(10), N(2), N(-1)})}, "[-1,2,10]");
  Expect("setunion", {L({N(3)}), L({N(1), N(3)})}, "[1,3]");
  // Collections keep first-seen order (Terraform orders them by hash).
  Expect("toset", {L({L({N(2)}), L({N(1)}), L({N(2)})})}, "[[2],[1]]");
}

TEST(Functions, EveryFunctionSurvivesOddArguments) {
  // Never a crash, a hang or an exception: a value or an error.
  std::vector<Value> odd = {
      Null(),
      U(),
      B(true),
      N(0),
      N(-1),
      N(1e308),
      N(-1e308),
      N(std::numeric_limits<double>::infinity()),
      N(std::numeric_limits<double>::quiet_NaN()),
      N(0.5),
      N(9007199254740993.0),
      S(""),
      S("a"),
      S("%"),
      S("%[9]d %*s %.99999f"),
      S("/(/"),
      S("10.0.0.0/8"),
      S("::/0"),
      S("\xff\xfe"),
      S("e\xCC\x81"),
      S("a,\"b\n"),
      L({}),
      L({U()}),
      L({Null(), N(1), S("x")}),
      L({L({L({})})}),
      O({}),
      O({{"a", U()}, {"b", L({N(1)})}}),
      O({{"x", S("y")}}).AsOpen("aws_s3_bucket.x"),
  };
  FunctionContext ctx;
  ctx.read_file = [](std::string_view, std::string* error) -> const SourceFile* {
    *error = "no files here";
    return nullptr;
  };
  size_t calls = 0;
  for (std::string_view name : FunctionNames()) {
    Function f = FindFunction(name);
    for (size_t n = 0; n <= 3; ++n) {
      // A spread of argument tuples, not every combination.
      for (size_t k = 0; k < odd.size() * 3; ++k) {
        std::vector<Value> args;
        for (size_t i = 0; i < n; ++i) args.push_back(odd[(k * (i + 1) + i * 7) % odd.size()]);
        CallResult r = f(args, ctx, Span{});
        EXPECT_TRUE(r.error || r.value.kind() <= Value::Kind::kUnknown) << name;
        ++calls;
      }
    }
  }
  EXPECT_GT(calls, 1000u);
}

TEST(Unicode, IsSurelyNfcLooksAtEveryByteAfterAsciiRuns) {
  // A decomposed "é" (e, then U+0301) may need composing; a precomposed one
  // (U+00E9) does not. Wherever they stand after plain ASCII, of any length.
  for (size_t n = 0; n <= 20; ++n) {
    std::string ascii(n, 'a');
    EXPECT_TRUE(tf::unicode::IsSurelyNfc(ascii)) << n;
    EXPECT_FALSE(tf::unicode::IsSurelyNfc(ascii + "e\xCC\x81")) << n;
    EXPECT_FALSE(tf::unicode::IsSurelyNfc(ascii + "e\xCC\x81" + ascii)) << n;
    EXPECT_TRUE(tf::unicode::IsSurelyNfc(ascii + "\xC3\xA9" + ascii)) << n;
  }
}

}  // namespace
}  // namespace infracheck::tf::testing
