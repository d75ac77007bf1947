// Built-in functions against Terraform 1.11: every expectation below is what
// `terraform console` printed for jsonencode(<call>) (or that it failed),
// baked in so the suite does not need Terraform.
#include <gtest/gtest.h>

#include "tests/function_test_util.h"

namespace infracheck::tf::testing {
namespace {

TEST(FunctionsOracle, Numeric) {
  // abs(-5)
  Expect("abs", {N(-5)}, "5");
  // abs(3.5)
  Expect("abs", {N(3.5)}, "3.5");
  // abs("-7")
  Expect("abs", {S("-7")}, "7");
  // abs(0)
  Expect("abs", {N(0)}, "0");
  // abs("x")
  ExpectError("abs", {S("x")});
  // abs(true)
  ExpectError("abs", {B(true)});
  // abs([1])
  ExpectError("abs", {L({N(1)})});
  // abs(null)
  ExpectError("abs", {Null()});
  // ceil(1.2)
  Expect("ceil", {N(1.2)}, "2");
  // ceil(-1.5)
  Expect("ceil", {N(-1.5)}, "-1");
  // ceil(5)
  Expect("ceil", {N(5)}, "5");
  // ceil("1.2")
  Expect("ceil", {S("1.2")}, "2");
  // floor(1.8)
  Expect("floor", {N(1.8)}, "1");
  // floor(-1.5)
  Expect("floor", {N(-1.5)}, "-2");
  // floor(5)
  Expect("floor", {N(5)}, "5");
  // log(8, 2)
  Expect("log", {N(8), N(2)}, "3");
  // log(100, 10)
  Expect("log", {N(100), N(10)}, "2");
  // log(1000, 10)
  Expect("log", {N(1000), N(10)}, "2.9999999999999996");
  // log(8, 0.5)
  Expect("log", {N(8), N(0.5)}, "-3");
  // log(-1, 10)
  ExpectError("log", {N(-1), N(10)});
  // max(1, 5, 3)
  Expect("max", {N(1), N(5), N(3)}, "5");
  // max(-1.5, "2")
  Expect("max", {N(-1.5), S("2")}, "2");
  // max()
  ExpectError("max", {});
  // max("a")
  ExpectError("max", {S("a")});
  // max(1, null)
  ExpectError("max", {N(1), Null()});
  // min(3, 1.5, 2)
  Expect("min", {N(3), N(1.5), N(2)}, "1.5");
  // min(7)
  Expect("min", {N(7)}, "7");
  // parseint("100", 10)
  Expect("parseint", {S("100"), N(10)}, "100");
  // parseint("FF", 16)
  Expect("parseint", {S("FF"), N(16)}, "255");
  // parseint("-ff", 16)
  Expect("parseint", {S("-ff"), N(16)}, "-255");
  // parseint("zz", 36)
  Expect("parseint", {S("zz"), N(36)}, "1295");
  // parseint("Z", 62)
  Expect("parseint", {S("Z"), N(62)}, "61");
  // parseint("z", 62)
  Expect("parseint", {S("z"), N(62)}, "35");
  // parseint("101", 2)
  Expect("parseint", {S("101"), N(2)}, "5");
  // parseint("+12", 10)
  Expect("parseint", {S("+12"), N(10)}, "12");
  // parseint("-0", 10)
  Expect("parseint", {S("-0"), N(10)}, "0");
  // parseint("12", 1)
  ExpectError("parseint", {S("12"), N(1)});
  // parseint("12", 63)
  ExpectError("parseint", {S("12"), N(63)});
  // parseint("12x", 10)
  ExpectError("parseint", {S("12x"), N(10)});
  // parseint("", 10)
  ExpectError("parseint", {S(""), N(10)});
  // parseint("0x10", 16)
  ExpectError("parseint", {S("0x10"), N(16)});
  // parseint("1.5", 10)
  ExpectError("parseint", {S("1.5"), N(10)});
  // parseint(10, 10)
  ExpectError("parseint", {N(10), N(10)});
  // parseint("1", 2.5)
  ExpectError("parseint", {S("1"), N(2.5)});
  // parseint(" 1", 10)
  ExpectError("parseint", {S(" 1"), N(10)});
  // parseint("1_000", 10)
  ExpectError("parseint", {S("1_000"), N(10)});
  // pow(2, 10)
  Expect("pow", {N(2), N(10)}, "1024");
  // pow(2, -1)
  Expect("pow", {N(2), N(-1)}, "0.5");
  // pow(0, 0)
  Expect("pow", {N(0), N(0)}, "1");
  // pow(2, 0.5)
  Expect("pow", {N(2), N(0.5)}, "1.4142135623730951");
  // pow(9, 0.5)
  Expect("pow", {N(9), N(0.5)}, "3");
  // pow("3", "2")
  Expect("pow", {S("3"), S("2")}, "9");
  // signum(-3)
  Expect("signum", {N(-3)}, "-1");
  // signum(0)
  Expect("signum", {N(0)}, "0");
  // signum(42)
  Expect("signum", {N(42)}, "1");
  // signum(2.5)
  ExpectError("signum", {N(2.5)});
  // sum([1, 2, 3.5])
  Expect("sum", {L({N(1), N(2), N(3.5)})}, "6.5");
  // sum([0.1, 0.2])
  Expect("sum", {L({N(0.1), N(0.2)})}, "0.3");
  // sum([0.1, 0.2, 0.3])
  Expect("sum", {L({N(0.1), N(0.2), N(0.3)})}, "0.6");
  // sum(["1", 2])
  Expect("sum", {L({S("1"), N(2)})}, "3");
  // sum([])
  ExpectError("sum", {L({})});
  // sum([1, null])
  ExpectError("sum", {L({N(1), Null()})});
  // sum({"a" = 1})
  ExpectError("sum", {O({{"a", N(1)}})});
  // sum(["x"])
  ExpectError("sum", {L({S("x")})});
  // sum([-1.5, 1.5])
  Expect("sum", {L({N(-1.5), N(1.5)})}, "0");
  // sum([1000000000000000.0, 1])
  Expect("sum", {L({N(1000000000000000.0), N(1)})}, "1000000000000001");
}

TEST(FunctionsOracle, Strings) {
  // chomp("hello\n")
  Expect("chomp", {S("hello\n")}, "\"hello\"");
  // chomp("a\n\n")
  Expect("chomp", {S("a\n\n")}, "\"a\"");
  // chomp("a\r\n\r\n\n")
  Expect("chomp", {S("a\r\n\r\n\n")}, "\"a\"");
  // chomp("a\n\r")
  Expect("chomp", {S("a\n\r")}, "\"a\"");
  // chomp("a\nb")
  Expect("chomp", {S("a\nb")}, "\"a\\nb\"");
  // chomp("")
  Expect("chomp", {S("")}, "\"\"");
  // endswith("hello", "lo")
  Expect("endswith", {S("hello"), S("lo")}, "true");
  // endswith("hello", "")
  Expect("endswith", {S("hello"), S("")}, "true");
  // endswith("hello", "he")
  Expect("endswith", {S("hello"), S("he")}, "false");
  // endswith(5, 5)
  Expect("endswith", {N(5), N(5)}, "true");
  // startswith("hello", "he")
  Expect("startswith", {S("hello"), S("he")}, "true");
  // startswith("", "")
  Expect("startswith", {S(""), S("")}, "true");
  // startswith("hello", "lo")
  Expect("startswith", {S("hello"), S("lo")}, "false");
  // strcontains("hello", "ell")
  Expect("strcontains", {S("hello"), S("ell")}, "true");
  // strcontains("abc", "")
  Expect("strcontains", {S("abc"), S("")}, "true");
  // strcontains("abc", "d")
  Expect("strcontains", {S("abc"), S("d")}, "false");
  // indent(2, "a\nb\n\nc")
  Expect("indent", {N(2), S("a\nb\n\nc")}, "\"a\\n  b\\n  \\n  c\"");
  // indent(2, "a\r\nb\r\n")
  Expect("indent", {N(2), S("a\r\nb\r\n")}, "\"a\\r\\n  b\\r\\n  \"");
  // indent(0, "a\nb")
  Expect("indent", {N(0), S("a\nb")}, "\"a\\nb\"");
  // indent(3, "")
  Expect("indent", {N(3), S("")}, "\"\"");
  // indent(-1, "a\nb")
  ExpectError("indent", {N(-1), S("a\nb")});
  // indent(1.5, "a")
  ExpectError("indent", {N(1.5), S("a")});
  // join(",", [])
  Expect("join", {S(","), L({})}, "\"\"");
  // join(",", ["a", 1, true])
  Expect("join", {S(","), L({S("a"), N(1), B(true)})}, "\"a,1,true\"");
  // join(", ", ["a"], ["b", "c"])
  Expect("join", {S(", "), L({S("a")}), L({S("b"), S("c")})}, "\"a, b, c\"");
  // join(",")
  ExpectError("join", {S(",")});
  // join(",", "a")
  ExpectError("join", {S(","), S("a")});
  // join(",", ["a", null])
  ExpectError("join", {S(","), L({S("a"), Null()})});
  // join("-", [["a"]])
  ExpectError("join", {S("-"), L({L({S("a")})})});
  // lower("HeLLo ÀÉÎ")
  Expect("lower", {S("HeLLo ÀÉÎ")}, "\"hello àéî\"");
  // lower("İ")
  Expect("lower", {S("İ")}, "\"i\"");
  // upper("hello ß ǆ ÿ")
  Expect("upper", {S("hello ß ǆ ÿ")}, "\"HELLO ß Ǆ Ÿ\"");
  // upper("ᾳ")
  Expect("upper", {S("ᾳ")}, "\"ᾼ\"");
  // upper(5)
  Expect("upper", {N(5)}, "\"5\"");
  // upper(true)
  Expect("upper", {B(true)}, "\"TRUE\"");
  // upper(null)
  ExpectError("upper", {Null()});
  // upper([1])
  ExpectError("upper", {L({N(1)})});
  // upper("привет ω")
  Expect("upper", {S("привет ω")}, "\"ПРИВЕТ Ω\"");
  // lower("ΣΑΣ")
  Expect("lower", {S("ΣΑΣ")}, "\"σασ\"");
  // upper("ı")
  Expect("upper", {S("ı")}, "\"I\"");
  // split(",", "a,b,c")
  Expect("split", {S(","), S("a,b,c")}, "[\"a\",\"b\",\"c\"]");
  // split(",", "")
  Expect("split", {S(","), S("")}, "[\"\"]");
  // split("", "héllo")
  Expect("split", {S(""), S("héllo")}, "[\"h\",\"é\",\"l\",\"l\",\"o\"]");
  // split(",", "a,,b")
  Expect("split", {S(","), S("a,,b")}, "[\"a\",\"\",\"b\"]");
  // split(", ", "a, b")
  Expect("split", {S(", "), S("a, b")}, "[\"a\",\"b\"]");
  // split("x", "abc")
  Expect("split", {S("x"), S("abc")}, "[\"abc\"]");
  // strrev("hello")
  Expect("strrev", {S("hello")}, "\"olleh\"");
  // strrev("héllo")
  Expect("strrev", {S("héllo")}, "\"olléh\"");
  // strrev("🇺🇸🇫🇷")
  Expect("strrev", {S("🇺🇸🇫🇷")}, "\"🇫🇷🇺🇸\"");
  // strrev("a👨‍👩‍👧b")
  Expect("strrev", {S("a👨‍👩‍👧b")}, "\"b👨‍👩‍👧a\"");
  // strrev("")
  Expect("strrev", {S("")}, "\"\"");
  // strrev("a\r\nb")
  Expect("strrev", {S("a\r\nb")}, "\"b\\r\\na\"");
  // substr("hello world", 1, 4)
  Expect("substr", {S("hello world"), N(1), N(4)}, "\"ello\"");
  // substr("hello", -3, 2)
  Expect("substr", {S("hello"), N(-3), N(2)}, "\"ll\"");
  // substr("hello", 0, -1)
  Expect("substr", {S("hello"), N(0), N(-1)}, "\"hello\"");
  // substr("hello", 2, -1)
  Expect("substr", {S("hello"), N(2), N(-1)}, "\"llo\"");
  // substr("hello", 10, 2)
  Expect("substr", {S("hello"), N(10), N(2)}, "\"\"");
  // substr("hello", -10, 2)
  Expect("substr", {S("hello"), N(-10), N(2)}, "\"he\"");
  // substr("hello", 3, 10)
  Expect("substr", {S("hello"), N(3), N(10)}, "\"lo\"");
  // substr("hello", 1.5, 2)
  ExpectError("substr", {S("hello"), N(1.5), N(2)});
  // substr("héllo", 1, 2)
  Expect("substr", {S("héllo"), N(1), N(2)}, "\"él\"");
  // substr("hello", 5, 1)
  Expect("substr", {S("hello"), N(5), N(1)}, "\"\"");
  // substr("", 0, 1)
  Expect("substr", {S(""), N(0), N(1)}, "\"\"");
  // substr("hello", 0, -2)
  Expect("substr", {S("hello"), N(0), N(-2)}, "\"hello\"");
  // substr("hello", -2, 0)
  Expect("substr", {S("hello"), N(-2), N(0)}, "\"lo\"");
  // substr("hello", 2, 0)
  Expect("substr", {S("hello"), N(2), N(0)}, "\"\"");
  // substr("🇺🇸🇫🇷x", 1, 1)
  Expect("substr", {S("🇺🇸🇫🇷x"), N(1), N(1)}, "\"🇫🇷\"");
  // substr("hello", -1, -1)
  Expect("substr", {S("hello"), N(-1), N(-1)}, "\"o\"");
  // substr("hello", 0, 0)
  Expect("substr", {S("hello"), N(0), N(0)}, "\"\"");
  // title("hello wORLD foo-bar a_b c.d")
  Expect("title", {S("hello wORLD foo-bar a_b c.d")}, "\"Hello WORLD Foo-Bar A_b C.D\"");
  // title("ǆa ǆ")
  Expect("title", {S("ǆa ǆ")}, "\"ǅa ǅ\"");
  // title("héllo élan")
  Expect("title", {S("héllo élan")}, "\"Héllo Élan\"");
  // title("  x\ty\u00a0z")
  Expect("title", {S("  x\ty z")}, "\"  X\\tY Z\"");
  // title("1st o'neil")
  Expect("title", {S("1st o'neil")}, "\"1st O'Neil\"");
  // title("ßa")
  Expect("title", {S("ßa")}, "\"ßa\"");
  // title("ა ბ")
  Expect("title", {S("ა ბ")}, "\"ა ბ\"");
  // title("")
  Expect("title", {S("")}, "\"\"");
  // trim("?!hello?!", "!?")
  Expect("trim", {S("?!hello?!"), S("!?")}, "\"hello\"");
  // trim("  x ", " ")
  Expect("trim", {S("  x "), S(" ")}, "\"x\"");
  // trim("abc", "")
  Expect("trim", {S("abc"), S("")}, "\"abc\"");
  // trim("ééaé", "é")
  Expect("trim", {S("ééaé"), S("é")}, "\"a\"");
  // trim("xxx", "x")
  Expect("trim", {S("xxx"), S("x")}, "\"\"");
  // trimprefix("helloworld", "hello")
  Expect("trimprefix", {S("helloworld"), S("hello")}, "\"world\"");
  // trimprefix("hello", "x")
  Expect("trimprefix", {S("hello"), S("x")}, "\"hello\"");
  // trimprefix("hellohello", "hello")
  Expect("trimprefix", {S("hellohello"), S("hello")}, "\"hello\"");
  // trimsuffix("helloworld", "world")
  Expect("trimsuffix", {S("helloworld"), S("world")}, "\"hello\"");
  // trimsuffix("hello", "")
  Expect("trimsuffix", {S("hello"), S("")}, "\"hello\"");
  // trimspace("  hi \n\t")
  Expect("trimspace", {S("  hi \n\t")}, "\"hi\"");
  // trimspace("\u00a0x　")
  Expect("trimspace", {S(" x　")}, "\"x\"");
  // trimspace("")
  Expect("trimspace", {S("")}, "\"\"");
  // trimspace("a b")
  Expect("trimspace", {S("a b")}, "\"a b\"");
}

TEST(FunctionsOracle, Regex) {
  // regex("[a-z]+", "53453453.345345aaabbbccc23454")
  Expect("regex", {S("[a-z]+"), S("53453453.345345aaabbbccc23454")}, "\"aaabbbccc\"");
  // regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")
  Expect("regex", {S("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"), S("2019-02-01")},
         "[\"2019\",\"02\",\"01\"]");
  // regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")
  Expect("regex",
         {S("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
          S("https://terraform.io/docs/")},
         "{\"authority\":\"terraform.io\",\"scheme\":\"https\"}");
  // regex("(?<a>x)(?<b>y)?", "x")
  Expect("regex", {S("(?<a>x)(?<b>y)?"), S("x")}, "{\"a\":\"x\",\"b\":null}");
  // regex("(a)|(b)", "b")
  Expect("regex", {S("(a)|(b)"), S("b")}, "[null,\"b\"]");
  // regex("z", "abc")
  ExpectError("regex", {S("z"), S("abc")});
  // regex("(", "abc")
  ExpectError("regex", {S("("), S("abc")});
  // regex("(?P<a>x)(y)", "xy")
  ExpectError("regex", {S("(?P<a>x)(y)"), S("xy")});
  // regex("", "abc")
  Expect("regex", {S(""), S("abc")}, "\"\"");
  // regex("(?i)HELLO", "say hello")
  Expect("regex", {S("(?i)HELLO"), S("say hello")}, "\"hello\"");
  // regex("\\bfoo\\b", "a foo b")
  Expect("regex", {S("\\bfoo\\b"), S("a foo b")}, "\"foo\"");
  // regex("[[:alpha:]]+", "123abc")
  Expect("regex", {S("[[:alpha:]]+"), S("123abc")}, "\"abc\"");
  // regex("\\pL+", "123éa")
  Expect("regex", {S("\\pL+"), S("123éa")}, "\"éa\"");
  // regex("a{2,}", "caaat")
  Expect("regex", {S("a{2,}"), S("caaat")}, "\"aaa\"");
  // regex("(?s)a.b", "a\nb")
  Expect("regex", {S("(?s)a.b"), S("a\nb")}, "\"a\\nb\"");
  // regexall("[a-z]+", "1234abcd5678efgh9")
  Expect("regexall", {S("[a-z]+"), S("1234abcd5678efgh9")}, "[\"abcd\",\"efgh\"]");
  // regexall("a*", "baaac")
  Expect("regexall", {S("a*"), S("baaac")}, "[\"\",\"aaa\",\"\"]");
  // regexall("", "héllo")
  Expect("regexall", {S(""), S("héllo")}, "[\"\",\"\",\"\",\"\",\"\",\"\"]");
  // regexall("x*", "")
  Expect("regexall", {S("x*"), S("")}, "[\"\"]");
  // regexall("(\\w)(\\d)?", "a1b")
  Expect("regexall", {S("(\\w)(\\d)?"), S("a1b")}, "[[\"a\",\"1\"],[\"b\",null]]");
  // regexall("z", "abc")
  Expect("regexall", {S("z"), S("abc")}, "[]");
  // regexall("(?P<k>\\w+)=(?P<v>\\w+)", "a=1 b=2")
  Expect("regexall", {S("(?P<k>\\w+)=(?P<v>\\w+)"), S("a=1 b=2")},
         "[{\"k\":\"a\",\"v\":\"1\"},{\"k\":\"b\",\"v\":\"2\"}]");
  // regexall("a|", "ab")
  Expect("regexall", {S("a|"), S("ab")}, "[\"a\",\"\"]");
  // regexall("\\b", "ab cd")
  Expect("regexall", {S("\\b"), S("ab cd")}, "[\"\",\"\",\"\",\"\"]");
  // regexall("^", "abc")
  Expect("regexall", {S("^"), S("abc")}, "[\"\"]");
  // regexall("$", "abc")
  Expect("regexall", {S("$"), S("abc")}, "[\"\"]");
  // replace("1 + 2 + 3", "+", "-")
  Expect("replace", {S("1 + 2 + 3"), S("+"), S("-")}, "\"1 - 2 - 3\"");
  // replace("hello world", "/w.*d/", "everybody")
  Expect("replace", {S("hello world"), S("/w.*d/"), S("everybody")}, "\"hello everybody\"");
  // replace("abc", "", "-")
  Expect("replace", {S("abc"), S(""), S("-")}, "\"-a-b-c-\"");
  // replace("héllo", "", ".")
  Expect("replace", {S("héllo"), S(""), S(".")}, "\".h.é.l.l.o.\"");
  // replace("aaa", "a", "aa")
  Expect("replace", {S("aaa"), S("a"), S("aa")}, "\"aaaaaa\"");
  // replace("abc", "/(b)/", "[$1]")
  Expect("replace", {S("abc"), S("/(b)/"), S("[$1]")}, "\"a[b]c\"");
  // replace("abc", "/(b)/", "[$1x]")
  Expect("replace", {S("abc"), S("/(b)/"), S("[$1x]")}, "\"a[]c\"");
  // replace("abc", "/(b)/", "[$${1}x]")
  Expect("replace", {S("abc"), S("/(b)/"), S("[${1}x]")}, "\"a[bx]c\"");
  // replace("abc", "/(?P<n>b)/", "<$n>")
  Expect("replace", {S("abc"), S("/(?P<n>b)/"), S("<$n>")}, "\"a\\u003cb\\u003ec\"");
  // replace("abc", "/(?P<n>b)/", "<$${n}>")
  Expect("replace", {S("abc"), S("/(?P<n>b)/"), S("<${n}>")}, "\"a\\u003cb\\u003ec\"");
  // replace("abc", "/b/", "$$")
  Expect("replace", {S("abc"), S("/b/"), S("$$")}, "\"a$c\"");
  // replace("abc", "/b/", "$")
  Expect("replace", {S("abc"), S("/b/"), S("$")}, "\"a$c\"");
  // replace("abc", "/b/", "$${")
  Expect("replace", {S("abc"), S("/b/"), S("${")}, "\"a${c\"");
  // replace("abc", "/x*/", "-")
  Expect("replace", {S("abc"), S("/x*/"), S("-")}, "\"-a-b-c-\"");
  // replace("baaac", "/a*/", "X")
  Expect("replace", {S("baaac"), S("/a*/"), S("X")}, "\"XbXcX\"");
  // replace("abc", "/(/", "x")
  ExpectError("replace", {S("abc"), S("/(/"), S("x")});
  // replace("a/b/c", "/", "_")
  Expect("replace", {S("a/b/c"), S("/"), S("_")}, "\"a_b_c\"");
  // replace("abc", "//", "x")
  Expect("replace", {S("abc"), S("//"), S("x")}, "\"xaxbxcx\"");
  // replace("hello", "/l+/", "$0$0")
  Expect("replace", {S("hello"), S("/l+/"), S("$0$0")}, "\"hellllo\"");
  // replace("hello", "/(l)(l)/", "$2$1$3")
  Expect("replace", {S("hello"), S("/(l)(l)/"), S("$2$1$3")}, "\"hello\"");
  // replace("abc", "/b/", "$01")
  Expect("replace", {S("abc"), S("/b/"), S("$01")}, "\"ac\"");
  // replace("a.b.c", ".", "-")
  Expect("replace", {S("a.b.c"), S("."), S("-")}, "\"a-b-c\"");
  // replace("héllo", "/./", "x")
  Expect("replace", {S("héllo"), S("/./"), S("x")}, "\"xxxxx\"");
  // replace("ab", "/a|/", "X")
  Expect("replace", {S("ab"), S("/a|/"), S("X")}, "\"XbX\"");
}

TEST(FunctionsOracle, Format) {
  // format("Hello, %s!", "Ander")
  Expect("format", {S("Hello, %s!"), S("Ander")}, "\"Hello, Ander!\"");
  // format("There are %d lights", 4)
  Expect("format", {S("There are %d lights"), N(4)}, "\"There are 4 lights\"");
  // format("%v|%v|%v|%v", 1234567, 0.5, 100000, 1e-05)
  Expect("format", {S("%v|%v|%v|%v"), N(1234567), N(0.5), N(100000), N(1e-05)},
         "\"1.234567e+06|0.5|100000|1e-05\"");
  // format("%g|%g|%G", 1000000, 1e-05, 1e+21)
  Expect("format", {S("%g|%g|%G"), N(1000000), N(1e-05), N(1e+21)}, "\"1e+06|1e-05|1E+21\"");
  // format("%e|%E|%.2e", 123.456, 0.001, 5)
  Expect("format", {S("%e|%E|%.2e"), N(123.456), N(0.001), N(5)},
         "\"1.234560e+02|1.000000E-03|5.00e+00\"");
  // format("%f|%.2f|%8.3f|%-8.2f|%08.2f|%+f|% f", 3.14159, 2.5, 3.14159, 1.5, -1.5, 2, 2)
  Expect("format",
         {S("%f|%.2f|%8.3f|%-8.2f|%08.2f|%+f|% f"), N(3.14159), N(2.5), N(3.14159), N(1.5), N(-1.5),
          N(2), N(2)},
         "\"3.141590|2.50|   3.142|1.50    |-0001.50|+2.000000| 2.000000\"");
  // format("%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%b|%#x|%#o|%#b", 42, 42, 42, -42, 42, 42, 255, 255,
  // 8, 5, 255, 8, 5)
  Expect("format",
         {S("%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%b|%#x|%#o|%#b"), N(42), N(42), N(42), N(-42), N(42),
          N(42), N(255), N(255), N(8), N(5), N(255), N(8), N(5)},
         "\"42|   42|42   |-0042|+42| 42|ff|FF|10|101|0xff|010|0b101\"");
  // format("%.3d|%8.3d|%.0d|", 7, 7, 0)
  Expect("format", {S("%.3d|%8.3d|%.0d|"), N(7), N(7), N(0)}, "\"007|     007||\"");
  // format("%d", 1.5)
  ExpectError("format", {S("%d"), N(1.5)});
  // format("%d", "12")
  Expect("format", {S("%d"), S("12")}, "\"12\"");
  // format("%s|%5s|%-5s|%.2s|%05s|%-05s|", "abc", "ab", "ab", "héllo", "ab", "ab")
  Expect(
      "format",
      {S("%s|%5s|%-5s|%.2s|%05s|%-05s|"), S("abc"), S("ab"), S("ab"), S("héllo"), S("ab"), S("ab")},
      "\"abc|   ab|ab   |hé|000ab|ab000|\"");
  // format("%q", "a\"b<")
  Expect("format", {S("%q"), S("a\"b<")}, "\"\\\"a\\\\\\\"b\\\\u003c\\\"\"");
  // format("%v|%#v|%v", "x", "x", true)
  Expect("format", {S("%v|%#v|%v"), S("x"), S("x"), B(true)}, "\"x|\\\"x\\\"|true\"");
  // format("%v", [1, "a"])
  Expect("format", {S("%v"), L({N(1), S("a")})}, "\"[1,\\\"a\\\"]\"");
  // format("%#v", {"b" = 1, "a" = "<"})
  Expect("format", {S("%#v"), O({{"b", N(1)}, {"a", S("<")}})},
         "\"{\\\"a\\\":\\\"\\\\u003c\\\",\\\"b\\\":1}\"");
  // format("%t", "true")
  Expect("format", {S("%t"), S("true")}, "\"true\"");
  // format("%t", 1)
  ExpectError("format", {S("%t"), N(1)});
  // format("%[2]s %s %[1]s %s", "a", "b")
  ExpectError("format", {S("%[2]s %s %[1]s %s"), S("a"), S("b")});
  // format("%[2]s %[1]s", "a", "b")
  Expect("format", {S("%[2]s %[1]s"), S("a"), S("b")}, "\"b a\"");
  // format("%[3]s", "a")
  ExpectError("format", {S("%[3]s"), S("a")});
  // format("%s %s", "a")
  ExpectError("format", {S("%s %s"), S("a")});
  // format("%y", 1)
  ExpectError("format", {S("%y"), N(1)});
  // format("%")
  ExpectError("format", {S("%")});
  // format("%.s|", "abc")
  Expect("format", {S("%.s|"), S("abc")}, "\"abc|\"");
  // format("100%%")
  Expect("format", {S("100%%")}, "\"100%\"");
  // format("%5.1s|", "abc")
  Expect("format", {S("%5.1s|"), S("abc")}, "\"    a|\"");
  // format("%s", [1])
  ExpectError("format", {S("%s"), L({N(1)})});
  // format("%s", 1.5)
  Expect("format", {S("%s"), N(1.5)}, "\"1.5\"");
  // format("%s", true)
  Expect("format", {S("%s"), B(true)}, "\"true\"");
  // format("%d", true)
  ExpectError("format", {S("%d"), B(true)});
  // format("%*d", 5, 3)
  ExpectError("format", {S("%*d"), N(5), N(3)});
  // format("%v", 1e+21)
  Expect("format", {S("%v"), N(1e+21)}, "\"1e+21\"");
  // format("%g", 123456789)
  Expect("format", {S("%g"), N(123456789)}, "\"1.23456789e+08\"");
  // format("%.3g|%.10g|%.1g", 3.14159, 0.125, 0.05)
  Expect("format", {S("%.3g|%.10g|%.1g"), N(3.14159), N(0.125), N(0.05)}, "\"3.14|0.125|0.05\"");
  // format("%e", 0)
  Expect("format", {S("%e"), N(0)}, "\"0.000000e+00\"");
  // format("%f", 1e+21)
  Expect("format", {S("%f"), N(1e+21)}, "\"1000000000000000000000.000000\"");
  // format("%x", -255)
  Expect("format", {S("%x"), N(-255)}, "\"-ff\"");
  // format("%-05d|", 42)
  Expect("format", {S("%-05d|"), N(42)}, "\"42   |\"");
  // format("%0-5d|", 42)
  Expect("format", {S("%0-5d|"), N(42)}, "\"42   |\"");
  // format("%05.1f", -2.5)
  Expect("format", {S("%05.1f"), N(-2.5)}, "\"-02.5\"");
  // format("%+.1e", 12345)
  Expect("format", {S("%+.1e"), N(12345)}, "\"+1.2e+04\"");
  // format("% d|%+ d", 5, 5)
  Expect("format", {S("% d|%+ d"), N(5), N(5)}, "\" 5|+5\"");
  // format("%v|%g", 0.1, 0.1)
  Expect("format", {S("%v|%g"), N(0.1), N(0.1)}, "\"0.1|0.1\"");
  // format("%.0f|%.0f|%.0f|%.0f", 0.5, 1.5, 2.5, 0.6)
  Expect("format", {S("%.0f|%.0f|%.0f|%.0f"), N(0.5), N(1.5), N(2.5), N(0.6)}, "\"0|2|2|1\"");
  // format("%.1f|%.2f", 0.25, 0.125)
  Expect("format", {S("%.1f|%.2f"), N(0.25), N(0.125)}, "\"0.2|0.12\"");
  // format("%.3f", 1.0005)
  // A decimal tie: Terraform's 512-bit value decides, a double cannot.
  ExpectUnknown("format", {S("%.3f"), N(1.0005)});
  // format("%10.4v|", "abcdefgh")
  Expect("format", {S("%10.4v|"), S("abcdefgh")}, "\"  abcdefgh|\"");
  // format("%5v|%-5v|", 12, true)
  Expect("format", {S("%5v|%-5v|"), N(12), B(true)}, "\"   12|true |\"");
  // format("%.2v", 3.14159)
  Expect("format", {S("%.2v"), N(3.14159)}, "\"3.14159\"");
  // format("%05v", 42)
  Expect("format", {S("%05v"), N(42)}, "\"00042\"");
  // format("%g", 0)
  Expect("format", {S("%g"), N(0)}, "\"0\"");
  // format("%v", -1.2345e-05)
  Expect("format", {S("%v"), N(-1.2345e-05)}, "\"-1.2345e-05\"");
  // format("%G", 1e-07)
  Expect("format", {S("%G"), N(1e-07)}, "\"1E-07\"");
  // format("%.15f", 0.1)
  Expect("format", {S("%.15f"), N(0.1)}, "\"0.100000000000000\"");
  // format("%.20f", 0.5)
  Expect("format", {S("%.20f"), N(0.5)}, "\"0.50000000000000000000\"");
  // format("%x", 3.0)
  Expect("format", {S("%x"), N(3.0)}, "\"3\"");
  // format("%c", "a")
  ExpectError("format", {S("%c"), S("a")});
  // format("%[0]s", "a")
  ExpectError("format", {S("%[0]s"), S("a")});
  // format("%-", 1)
  ExpectError("format", {S("%-"), N(1)});
  // format("%s", "%d")
  Expect("format", {S("%s"), S("%d")}, "\"%d\"");
  // format("héllo %s", "wörld")
  Expect("format", {S("héllo %s"), S("wörld")}, "\"héllo wörld\"");
  // format("%5s|", "é")
  Expect("format", {S("%5s|"), S("é")}, "\"    é|\"");
  // format("%E", 123456)
  Expect("format", {S("%E"), N(123456)}, "\"1.234560E+05\"");
  // format("%10.3e|%-12.2E|", 1234.5, -0.00012)
  Expect("format", {S("%10.3e|%-12.2E|"), N(1234.5), N(-0.00012)}, "\" 1.234e+03|-1.20E-04   |\"");
  // format("%#v", null)
  ExpectUnknown("format", {S("%#v"), Null()});
  // format("%v", {"a" = [true, null]})
  Expect("format", {S("%v"), O({{"a", L({B(true), Null()})}})}, "\"{\\\"a\\\":[true,null]}\"");
  // format("%#v|%#v", 1.5, "s")
  Expect("format", {S("%#v|%#v"), N(1.5), S("s")}, "\"1.5|\\\"s\\\"\"");
  // formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])
  Expect("formatlist", {S("Hello, %s!"), L({S("Valentina"), S("Ander"), S("Olivia"), S("Sam")})},
         "[\"Hello, Valentina!\",\"Hello, Ander!\",\"Hello, Olivia!\",\"Hello, Sam!\"]");
  // formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])
  Expect("formatlist", {S("%s, %s!"), S("Salutations"), L({S("Valentina"), S("Ander")})},
         "[\"Salutations, Valentina!\",\"Salutations, Ander!\"]");
  // formatlist("%s=%d", ["a", "b"], [1, 2])
  Expect("formatlist", {S("%s=%d"), L({S("a"), S("b")}), L({N(1), N(2)})}, "[\"a=1\",\"b=2\"]");
  // formatlist("%s=%d", ["a", "b"], [1])
  ExpectError("formatlist", {S("%s=%d"), L({S("a"), S("b")}), L({N(1)})});
  // formatlist("x")
  Expect("formatlist", {S("x")}, "[\"x\"]");
  // formatlist("%s", [])
  Expect("formatlist", {S("%s"), L({})}, "[]");
  // formatlist("%d", ["a"])
  ExpectError("formatlist", {S("%d"), L({S("a")})});
  // formatlist("%s-%s", "x", "y")
  Expect("formatlist", {S("%s-%s"), S("x"), S("y")}, "[\"x-y\"]");
  // formatlist("%v", [[1], {"a" = 1}])
  Expect("formatlist", {S("%v"), L({L({N(1)}), O({{"a", N(1)}})})}, "[\"[1]\",\"{\\\"a\\\":1}\"]");
}

TEST(FunctionsOracle, Collections) {
  // alltrue(["true", true])
  Expect("alltrue", {L({S("true"), B(true)})}, "true");
  // alltrue([true, false])
  Expect("alltrue", {L({B(true), B(false)})}, "false");
  // alltrue([])
  Expect("alltrue", {L({})}, "true");
  // alltrue([1])
  ExpectError("alltrue", {L({N(1)})});
  // alltrue([true, null])
  Expect("alltrue", {L({B(true), Null()})}, "false");
  // anytrue([])
  Expect("anytrue", {L({})}, "false");
  // anytrue([false, "true"])
  Expect("anytrue", {L({B(false), S("true")})}, "true");
  // anytrue([false])
  Expect("anytrue", {L({B(false)})}, "false");
  // anytrue([null, false])
  Expect("anytrue", {L({Null(), B(false)})}, "false");
  // anytrue("x")
  ExpectError("anytrue", {S("x")});
  // chunklist([1, 2, 3, 4, 5], 2)
  Expect("chunklist", {L({N(1), N(2), N(3), N(4), N(5)}), N(2)}, "[[1,2],[3,4],[5]]");
  // chunklist([1, 2], 0)
  Expect("chunklist", {L({N(1), N(2)}), N(0)}, "[[1,2]]");
  // chunklist([], 2)
  Expect("chunklist", {L({}), N(2)}, "[]");
  // chunklist([1], -1)
  ExpectError("chunklist", {L({N(1)}), N(-1)});
  // chunklist(["a", 1], 1)
  Expect("chunklist", {L({S("a"), N(1)}), N(1)}, "[[\"a\"],[\"1\"]]");
  // chunklist([1, true], 1)
  ExpectError("chunklist", {L({N(1), B(true)}), N(1)});
  // chunklist([1, 2, 3], 5)
  Expect("chunklist", {L({N(1), N(2), N(3)}), N(5)}, "[[1,2,3]]");
  // coalesce("", 1)
  Expect("coalesce", {S(""), N(1)}, "\"1\"");
  // coalesce(1, true)
  ExpectError("coalesce", {N(1), B(true)});
  // coalesce(null, "")
  ExpectError("coalesce", {Null(), S("")});
  // coalesce([], [1])
  Expect("coalesce", {L({}), L({N(1)})}, "[]");
  // coalesce("", "b", "c")
  Expect("coalesce", {S(""), S("b"), S("c")}, "\"b\"");
  // coalesce(null, 2, 3)
  Expect("coalesce", {Null(), N(2), N(3)}, "2");
  // coalesce(null, false)
  Expect("coalesce", {Null(), B(false)}, "false");
  // coalesce()
  ExpectError("coalesce", {});
  // coalesce({"a" = 1})
  Expect("coalesce", {O({{"a", N(1)}})}, "{\"a\":1}");
  // coalesce(1, [1])
  ExpectError("coalesce", {N(1), L({N(1)})});
  // coalescelist(["a", "b"], ["c", "d"])
  Expect("coalescelist", {L({S("a"), S("b")}), L({S("c"), S("d")})}, "[\"a\",\"b\"]");
  // coalescelist([], ["c", "d"])
  Expect("coalescelist", {L({}), L({S("c"), S("d")})}, "[\"c\",\"d\"]");
  // coalescelist([], "a")
  ExpectError("coalescelist", {L({}), S("a")});
  // coalescelist([], [])
  ExpectError("coalescelist", {L({}), L({})});
  // coalescelist()
  ExpectError("coalescelist", {});
  // coalescelist(null, [1])
  ExpectError("coalescelist", {Null(), L({N(1)})});
  // compact(["a", "", null, 1, "b"])
  Expect("compact", {L({S("a"), S(""), Null(), N(1), S("b")})}, "[\"a\",\"1\",\"b\"]");
  // compact([])
  Expect("compact", {L({})}, "[]");
  // compact(["", null])
  Expect("compact", {L({S(""), Null()})}, "[]");
  // compact([true])
  Expect("compact", {L({B(true)})}, "[\"true\"]");
  // concat(["a", ""], ["b", "c"])
  Expect("concat", {L({S("a"), S("")}), L({S("b"), S("c")})}, "[\"a\",\"\",\"b\",\"c\"]");
  // concat([1], ["a"])
  Expect("concat", {L({N(1)}), L({S("a")})}, "[1,\"a\"]");
  // concat()
  ExpectError("concat", {});
  // concat([1], "a")
  ExpectError("concat", {L({N(1)}), S("a")});
  // concat([])
  Expect("concat", {L({})}, "[]");
  // concat([1], [[2]], [{"a" = 1}])
  Expect("concat", {L({N(1)}), L({L({N(2)})}), L({O({{"a", N(1)}})})}, "[1,[2],{\"a\":1}]");
  // contains(["a", "b"], "b")
  Expect("contains", {L({S("a"), S("b")}), S("b")}, "true");
  // contains(["1"], 1)
  Expect("contains", {L({S("1")}), N(1)}, "false");
  // contains([1, "1"], 1)
  Expect("contains", {L({N(1), S("1")}), N(1)}, "true");
  // contains([], 1)
  Expect("contains", {L({}), N(1)}, "false");
  // contains("a", "a")
  ExpectError("contains", {S("a"), S("a")});
  // contains([[1, 2]], [1, 2])
  Expect("contains", {L({L({N(1), N(2)})}), L({N(1), N(2)})}, "true");
  // contains([{"a" = 1}], {"a" = 1})
  Expect("contains", {L({O({{"a", N(1)}})}), O({{"a", N(1)}})}, "true");
  // contains([null], null)
  ExpectError("contains", {L({Null()}), Null()});
  // distinct(["a", "b", "a", "c", "d", "b"])
  Expect("distinct", {L({S("a"), S("b"), S("a"), S("c"), S("d"), S("b")})},
         "[\"a\",\"b\",\"c\",\"d\"]");
  // distinct([1, "1", true])
  Expect("distinct", {L({N(1), S("1"), B(true)})}, "[\"1\",\"true\"]");
  // distinct([1, true])
  ExpectError("distinct", {L({N(1), B(true)})});
  // distinct([])
  Expect("distinct", {L({})}, "[]");
  // distinct([[1], [1], [2]])
  Expect("distinct", {L({L({N(1)}), L({N(1)}), L({N(2)})})}, "[[1],[2]]");
  // distinct([1, 1.0, 2])
  Expect("distinct", {L({N(1), N(1.0), N(2)})}, "[1,2]");
  // element(["a", "b", "c"], 1)
  Expect("element", {L({S("a"), S("b"), S("c")}), N(1)}, "\"b\"");
  // element(["a", "b", "c"], 4)
  Expect("element", {L({S("a"), S("b"), S("c")}), N(4)}, "\"b\"");
  // element(["a", "b"], -1)
  ExpectError("element", {L({S("a"), S("b")}), N(-1)});
  // element([], 0)
  ExpectError("element", {L({}), N(0)});
  // element(["a"], 1.5)
  ExpectError("element", {L({S("a")}), N(1.5)});
  // element("abc", 0)
  ExpectError("element", {S("abc"), N(0)});
  // element(["a", "b"], "1")
  Expect("element", {L({S("a"), S("b")}), S("1")}, "\"b\"");
  // flatten([["a", "b"], [], ["c"]])
  Expect("flatten", {L({L({S("a"), S("b")}), L({}), L({S("c")})})}, "[\"a\",\"b\",\"c\"]");
  // flatten([[1, [2]], [], [[[3]]]])
  Expect("flatten", {L({L({N(1), L({N(2)})}), L({}), L({L({L({N(3)})})})})}, "[1,2,3]");
  // flatten("a")
  ExpectError("flatten", {S("a")});
  // flatten([{"a" = 1}, [null]])
  Expect("flatten", {L({O({{"a", N(1)}}), L({Null()})})}, "[{\"a\":1},null]");
  // flatten([])
  Expect("flatten", {L({})}, "[]");
  // index(["a", "b", "c"], "b")
  Expect("index", {L({S("a"), S("b"), S("c")}), S("b")}, "1");
  // index(["1"], 1)
  ExpectError("index", {L({S("1")}), N(1)});
  // index([], 1)
  ExpectError("index", {L({}), N(1)});
  // index(["a"], "b")
  ExpectError("index", {L({S("a")}), S("b")});
  // index("ab", "a")
  ExpectError("index", {S("ab"), S("a")});
  // index([1, 2, 1], 1)
  Expect("index", {L({N(1), N(2), N(1)}), N(1)}, "0");
  // length([])
  Expect("length", {L({})}, "0");
  // length(["a", "b"])
  Expect("length", {L({S("a"), S("b")})}, "2");
  // length({"a" = "b"})
  Expect("length", {O({{"a", S("b")}})}, "1");
  // length("hello")
  Expect("length", {S("hello")}, "5");
  // length("héllo")
  Expect("length", {S("héllo")}, "5");
  // length("é")
  // Not NFC: Terraform counts the normalized form; we do not guess.
  ExpectUnknown("length", {S("é")});
  // length("🇺🇸🇫🇷")
  Expect("length", {S("🇺🇸🇫🇷")}, "2");
  // length("👨‍👩‍👧")
  Expect("length", {S("👨‍👩‍👧")}, "1");
  // length("a\r\nb")
  Expect("length", {S("a\r\nb")}, "3");
  // length(5)
  ExpectError("length", {N(5)});
  // length(null)
  ExpectError("length", {Null()});
  // length(true)
  ExpectError("length", {B(true)});
  // length("")
  Expect("length", {S("")}, "0");
  // length("한국어")
  Expect("length", {S("한국어")}, "3");
  // length("각")
  // Not NFC: Terraform counts the normalized form; we do not guess.
  ExpectUnknown("length", {S("각")});
  // one([])
  Expect("one", {L({})}, "null");
  // one(["hello"])
  Expect("one", {L({S("hello")})}, "\"hello\"");
  // one([1, 2])
  ExpectError("one", {L({N(1), N(2)})});
  // one("a")
  ExpectError("one", {S("a")});
  // one({"a" = 1})
  ExpectError("one", {O({{"a", N(1)}})});
  // range(3)
  Expect("range", {N(3)}, "[0,1,2]");
  // range(1, 4)
  Expect("range", {N(1), N(4)}, "[1,2,3]");
  // range(1, 8, 2)
  Expect("range", {N(1), N(8), N(2)}, "[1,3,5,7]");
  // range(1, 4, 0.5)
  Expect("range", {N(1), N(4), N(0.5)}, "[1,1.5,2,2.5,3,3.5]");
  // range(4, 1)
  Expect("range", {N(4), N(1)}, "[4,3,2]");
  // range(10, 5, -2)
  Expect("range", {N(10), N(5), N(-2)}, "[10,8,6]");
  // range(-3)
  Expect("range", {N(-3)}, "[0,-1,-2]");
  // range(0)
  Expect("range", {N(0)}, "[]");
  // range(1, 0)
  Expect("range", {N(1), N(0)}, "[1]");
  // range(0, 1, 0.25)
  Expect("range", {N(0), N(1), N(0.25)}, "[0,0.25,0.5,0.75]");
  // range(0, 0.3, 0.1)
  Expect("range", {N(0), N(0.3), N(0.1)}, "[0,0.1,0.2]");
  // range(1, 5, -1)
  ExpectError("range", {N(1), N(5), N(-1)});
  // range(5, 1, 1)
  ExpectError("range", {N(5), N(1), N(1)});
  // range(1, 2, 0)
  ExpectError("range", {N(1), N(2), N(0)});
  // range(2000)
  ExpectError("range", {N(2000)});
  // range(1024)
  Expect(
      "range", {N(1024)},
      "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,"
      "33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,"
      "63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,"
      "93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,"
      "117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,"
      "140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160,161,162,"
      "163,164,165,166,167,168,169,170,171,172,173,174,175,176,177,178,179,180,181,182,183,184,185,"
      "186,187,188,189,190,191,192,193,194,195,196,197,198,199,200,201,202,203,204,205,206,207,208,"
      "209,210,211,212,213,214,215,216,217,218,219,220,221,222,223,224,225,226,227,228,229,230,231,"
      "232,233,234,235,236,237,238,239,240,241,242,243,244,245,246,247,248,249,250,251,252,253,254,"
      "255,256,257,258,259,260,261,262,263,264,265,266,267,268,269,270,271,272,273,274,275,276,277,"
      "278,279,280,281,282,283,284,285,286,287,288,289,290,291,292,293,294,295,296,297,298,299,300,"
      "301,302,303,304,305,306,307,308,309,310,311,312,313,314,315,316,317,318,319,320,321,322,323,"
      "324,325,326,327,328,329,330,331,332,333,334,335,336,337,338,339,340,341,342,343,344,345,346,"
      "347,348,349,350,351,352,353,354,355,356,357,358,359,360,361,362,363,364,365,366,367,368,369,"
      "370,371,372,373,374,375,376,377,378,379,380,381,382,383,384,385,386,387,388,389,390,391,392,"
      "393,394,395,396,397,398,399,400,401,402,403,404,405,406,407,408,409,410,411,412,413,414,415,"
      "416,417,418,419,420,421,422,423,424,425,426,427,428,429,430,431,432,433,434,435,436,437,438,"
      "439,440,441,442,443,444,445,446,447,448,449,450,451,452,453,454,455,456,457,458,459,460,461,"
      "462,463,464,465,466,467,468,469,470,471,472,473,474,475,476,477,478,479,480,481,482,483,484,"
      "485,486,487,488,489,490,491,492,493,494,495,496,497,498,499,500,501,502,503,504,505,506,507,"
      "508,509,510,511,512,513,514,515,516,517,518,519,520,521,522,523,524,525,526,527,528,529,530,"
      "531,532,533,534,535,536,537,538,539,540,541,542,543,544,545,546,547,548,549,550,551,552,553,"
      "554,555,556,557,558,559,560,561,562,563,564,565,566,567,568,569,570,571,572,573,574,575,576,"
      "577,578,579,580,581,582,583,584,585,586,587,588,589,590,591,592,593,594,595,596,597,598,599,"
      "600,601,602,603,604,605,606,607,608,609,610,611,612,613,614,615,616,617,618,619,620,621,622,"
      "623,624,625,626,627,628,629,630,631,632,633,634,635,636,637,638,639,640,641,642,643,644,645,"
      "646,647,648,649,650,651,652,653,654,655,656,657,658,659,660,661,662,663,664,665,666,667,668,"
      "669,670,671,672,673,674,675,676,677,678,679,680,681,682,683,684,685,686,687,688,689,690,691,"
      "692,693,694,695,696,697,698,699,700,701,702,703,704,705,706,707,708,709,710,711,712,713,714,"
      "715,716,717,718,719,720,721,722,723,724,725,726,727,728,729,730,731,732,733,734,735,736,737,"
      "738,739,740,741,742,743,744,745,746,747,748,749,750,751,752,753,754,755,756,757,758,759,760,"
      "761,762,763,764,765,766,767,768,769,770,771,772,773,774,775,776,777,778,779,780,781,782,783,"
      "784,785,786,787,788,789,790,791,792,793,794,795,796,797,798,799,800,801,802,803,804,805,806,"
      "807,808,809,810,811,812,813,814,815,816,817,818,819,820,821,822,823,824,825,826,827,828,829,"
      "830,831,832,833,834,835,836,837,838,839,840,841,842,843,844,845,846,847,848,849,850,851,852,"
      "853,854,855,856,857,858,859,860,861,862,863,864,865,866,867,868,869,870,871,872,873,874,875,"
      "876,877,878,879,880,881,882,883,884,885,886,887,888,889,890,891,892,893,894,895,896,897,898,"
      "899,900,901,902,903,904,905,906,907,908,909,910,911,912,913,914,915,916,917,918,919,920,921,"
      "922,923,924,925,926,927,928,929,930,931,932,933,934,935,936,937,938,939,940,941,942,943,944,"
      "945,946,947,948,949,950,951,952,953,954,955,956,957,958,959,960,961,962,963,964,965,966,967,"
      "968,969,970,971,972,973,974,975,976,977,978,979,980,981,982,983,984,985,986,987,988,989,990,"
      "991,992,993,994,995,996,997,998,999,1000,1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,"
      "1011,1012,1013,1014,1015,1016,1017,1018,1019,1020,1021,1022,1023]");
  // range()
  ExpectError("range", {});
  // range(1, 2, 3, 4)
  ExpectError("range", {N(1), N(2), N(3), N(4)});
  // range("3")
  Expect("range", {S("3")}, "[0,1,2]");
  // reverse([1, 2, 3])
  Expect("reverse", {L({N(1), N(2), N(3)})}, "[3,2,1]");
  // reverse([])
  Expect("reverse", {L({})}, "[]");
  // reverse("abc")
  ExpectError("reverse", {S("abc")});
  // reverse([1, "a"])
  Expect("reverse", {L({N(1), S("a")})}, "[\"a\",1]");
  // slice(["a", "b", "c", "d"], 1, 3)
  Expect("slice", {L({S("a"), S("b"), S("c"), S("d")}), N(1), N(3)}, "[\"b\",\"c\"]");
  // slice([1, 2, 3], 2, 1)
  ExpectError("slice", {L({N(1), N(2), N(3)}), N(2), N(1)});
  // slice([1, 2, 3], -1, 1)
  ExpectError("slice", {L({N(1), N(2), N(3)}), N(-1), N(1)});
  // slice([1, 2, 3], 0, 4)
  ExpectError("slice", {L({N(1), N(2), N(3)}), N(0), N(4)});
  // slice([1, 2, 3], 1, 1)
  Expect("slice", {L({N(1), N(2), N(3)}), N(1), N(1)}, "[]");
  // slice([1, 2, 3], 0, 3)
  Expect("slice", {L({N(1), N(2), N(3)}), N(0), N(3)}, "[1,2,3]");
  // slice([1, 2, 3], 0.5, 1)
  ExpectError("slice", {L({N(1), N(2), N(3)}), N(0.5), N(1)});
  // sort(["e", "d", "a", "x"])
  Expect("sort", {L({S("e"), S("d"), S("a"), S("x")})}, "[\"a\",\"d\",\"e\",\"x\"]");
  // sort([3, 10, 1])
  Expect("sort", {L({N(3), N(10), N(1)})}, "[\"1\",\"10\",\"3\"]");
  // sort(["b", "a", "B", "é", "Z", "10", "9"])
  Expect("sort", {L({S("b"), S("a"), S("B"), S("é"), S("Z"), S("10"), S("9")})},
         "[\"10\",\"9\",\"B\",\"Z\",\"a\",\"b\",\"é\"]");
  // sort([])
  Expect("sort", {L({})}, "[]");
  // sort(["b", null])
  ExpectError("sort", {L({S("b"), Null()})});
  // sort([true, "a"])
  Expect("sort", {L({B(true), S("a")})}, "[\"a\",\"true\"]");
  // sort([[1]])
  ExpectError("sort", {L({L({N(1)})})});
}

TEST(FunctionsOracle, MapsSetsConversions) {
  // keys({"b" = 1, "a" = 2, "B" = 3})
  Expect("keys", {O({{"b", N(1)}, {"a", N(2)}, {"B", N(3)}})}, "[\"B\",\"a\",\"b\"]");
  // keys({})
  Expect("keys", {O({})}, "[]");
  // keys([1])
  ExpectError("keys", {L({N(1)})});
  // keys("a")
  ExpectError("keys", {S("a")});
  // values({"b" = 1, "a" = 2})
  Expect("values", {O({{"b", N(1)}, {"a", N(2)}})}, "[2,1]");
  // values({})
  Expect("values", {O({})}, "[]");
  // values([1])
  ExpectError("values", {L({N(1)})});
  // lookup({"a" = "ay", "b" = "bee"}, "a", "what?")
  Expect("lookup", {O({{"a", S("ay")}, {"b", S("bee")}}), S("a"), S("what?")}, "\"ay\"");
  // lookup({"a" = "ay", "b" = "bee"}, "c", "what?")
  Expect("lookup", {O({{"a", S("ay")}, {"b", S("bee")}}), S("c"), S("what?")}, "\"what?\"");
  // lookup({"a" = 1}, "b")
  ExpectError("lookup", {O({{"a", N(1)}}), S("b")});
  // lookup({"a" = "1"}, "b", 2)
  Expect("lookup", {O({{"a", S("1")}}), S("b"), N(2)}, "2");
  // lookup({}, "b", null)
  Expect("lookup", {O({}), S("b"), Null()}, "null");
  // lookup({"a" = 1}, "a")
  Expect("lookup", {O({{"a", N(1)}}), S("a")}, "1");
  // lookup([1], "a", 1)
  ExpectError("lookup", {L({N(1)}), S("a"), N(1)});
  // lookup({"1" = "x"}, 1)
  Expect("lookup", {O({{"1", S("x")}}), N(1)}, "\"x\"");
  // lookup({"a" = 1})
  ExpectError("lookup", {O({{"a", N(1)}})});
  // matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])
  Expect("matchkeys",
         {L({S("i-123"), S("i-abc"), S("i-def")}), L({S("us-west"), S("us-east"), S("us-east")}),
          L({S("us-east")})},
         "[\"i-abc\",\"i-def\"]");
  // matchkeys(["a", "b", "c"], [1, 2, 3], [2, "3"])
  Expect("matchkeys", {L({S("a"), S("b"), S("c")}), L({N(1), N(2), N(3)}), L({N(2), S("3")})},
         "[\"b\",\"c\"]");
  // matchkeys(["a"], [1, 2], [1])
  ExpectError("matchkeys", {L({S("a")}), L({N(1), N(2)}), L({N(1)})});
  // matchkeys(["a", "b"], [1, 2], [])
  Expect("matchkeys", {L({S("a"), S("b")}), L({N(1), N(2)}), L({})}, "[]");
  // matchkeys([{"x" = 1}, {"x" = 2}], ["a", "b"], ["b", "b"])
  Expect("matchkeys",
         {L({O({{"x", N(1)}}), O({{"x", N(2)}})}), L({S("a"), S("b")}), L({S("b"), S("b")})},
         "[{\"x\":2}]");
  // merge({"a" = 1}, null, {"b" = 2, "a" = 3})
  Expect("merge", {O({{"a", N(1)}}), Null(), O({{"b", N(2)}, {"a", N(3)}})}, "{\"a\":3,\"b\":2}");
  // merge({"a" = 1}, [1])
  ExpectError("merge", {O({{"a", N(1)}}), L({N(1)})});
  // merge()
  Expect("merge", {}, "{}");
  // merge({"a" = {"x" = 1}}, {"a" = {"y" = 2}})
  Expect("merge", {O({{"a", O({{"x", N(1)}})}}), O({{"a", O({{"y", N(2)}})}})},
         "{\"a\":{\"y\":2}}");
  // merge({"a" = "b", "c" = "d"}, {"e" = "f", "c" = "z"})
  Expect("merge", {O({{"a", S("b")}, {"c", S("d")}}), O({{"e", S("f")}, {"c", S("z")}})},
         "{\"a\":\"b\",\"c\":\"z\",\"e\":\"f\"}");
  // merge("a")
  ExpectError("merge", {S("a")});
  // transpose({"a" = ["1", "2"], "b" = ["2", "3"]})
  Expect("transpose", {O({{"a", L({S("1"), S("2")})}, {"b", L({S("2"), S("3")})}})},
         "{\"1\":[\"a\"],\"2\":[\"a\",\"b\"],\"3\":[\"b\"]}");
  // transpose({"a" = [1]})
  Expect("transpose", {O({{"a", L({N(1)})}})}, "{\"1\":[\"a\"]}");
  // transpose({})
  Expect("transpose", {O({})}, "{}");
  // transpose({"a" = "x"})
  ExpectError("transpose", {O({{"a", S("x")}})});
  // transpose({"b" = ["x"], "a" = ["x"]})
  Expect("transpose", {O({{"b", L({S("x")})}, {"a", L({S("x")})}})}, "{\"x\":[\"a\",\"b\"]}");
  // zipmap(["a", "b"], [1, 2])
  Expect("zipmap", {L({S("a"), S("b")}), L({N(1), N(2)})}, "{\"a\":1,\"b\":2}");
  // zipmap(["a", "a"], [1, 2])
  Expect("zipmap", {L({S("a"), S("a")}), L({N(1), N(2)})}, "{\"a\":2}");
  // zipmap(["a"], [1, 2])
  ExpectError("zipmap", {L({S("a")}), L({N(1), N(2)})});
  // zipmap([], [])
  Expect("zipmap", {L({}), L({})}, "{}");
  // zipmap([1, 2], ["x", "y"])
  Expect("zipmap", {L({N(1), N(2)}), L({S("x"), S("y")})}, "{\"1\":\"x\",\"2\":\"y\"}");
  // zipmap(["a"], [[1, 2]])
  Expect("zipmap", {L({S("a")}), L({L({N(1), N(2)})})}, "{\"a\":[1,2]}");
  // setunion(["b", "a"], [1])
  Expect("setunion", {L({S("b"), S("a")}), L({N(1)})}, "[\"1\",\"a\",\"b\"]");
  // setunion(["a", "b"], ["b", "c"], ["d"])
  Expect("setunion", {L({S("a"), S("b")}), L({S("b"), S("c")}), L({S("d")})},
         "[\"a\",\"b\",\"c\",\"d\"]");
  // setunion()
  ExpectError("setunion", {});
  // setunion([3, 1, 2, 1])
  Expect("setunion", {L({N(3), N(1), N(2), N(1)})}, "[1,2,3]");
  // setunion([true, false])
  Expect("setunion", {L({B(true), B(false)})}, "[false,true]");
  // setunion([1], [true])
  ExpectError("setunion", {L({N(1)}), L({B(true)})});
  // setintersection([1, 2, 3], [2, 3, 4], [3, 2])
  Expect("setintersection", {L({N(1), N(2), N(3)}), L({N(2), N(3), N(4)}), L({N(3), N(2)})},
         "[2,3]");
  // setintersection([1])
  Expect("setintersection", {L({N(1)})}, "[1]");
  // setintersection(["a", "b"], ["b", "c"])
  Expect("setintersection", {L({S("a"), S("b")}), L({S("b"), S("c")})}, "[\"b\"]");
  // setintersection(["a"], [])
  Expect("setintersection", {L({S("a")}), L({})}, "[]");
  // setsubtract([1, 2, 3], [2])
  Expect("setsubtract", {L({N(1), N(2), N(3)}), L({N(2)})}, "[1,3]");
  // setsubtract(["a", "b", "c"], ["a", "c"])
  Expect("setsubtract", {L({S("a"), S("b"), S("c")}), L({S("a"), S("c")})}, "[\"b\"]");
  // setsubtract([], [1])
  Expect("setsubtract", {L({}), L({N(1)})}, "[]");
  // setsubtract([1], ["1"])
  Expect("setsubtract", {L({N(1)}), L({S("1")})}, "[]");
  // setproduct(["a", "b"], [1, 2])
  Expect("setproduct", {L({S("a"), S("b")}), L({N(1), N(2)})},
         "[[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]");
  // setproduct(["a"])
  ExpectError("setproduct", {L({S("a")})});
  // setproduct([], [1])
  Expect("setproduct", {L({}), L({N(1)})}, "[]");
  // setproduct(["development", "staging"], ["app1", "app2"])
  Expect("setproduct", {L({S("development"), S("staging")}), L({S("app1"), S("app2")})},
         "[[\"development\",\"app1\"],[\"development\",\"app2\"],[\"staging\",\"app1\"],["
         "\"staging\",\"app2\"]]");
  // setproduct(["a"], ["b"], ["c", "d"])
  Expect("setproduct", {L({S("a")}), L({S("b")}), L({S("c"), S("d")})},
         "[[\"a\",\"b\",\"c\"],[\"a\",\"b\",\"d\"]]");
  // tobool(true)
  Expect("tobool", {B(true)}, "true");
  // tobool("false")
  Expect("tobool", {S("false")}, "false");
  // tobool(null)
  Expect("tobool", {Null()}, "null");
  // tobool("True")
  ExpectError("tobool", {S("True")});
  // tobool(1)
  ExpectError("tobool", {N(1)});
  // tobool([true])
  ExpectError("tobool", {L({B(true)})});
  // tonumber(1)
  Expect("tonumber", {N(1)}, "1");
  // tonumber("1")
  Expect("tonumber", {S("1")}, "1");
  // tonumber("1e3")
  Expect("tonumber", {S("1e3")}, "1000");
  // tonumber("-0.5")
  Expect("tonumber", {S("-0.5")}, "-0.5");
  // tonumber("1p3")
  Expect("tonumber", {S("1p3")}, "8");
  // tonumber(null)
  Expect("tonumber", {Null()}, "null");
  // tonumber("no")
  ExpectError("tonumber", {S("no")});
  // tonumber("")
  ExpectError("tonumber", {S("")});
  // tonumber(true)
  ExpectError("tonumber", {B(true)});
  // tonumber(" 1")
  ExpectError("tonumber", {S(" 1")});
  // tonumber(".5")
  Expect("tonumber", {S(".5")}, "0.5");
  // tonumber("5.")
  Expect("tonumber", {S("5.")}, "5");
  // tonumber("0x10")
  ExpectError("tonumber", {S("0x10")});
  // tostring("hello")
  Expect("tostring", {S("hello")}, "\"hello\"");
  // tostring(1)
  Expect("tostring", {N(1)}, "\"1\"");
  // tostring(1.5)
  Expect("tostring", {N(1.5)}, "\"1.5\"");
  // tostring(true)
  Expect("tostring", {B(true)}, "\"true\"");
  // tostring(null)
  Expect("tostring", {Null()}, "null");
  // tostring([1])
  ExpectError("tostring", {L({N(1)})});
  // tostring({})
  ExpectError("tostring", {O({})});
  // tostring(1e+21)
  Expect("tostring", {N(1e+21)}, "\"1000000000000000000000\"");
  // tostring(1e-06)
  Expect("tostring", {N(1e-06)}, "\"0.000001\"");
  // tostring(-0.0125)
  Expect("tostring", {N(-0.0125)}, "\"-0.0125\"");
  // tolist(["a", "b", "c"])
  Expect("tolist", {L({S("a"), S("b"), S("c")})}, "[\"a\",\"b\",\"c\"]");
  // tolist(["a", 1])
  Expect("tolist", {L({S("a"), N(1)})}, "[\"a\",\"1\"]");
  // tolist([1, true])
  ExpectError("tolist", {L({N(1), B(true)})});
  // tolist({"a" = 1})
  ExpectError("tolist", {O({{"a", N(1)}})});
  // tolist("a")
  ExpectError("tolist", {S("a")});
  // tolist(null)
  Expect("tolist", {Null()}, "null");
  // tolist([])
  Expect("tolist", {L({})}, "[]");
  // tolist([true, "x"])
  Expect("tolist", {L({B(true), S("x")})}, "[\"true\",\"x\"]");
  // toset(["c", "b", "b"])
  Expect("toset", {L({S("c"), S("b"), S("b")})}, "[\"b\",\"c\"]");
  // toset([1, "a", "b", 10, 2])
  Expect("toset", {L({N(1), S("a"), S("b"), N(10), N(2)})}, "[\"1\",\"10\",\"2\",\"a\",\"b\"]");
  // toset([true, false, true])
  Expect("toset", {L({B(true), B(false), B(true)})}, "[false,true]");
  // toset([3, 1, 2.5, -1])
  Expect("toset", {L({N(3), N(1), N(2.5), N(-1)})}, "[-1,1,2.5,3]");
  // toset(["b", "a", "B"])
  Expect("toset", {L({S("b"), S("a"), S("B")})}, "[\"B\",\"a\",\"b\"]");
  // toset([])
  Expect("toset", {L({})}, "[]");
  // toset({"a" = 1})
  ExpectError("toset", {O({{"a", N(1)}})});
  // tomap({"a" = 1, "b" = 2})
  Expect("tomap", {O({{"a", N(1)}, {"b", N(2)}})}, "{\"a\":1,\"b\":2}");
  // tomap({"a" = 1, "b" = "x"})
  Expect("tomap", {O({{"a", N(1)}, {"b", S("x")}})}, "{\"a\":\"1\",\"b\":\"x\"}");
  // tomap({"a" = 1, "b" = true})
  ExpectError("tomap", {O({{"a", N(1)}, {"b", B(true)}})});
  // tomap([1])
  ExpectError("tomap", {L({N(1)})});
  // tomap(null)
  Expect("tomap", {Null()}, "null");
}

TEST(FunctionsOracle, EncodingHashFilesNetwork) {
  // base64encode("Hello World")
  Expect("base64encode", {S("Hello World")}, "\"SGVsbG8gV29ybGQ=\"");
  // base64encode("")
  Expect("base64encode", {S("")}, "\"\"");
  // base64encode("a")
  Expect("base64encode", {S("a")}, "\"YQ==\"");
  // base64encode("ab")
  Expect("base64encode", {S("ab")}, "\"YWI=\"");
  // base64encode("héllo")
  Expect("base64encode", {S("héllo")}, "\"aMOpbGxv\"");
  // base64decode("SGVsbG8gV29ybGQ=")
  Expect("base64decode", {S("SGVsbG8gV29ybGQ=")}, "\"Hello World\"");
  // base64decode("YR==")
  Expect("base64decode", {S("YR==")}, "\"a\"");
  // base64decode("YQ")
  ExpectError("base64decode", {S("YQ")});
  // base64decode("YQ==\n")
  Expect("base64decode", {S("YQ==\n")}, "\"a\"");
  // base64decode("/w==")
  ExpectError("base64decode", {S("/w==")});
  // base64decode("Y Q==")
  ExpectError("base64decode", {S("Y Q==")});
  // base64decode("")
  Expect("base64decode", {S("")}, "\"\"");
  // base64decode("YQ=a")
  ExpectError("base64decode", {S("YQ=a")});
  // base64decode("Y===")
  ExpectError("base64decode", {S("Y===")});
  // base64decode("aGk=aGk=")
  ExpectError("base64decode", {S("aGk=aGk=")});
  // base64decode("w6k=")
  Expect("base64decode", {S("w6k=")}, "\"é\"");
  // csvdecode("a,b,c\n1,2,3\n4,5,6")
  Expect("csvdecode", {S("a,b,c\n1,2,3\n4,5,6")},
         "[{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},{\"a\":\"4\",\"b\":\"5\",\"c\":\"6\"}]");
  // csvdecode("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n")
  Expect("csvdecode", {S("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n")},
         "[{\"a\":\"x,y\",\"b\":\"he said \\\"hi\\\"\"}]");
  // csvdecode("")
  ExpectError("csvdecode", {S("")});
  // csvdecode("a,b\n1\n")
  ExpectError("csvdecode", {S("a,b\n1\n")});
  // csvdecode("a,a\n1,2")
  ExpectError("csvdecode", {S("a,a\n1,2")});
  // csvdecode("a\n")
  Expect("csvdecode", {S("a\n")}, "[]");
  // csvdecode("a,b\r\n1,2\r\n\r\n3,4")
  Expect("csvdecode", {S("a,b\r\n1,2\r\n\r\n3,4")},
         "[{\"a\":\"1\",\"b\":\"2\"},{\"a\":\"3\",\"b\":\"4\"}]");
  // csvdecode("a\n\"x\ny\"\n")
  Expect("csvdecode", {S("a\n\"x\ny\"\n")}, "[{\"a\":\"x\\ny\"}]");
  // csvdecode("a\nx\"y\n")
  ExpectError("csvdecode", {S("a\nx\"y\n")});
  // csvdecode("a\n\"x\"y\n")
  ExpectError("csvdecode", {S("a\n\"x\"y\n")});
  // csvdecode("a\n\"x")
  ExpectError("csvdecode", {S("a\n\"x")});
  // csvdecode(" a , b \n 1 , 2 ")
  Expect("csvdecode", {S(" a , b \n 1 , 2 ")}, "[{\" a \":\" 1 \",\" b \":\" 2 \"}]");
  // csvdecode("a,b\n,\n")
  Expect("csvdecode", {S("a,b\n,\n")}, "[{\"a\":\"\",\"b\":\"\"}]");
  // jsondecode("{\"hello\": \"world\"}")
  Expect("jsondecode", {S("{\"hello\": \"world\"}")}, "{\"hello\":\"world\"}");
  // jsondecode("true")
  Expect("jsondecode", {S("true")}, "true");
  // jsondecode("[1, 2.5, \"x\", null, {\"a\": []}]")
  Expect("jsondecode", {S("[1, 2.5, \"x\", null, {\"a\": []}]")}, "[1,2.5,\"x\",null,{\"a\":[]}]");
  // jsondecode("{\"a\":1,\"a\":2}")
  Expect("jsondecode", {S("{\"a\":1,\"a\":2}")}, "{\"a\":2}");
  // jsondecode("{")
  ExpectError("jsondecode", {S("{")});
  // jsondecode("")
  ExpectError("jsondecode", {S("")});
  // jsondecode("\"\\u00e9\\ud83d\\ude00\"")
  Expect("jsondecode", {S("\"\\u00e9\\ud83d\\ude00\"")}, "\"é😀\"");
  // jsondecode("1 2")
  ExpectError("jsondecode", {S("1 2")});
  // jsonencode({"hello" = "world"})
  Expect("jsonencode", {O({{"hello", S("world")}})}, "\"{\\\"hello\\\":\\\"world\\\"}\"");
  // jsonencode({"b" = "<a>&", "a" = [1, true, null]})
  Expect("jsonencode", {O({{"b", S("<a>&")}, {"a", L({N(1), B(true), Null()})}})},
         "\"{\\\"a\\\":[1,true,null],\\\"b\\\":\\\"\\\\u003ca\\\\u003e\\\\u0026\\\"}\"");
  // jsonencode("\u2028\u2029")
  Expect("jsonencode", {S("  ")}, "\"\\\"\\\\u2028\\\\u2029\\\"\"");
  // jsonencode("\u0001\t\n\r\"\\/")
  Expect("jsonencode",
         {S("\x01"
            "\t\n\r\"\\/")},
         "\"\\\"\\\\u0001\\\\t\\\\n\\\\r\\\\\\\"\\\\\\\\/\\\"\"");
  // jsonencode(1e+21)
  Expect("jsonencode", {N(1e+21)}, "\"1000000000000000000000\"");
  // jsonencode(1e-07)
  Expect("jsonencode", {N(1e-07)}, "\"0.0000001\"");
  // jsonencode(0.1)
  Expect("jsonencode", {N(0.1)}, "\"0.1\"");
  // jsonencode([])
  Expect("jsonencode", {L({})}, "\"[]\"");
  // jsonencode({})
  Expect("jsonencode", {O({})}, "\"{}\"");
  // jsonencode(null)
  Expect("jsonencode", {Null()}, "\"null\"");
  // jsonencode("é😀")
  Expect("jsonencode", {S("é😀")}, "\"\\\"é😀\\\"\"");
  // jsonencode(123456789)
  Expect("jsonencode", {N(123456789)}, "\"123456789\"");
  // jsonencode(-1.5)
  Expect("jsonencode", {N(-1.5)}, "\"-1.5\"");
  // urlencode("Hello World!")
  Expect("urlencode", {S("Hello World!")}, "\"Hello+World%21\"");
  // urlencode("a/b?c=d&e=f~_.-")
  Expect("urlencode", {S("a/b?c=d&e=f~_.-")}, "\"a%2Fb%3Fc%3Dd%26e%3Df~_.-\"");
  // urlencode("é")
  Expect("urlencode", {S("é")}, "\"%C3%A9\"");
  // urlencode("")
  Expect("urlencode", {S("")}, "\"\"");
  // md5("hello world")
  Expect("md5", {S("hello world")}, "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
  // md5("")
  Expect("md5", {S("")}, "\"d41d8cd98f00b204e9800998ecf8427e\"");
  // sha1("hello world")
  Expect("sha1", {S("hello world")}, "\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"");
  // sha1("")
  Expect("sha1", {S("")}, "\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"");
  // sha256("hello world")
  Expect("sha256", {S("hello world")},
         "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"");
  // sha256("")
  Expect("sha256", {S("")}, "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
  // sha512("hello world")
  Expect("sha512", {S("hello world")},
         "\"309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da342"
         "55b45b0cfd830e81f605dcf7dc5542e93ae9cd76f\"");
  // sha512("")
  Expect("sha512", {S("")},
         "\"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d"
         "2877eec2f63b931bd47417a81a538327af927da3e\"");
  // base64sha256("hello world")
  Expect("base64sha256", {S("hello world")}, "\"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\"");
  // base64sha512("hello world")
  Expect("base64sha512", {S("hello world")},
         "\"MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw="
         "=\"");
  // md5("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
  Expect("md5",
         {S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
         "\"30a83621ce5422fbdfdd539777458c78\"");
  // sha256("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")
  Expect("sha256",
         {S("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
            "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")},
         "\"0ee964660d4956e34132b7b0f5bdc15fd0d365e26186ac9fd97a090d8d5e5508\"");
  // sha512("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
  Expect("sha512",
         {S("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")},
         "\"a626d815a7748fc2722af0f66f236f3e96d57bd00b6dd45aeec8e9819fb23afd4ca85245f8ec137e7d5f68a"
         "02b9effe41a319223ab5ef2a96246f5075c36dac7\"");
  // sha1("héllo")
  Expect("sha1", {S("héllo")}, "\"35b5ea45c5e41f78b46a937cc74d41dfea920890\"");
  // uuidv5("dns", "www.terraform.io")
  Expect("uuidv5", {S("dns"), S("www.terraform.io")}, "\"a5008fae-b28c-5ba5-96cd-82b4c53552d6\"");
  // uuidv5("url", "https://www.terraform.io/")
  Expect("uuidv5", {S("url"), S("https://www.terraform.io/")},
         "\"9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5\"");
  // uuidv5("oid", "1.2.3")
  Expect("uuidv5", {S("oid"), S("1.2.3")}, "\"42d5e23b-3a02-5135-85c6-52d1102f1f00\"");
  // uuidv5("x500", "cn=x")
  Expect("uuidv5", {S("x500"), S("cn=x")}, "\"a951fb6d-5aab-5a72-8e2e-9aa8df8d1f8f\"");
  // uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "x")
  Expect("uuidv5", {S("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), S("x")},
         "\"05b16a01-46c6-56dd-bd6e-c6dfb4a1427a\"");
  // uuidv5("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "x")
  Expect("uuidv5", {S("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"), S("x")},
         "\"05b16a01-46c6-56dd-bd6e-c6dfb4a1427a\"");
  // uuidv5("6ba7b8109dad11d180b400c04fd430c8", "x")
  Expect("uuidv5", {S("6ba7b8109dad11d180b400c04fd430c8"), S("x")},
         "\"05b16a01-46c6-56dd-bd6e-c6dfb4a1427a\"");
  // uuidv5("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8", "x")
  Expect("uuidv5", {S("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"), S("x")},
         "\"05b16a01-46c6-56dd-bd6e-c6dfb4a1427a\"");
  // uuidv5("nope", "x")
  ExpectError("uuidv5", {S("nope"), S("x")});
  // basename("foo/bar/baz.txt")
  Expect("basename", {S("foo/bar/baz.txt")}, "\"baz.txt\"");
  // basename("")
  Expect("basename", {S("")}, "\".\"");
  // basename("/")
  Expect("basename", {S("/")}, "\"/\"");
  // basename("a/")
  Expect("basename", {S("a/")}, "\"a\"");
  // basename("a//")
  Expect("basename", {S("a//")}, "\"a\"");
  // basename("baz")
  Expect("basename", {S("baz")}, "\"baz\"");
  // dirname("foo/bar/baz.txt")
  Expect("dirname", {S("foo/bar/baz.txt")}, "\"foo/bar\"");
  // dirname("")
  Expect("dirname", {S("")}, "\".\"");
  // dirname("/")
  Expect("dirname", {S("/")}, "\"/\"");
  // dirname("a/")
  Expect("dirname", {S("a/")}, "\"a\"");
  // dirname("baz")
  Expect("dirname", {S("baz")}, "\".\"");
  // dirname("/a/../b/./c")
  Expect("dirname", {S("/a/../b/./c")}, "\"/b\"");
  // dirname("//a//b")
  Expect("dirname", {S("//a//b")}, "\"/a\"");
  // dirname("../x")
  Expect("dirname", {S("../x")}, "\"..\"");
  // dirname("a/../../b/c")
  Expect("dirname", {S("a/../../b/c")}, "\"../b\"");
  // pathexpand("a/b")
  Expect("pathexpand", {S("a/b")}, "\"a/b\"");
  // pathexpand("~user/x")
  ExpectError("pathexpand", {S("~user/x")});
  // abspath("/a/./b/../c")
  Expect("abspath", {S("/a/./b/../c")}, "\"/a/c\"");
  // cidrsubnet("10.0.0.0/16", 8, 10)
  Expect("cidrsubnet", {S("10.0.0.0/16"), N(8), N(10)}, "\"10.0.10.0/24\"");
  // cidrsubnet("10.0.0.0/16", 8, 256)
  ExpectError("cidrsubnet", {S("10.0.0.0/16"), N(8), N(256)});
  // cidrsubnet("10.0.0.0/16", 17, 0)
  ExpectError("cidrsubnet", {S("10.0.0.0/16"), N(17), N(0)});
  // cidrsubnet("10.0.5.7/16", 8, 3)
  Expect("cidrsubnet", {S("10.0.5.7/16"), N(8), N(3)}, "\"10.0.3.0/24\"");
  // cidrsubnet("010.0.0.0/16", 8, 3)
  Expect("cidrsubnet", {S("010.0.0.0/16"), N(8), N(3)}, "\"10.0.3.0/24\"");
  // cidrsubnet("10.0.0.0/016", 8, 3)
  Expect("cidrsubnet", {S("10.0.0.0/016"), N(8), N(3)}, "\"10.0.3.0/24\"");
  // cidrsubnet("10.0.0.0", 8, 3)
  ExpectError("cidrsubnet", {S("10.0.0.0"), N(8), N(3)});
  // cidrsubnet("10.0.0.0/33", 1, 0)
  ExpectError("cidrsubnet", {S("10.0.0.0/33"), N(1), N(0)});
  // cidrsubnet("fd00::/56", 8, 1)
  Expect("cidrsubnet", {S("fd00::/56"), N(8), N(1)}, "\"fd00:0:0:1::/64\"");
  // cidrsubnet("2001:db8::/32", 16, 65535)
  Expect("cidrsubnet", {S("2001:db8::/32"), N(16), N(65535)}, "\"2001:db8:ffff::/48\"");
  // cidrsubnet("::/0", 64, 5)
  Expect("cidrsubnet", {S("::/0"), N(64), N(5)}, "\"0:0:0:5::/64\"");
  // cidrsubnet("2001:db8::/32", 0, 0)
  Expect("cidrsubnet", {S("2001:db8::/32"), N(0), N(0)}, "\"2001:db8::/32\"");
  // cidrsubnet("10.0.0.0/8", 0, 0)
  Expect("cidrsubnet", {S("10.0.0.0/8"), N(0), N(0)}, "\"10.0.0.0/8\"");
  // cidrsubnet("10.0.0.0/8", 1.5, 0)
  ExpectError("cidrsubnet", {S("10.0.0.0/8"), N(1.5), N(0)});
  // cidrsubnet("172.16.0.0/12", 4, 2)
  Expect("cidrsubnet", {S("172.16.0.0/12"), N(4), N(2)}, "\"172.18.0.0/16\"");
  // cidrsubnet("10.1.2.0/24", 4, 15)
  Expect("cidrsubnet", {S("10.1.2.0/24"), N(4), N(15)}, "\"10.1.2.240/28\"");
  // cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)
  Expect("cidrsubnet", {S("fd00:fd12:3456:7890::/56"), N(16), N(162)},
         "\"fd00:fd12:3456:7800:a200::/72\"");
  // cidrsubnet("256.0.0.0/8", 1, 0)
  ExpectError("cidrsubnet", {S("256.0.0.0/8"), N(1), N(0)});
  // cidrsubnet("10.0.0/8", 1, 0)
  ExpectError("cidrsubnet", {S("10.0.0/8"), N(1), N(0)});
  // cidrsubnet("1:2:3:4:5:6:7:8:9/64", 1, 0)
  ExpectError("cidrsubnet", {S("1:2:3:4:5:6:7:8:9/64"), N(1), N(0)});
  // cidrsubnet("1::2::3/64", 1, 0)
  ExpectError("cidrsubnet", {S("1::2::3/64"), N(1), N(0)});
  // cidrsubnet("::ffff:0:0/80", 8, 0)
  Expect("cidrsubnet", {S("::ffff:0:0/80"), N(8), N(0)}, "\"::/88\"");
  // cidrsubnet("64:ff9b::1.2.3.4/120", 4, 1)
  Expect("cidrsubnet", {S("64:ff9b::1.2.3.4/120"), N(4), N(1)}, "\"64:ff9b::102:310/124\"");
  // cidrsubnet("10.0.0.0/8", 24, 16777215)
  Expect("cidrsubnet", {S("10.0.0.0/8"), N(24), N(16777215)}, "\"10.255.255.255/32\"");
  // cidrhost("10.12.112.0/20", 16)
  Expect("cidrhost", {S("10.12.112.0/20"), N(16)}, "\"10.12.112.16\"");
  // cidrhost("10.12.112.0/20", 268)
  Expect("cidrhost", {S("10.12.112.0/20"), N(268)}, "\"10.12.113.12\"");
  // cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)
  Expect("cidrhost", {S("fd00:fd12:3456:7890:00a2::/72"), N(34)}, "\"fd00:fd12:3456:7890::22\"");
  // cidrhost("10.0.0.0/24", -1)
  Expect("cidrhost", {S("10.0.0.0/24"), N(-1)}, "\"10.0.0.255\"");
  // cidrhost("10.0.0.0/24", -256)
  Expect("cidrhost", {S("10.0.0.0/24"), N(-256)}, "\"10.0.0.0\"");
  // cidrhost("10.0.0.0/24", -257)
  ExpectError("cidrhost", {S("10.0.0.0/24"), N(-257)});
  // cidrhost("10.0.0.0/24", 256)
  ExpectError("cidrhost", {S("10.0.0.0/24"), N(256)});
  // cidrhost("10.0.0.0/32", 0)
  Expect("cidrhost", {S("10.0.0.0/32"), N(0)}, "\"10.0.0.0\"");
  // cidrhost("fd00::/64", -1)
  Expect("cidrhost", {S("fd00::/64"), N(-1)}, "\"fd00::ffff:ffff:ffff:ffff\"");
  // cidrhost("2001:db8::/32", 4294967296)
  Expect("cidrhost", {S("2001:db8::/32"), N(4294967296)}, "\"2001:db8::1:0:0\"");
  // cidrhost("1.2.3.4/32", 1)
  ExpectError("cidrhost", {S("1.2.3.4/32"), N(1)});
  // cidrhost("2001:0db8:0000:0000:0000:0000:0000:0001/128", 0)
  Expect("cidrhost", {S("2001:0db8:0000:0000:0000:0000:0000:0001/128"), N(0)}, "\"2001:db8::1\"");
  // cidrhost("::1/128", 0)
  Expect("cidrhost", {S("::1/128"), N(0)}, "\"::1\"");
  // cidrhost("1::/128", 0)
  Expect("cidrhost", {S("1::/128"), N(0)}, "\"1::\"");
  // cidrhost("1:0:0:1::/128", 0)
  Expect("cidrhost", {S("1:0:0:1::/128"), N(0)}, "\"1:0:0:1::\"");
  // cidrhost("1:0:1:0:0:1:0:0/128", 0)
  Expect("cidrhost", {S("1:0:1:0:0:1:0:0/128"), N(0)}, "\"1:0:1::1:0:0\"");
  // cidrhost("0:0:1:0:0:1:0:0/128", 0)
  Expect("cidrhost", {S("0:0:1:0:0:1:0:0/128"), N(0)}, "\"::1:0:0:1:0:0\"");
  // cidrhost("1:2:3:4:5:6:7:8/128", 0)
  Expect("cidrhost", {S("1:2:3:4:5:6:7:8/128"), N(0)}, "\"1:2:3:4:5:6:7:8\"");
  // cidrhost("10.0.0.0/8", 1.5)
  ExpectError("cidrhost", {S("10.0.0.0/8"), N(1.5)});
  // cidrhost("::/0", 1)
  Expect("cidrhost", {S("::/0"), N(1)}, "\"::1\"");
  // cidrnetmask("172.16.0.0/12")
  Expect("cidrnetmask", {S("172.16.0.0/12")}, "\"255.240.0.0\"");
  // cidrnetmask("10.0.0.0/0")
  Expect("cidrnetmask", {S("10.0.0.0/0")}, "\"0.0.0.0\"");
  // cidrnetmask("10.0.0.0/32")
  Expect("cidrnetmask", {S("10.0.0.0/32")}, "\"255.255.255.255\"");
  // cidrnetmask("fd00::/64")
  ExpectError("cidrnetmask", {S("fd00::/64")});
  // cidrnetmask("x")
  ExpectError("cidrnetmask", {S("x")});
  // cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)
  Expect("cidrsubnets", {S("10.1.0.0/16"), N(4), N(4), N(8), N(4)},
         "[\"10.1.0.0/20\",\"10.1.16.0/20\",\"10.1.32.0/24\",\"10.1.48.0/20\"]");
  // cidrsubnets("10.1.0.0/16")
  Expect("cidrsubnets", {S("10.1.0.0/16")}, "[]");
  // cidrsubnets("10.1.0.0/16", 0)
  ExpectError("cidrsubnets", {S("10.1.0.0/16"), N(0)});
  // cidrsubnets("10.1.0.0/16", 17)
  ExpectError("cidrsubnets", {S("10.1.0.0/16"), N(17)});
  // cidrsubnets("10.1.0.0/16", 1, 1, 1)
  ExpectError("cidrsubnets", {S("10.1.0.0/16"), N(1), N(1), N(1)});
  // cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)
  Expect("cidrsubnets", {S("fd00:fd12:3456:7890::/56"), N(16), N(16), N(16), N(32)},
         "[\"fd00:fd12:3456:7800::/72\",\"fd00:fd12:3456:7800:100::/"
         "72\",\"fd00:fd12:3456:7800:200::/72\",\"fd00:fd12:3456:7800:300::/88\"]");
  // cidrsubnets("0.0.0.0/0", 1, 1)
  ExpectError("cidrsubnets", {S("0.0.0.0/0"), N(1), N(1)});
  // cidrsubnets("10.0.0.0/8", 33)
  ExpectError("cidrsubnets", {S("10.0.0.0/8"), N(33)});
  // cidrsubnets("10.1.0.0/16", 8, 4)
  Expect("cidrsubnets", {S("10.1.0.0/16"), N(8), N(4)}, "[\"10.1.0.0/24\",\"10.1.16.0/20\"]");
  // cidrsubnets("10.1.0.0/16", 1, 1)
  Expect("cidrsubnets", {S("10.1.0.0/16"), N(1), N(1)}, "[\"10.1.0.0/17\",\"10.1.128.0/17\"]");
  // cidrsubnets("10.0.0.0/8", 2, 8, 2, 2)
  Expect("cidrsubnets", {S("10.0.0.0/8"), N(2), N(8), N(2), N(2)},
         "[\"10.0.0.0/10\",\"10.64.0.0/16\",\"10.128.0.0/10\",\"10.192.0.0/10\"]");
  // cidrsubnets("::/0", 1, 1)
  ExpectError("cidrsubnets", {S("::/0"), N(1), N(1)});
  // cidrsubnets("10.1.0.0/16", 2.5)
  ExpectError("cidrsubnets", {S("10.1.0.0/16"), N(2.5)});
}

TEST(FunctionsOracle, MoreEdges) {
  // Out of a double's range: unknown, not a wrong number.
  ExpectUnknown("tonumber", {S("1e-400")});
  ExpectUnknown("abs", {S("1e400")});
  // Reversing "e\u0301" keeps the cluster, but the result is not NFC.
  ExpectUnknown("strrev", {S("e\xCC\x81")});
  // tolist(["a", null, 1])
  Expect("tolist", {L({S("a"), Null(), N(1)})}, "[\"a\",null,\"1\"]");
  // tolist([null, null])
  Expect("tolist", {L({Null(), Null()})}, "[null,null]");
  // toset(["a", null])
  Expect("toset", {L({S("a"), Null()})}, "[\"a\",null]");
  // concat(["a"], [["b"]])
  Expect("concat", {L({S("a")}), L({L({S("b")})})}, "[\"a\",[\"b\"]]");
  // flatten([[{"a" = [1]}], [[["x"]]]])
  Expect("flatten", {L({L({O({{"a", L({N(1)})}})}), L({L({L({S("x")})})})})},
         "[{\"a\":[1]},\"x\"]");
  // merge({"a" = 1}, {"a" = "x"})
  Expect("merge", {O({{"a", N(1)}}), O({{"a", S("x")}})}, "{\"a\":\"x\"}");
  // merge({"a" = [1]}, {"b" = {"c" = true}})
  Expect("merge", {O({{"a", L({N(1)})}}), O({{"b", O({{"c", B(true)}})}})},
         "{\"a\":[1],\"b\":{\"c\":true}}");
  // lookup({"a" = {"b" = 1}}, "a")
  Expect("lookup", {O({{"a", O({{"b", N(1)}})}}), S("a")}, "{\"b\":1}");
  // zipmap(["a", "b"], [1, "x"])
  Expect("zipmap", {L({S("a"), S("b")}), L({N(1), S("x")})}, "{\"a\":1,\"b\":\"x\"}");
  // index([1, "1"], "1")
  Expect("index", {L({N(1), S("1")}), S("1")}, "1");
  // distinct([{"a" = 1}, {"a" = 1}, {"a" = 2}])
  Expect("distinct", {L({O({{"a", N(1)}}), O({{"a", N(1)}}), O({{"a", N(2)}})})},
         "[{\"a\":1},{\"a\":2}]");
  // setunion([{"a" = 1}], [{"a" = 1}, {"a" = 2}])
  Expect("setunion", {L({O({{"a", N(1)}})}), L({O({{"a", N(1)}}), O({{"a", N(2)}})})},
         "[{\"a\":1},{\"a\":2}]");
  // contains([1, 2], "1")
  Expect("contains", {L({N(1), N(2)}), S("1")}, "false");
  // sort([10, 9, 100])
  Expect("sort", {L({N(10), N(9), N(100)})}, "[\"10\",\"100\",\"9\"]");
  // keys({"\u00e9" = 1, "z" = 2, "A" = 3, "_" = 4})
  Expect("keys", {O({{"é", N(1)}, {"z", N(2)}, {"A", N(3)}, {"_", N(4)}})},
         "[\"A\",\"_\",\"z\",\"é\"]");
  // one([null])
  Expect("one", {L({Null()})}, "null");
  // slice([1, 2, 3], "1", "2")
  Expect("slice", {L({N(1), N(2), N(3)}), S("1"), S("2")}, "[2]");
  // element(["a", "b"], "1")
  Expect("element", {L({S("a"), S("b")}), S("1")}, "\"b\"");
  // range("1", "3")
  Expect("range", {S("1"), S("3")}, "[1,2]");
  // chunklist([1, 2, 3], "2")
  Expect("chunklist", {L({N(1), N(2), N(3)}), S("2")}, "[[1,2],[3]]");
  // transpose({"z" = ["b", "a"], "y" = ["a"]})
  Expect("transpose", {O({{"z", L({S("b"), S("a")})}, {"y", L({S("a")})}})},
         "{\"a\":[\"y\",\"z\"],\"b\":[\"z\"]}");
  // matchkeys(["a", "b"], ["x", "y"], ["y", "z", "x"])
  Expect("matchkeys", {L({S("a"), S("b")}), L({S("x"), S("y")}), L({S("y"), S("z"), S("x")})},
         "[\"a\",\"b\"]");
  // base64decode("SGVs\nbG8=")
  Expect("base64decode", {S("SGVs\nbG8=")}, "\"Hello\"");
  // base64decode("SGVs bG8=")
  ExpectError("base64decode", {S("SGVs bG8=")});
  // urlencode("한/é +")
  Expect("urlencode", {S("한/é +")}, "\"%ED%95%9C%2F%C3%A9+%2B\"");
  // trimspace("\u0085x\u2028")
  Expect("trimspace", {S("x ")}, "\"x\"");
  // endswith("héllo", "llo")
  Expect("endswith", {S("héllo"), S("llo")}, "true");
  // split("ab", "xabyabz")
  Expect("split", {S("ab"), S("xabyabz")}, "[\"x\",\"y\",\"z\"]");
  // join(",", [["a"]])
  ExpectError("join", {S(","), L({L({S("a")})})});
  // jsondecode("123456789012")
  Expect("jsondecode", {S("123456789012")}, "123456789012");
  // jsondecode("1e2")
  Expect("jsondecode", {S("1e2")}, "100");
  // jsondecode("-0.5e-3")
  Expect("jsondecode", {S("-0.5e-3")}, "-0.0005");
  // jsondecode("{\"b\":1,\"a\":{\"c\":[true]}}")
  Expect("jsondecode", {S("{\"b\":1,\"a\":{\"c\":[true]}}")}, "{\"a\":{\"c\":[true]},\"b\":1}");
  // jsonencode({"\u00e9" = 1, "z" = 2, "A" = 3, "_" = 4, "a b" = 5})
  Expect("jsonencode", {O({{"é", N(1)}, {"z", N(2)}, {"A", N(3)}, {"_", N(4)}, {"a b", N(5)}})},
         "\"{\\\"A\\\":3,\\\"_\\\":4,\\\"a b\\\":5,\\\"z\\\":2,\\\"é\\\":1}\"");
  // jsonencode({"a" = {"b" = [1, {"c" = null}]}})
  Expect("jsonencode", {O({{"a", O({{"b", L({N(1), O({{"c", Null()}})})}})}})},
         "\"{\\\"a\\\":{\\\"b\\\":[1,{\\\"c\\\":null}]}}\"");
  // format("%s", 1e+21)
  Expect("format", {S("%s"), N(1e+21)}, "\"1000000000000000000000\"");
  // format("%d", 1000000000000000.0)
  Expect("format", {S("%d"), N(1000000000000000.0)}, "\"1000000000000000\"");
  // format("%x", 1e+20)
  Expect("format", {S("%x"), N(1e+20)}, "\"56bc75e2d63100000\"");
  // format("%b", -5)
  Expect("format", {S("%b"), N(-5)}, "\"-101\"");
  // format("%o", 64)
  Expect("format", {S("%o"), N(64)}, "\"100\"");
  // format("%08.3e", -1.5)
  Expect("format", {S("%08.3e"), N(-1.5)}, "\"-1.500e+00\"");
  // format("%+08d", 42)
  Expect("format", {S("%+08d"), N(42)}, "\"+0000042\"");
  // format("% 8.2f|", 3.14159)
  Expect("format", {S("% 8.2f|"), N(3.14159)}, "\"    3.14|\"");
  // format("%-+8.2f|", 3.14159)
  Expect("format", {S("%-+8.2f|"), N(3.14159)}, "\"+3.14   |\"");
  // format("%.0e", 15)
  Expect("format", {S("%.0e"), N(15)}, "\"2e+01\"");
  // format("%.0e", 25)
  Expect("format", {S("%.0e"), N(25)}, "\"2e+01\"");
  // format("%.1e", 0.25)
  Expect("format", {S("%.1e"), N(0.25)}, "\"2.5e-01\"");
  // format("%g", 1e-05)
  Expect("format", {S("%g"), N(1e-05)}, "\"1e-05\"");
  // format("%g", 123456)
  Expect("format", {S("%g"), N(123456)}, "\"123456\"");
  // format("%g", 1234567)
  Expect("format", {S("%g"), N(1234567)}, "\"1.234567e+06\"");
  // format("%.3g", 1234567)
  Expect("format", {S("%.3g"), N(1234567)}, "\"1.23e+06\"");
  // format("%.3g", 0.0001234)
  Expect("format", {S("%.3g"), N(0.0001234)}, "\"0.000123\"");
  // format("%G", 1e-10)
  Expect("format", {S("%G"), N(1e-10)}, "\"1E-10\"");
  // format("%10g|", 0.5)
  Expect("format", {S("%10g|"), N(0.5)}, "\"       0.5|\"");
  // format("%-10v|", 0.5)
  Expect("format", {S("%-10v|"), N(0.5)}, "\"0.5       |\"");
  // format("%v", 123456789012)
  Expect("format", {S("%v"), N(123456789012)}, "\"1.23456789012e+11\"");
  // format("%v", 0.0001)
  Expect("format", {S("%v"), N(0.0001)}, "\"0.0001\"");
  // format("%v", 1e-05)
  Expect("format", {S("%v"), N(1e-05)}, "\"1e-05\"");
  // format("%.2g", 0.125)
  Expect("format", {S("%.2g"), N(0.125)}, "\"0.12\"");
  // format("%.1g", 0.25)
  Expect("format", {S("%.1g"), N(0.25)}, "\"0.2\"");
  // format("%.4g", 100)
  Expect("format", {S("%.4g"), N(100)}, "\"100\"");
  // format("%#v", [1, true])
  Expect("format", {S("%#v"), L({N(1), B(true)})}, "\"[1,true]\"");
  // format("%q", 5)
  Expect("format", {S("%q"), N(5)}, "\"\\\"5\\\"\"");
  // format("%10q|", "a")
  Expect("format", {S("%10q|"), S("a")}, "\"       \\\"a\\\"|\"");
  // format("%.2q", "abc")
  Expect("format", {S("%.2q"), S("abc")}, "\"\\\"ab\\\"\"");
  // format("%t", false)
  Expect("format", {S("%t"), B(false)}, "\"false\"");
  // format("%5t|", true)
  Expect("format", {S("%5t|"), B(true)}, "\"true|\"");
  // format("%v", false)
  Expect("format", {S("%v"), B(false)}, "\"false\"");
  // format("%08v", "ab")
  Expect("format", {S("%08v"), S("ab")}, "\"000000ab\"");
  // tostring(1e+300)
  Expect("tostring", {N(1e+300)},
         "\"100000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "000000000000000000000000000000000000\"");
  // tostring(123456789012345)
  Expect("tostring", {N(123456789012345)}, "\"123456789012345\"");
  // csvdecode("a,b\n\"1\",\"\"\n")
  Expect("csvdecode", {S("a,b\n\"1\",\"\"\n")}, "[{\"a\":\"1\",\"b\":\"\"}]");
  // csvdecode("a\n\"\"\"\"\n")
  Expect("csvdecode", {S("a\n\"\"\"\"\n")}, "[{\"a\":\"\\\"\"}]");
  // csvdecode("a,b\n1,2,3\n")
  ExpectError("csvdecode", {S("a,b\n1,2,3\n")});
  // csvdecode("\n\na\n1")
  Expect("csvdecode", {S("\n\na\n1")}, "[{\"a\":\"1\"}]");
  // csvdecode("a\r\n1\r")
  Expect("csvdecode", {S("a\r\n1\r")}, "[{\"a\":\"1\"}]");
  // csvdecode("a\n1\r2\n")
  Expect("csvdecode", {S("a\n1\r2\n")}, "[{\"a\":\"1\\r2\"}]");
  // csvdecode("a,\"b\nc\"\n1,2")
  Expect("csvdecode", {S("a,\"b\nc\"\n1,2")}, "[{\"a\":\"1\",\"b\\nc\":\"2\"}]");
  // replace("aaa", "/a/", "$${0}$")
  Expect("replace", {S("aaa"), S("/a/"), S("${0}$")}, "\"a$a$a$\"");
  // replace("abc", "/(?P<x>b)/", "$${x}$${y}")
  Expect("replace", {S("abc"), S("/(?P<x>b)/"), S("${x}${y}")}, "\"abc\"");
  // replace("abcabc", "/(a)(b)?/", "[$2]")
  Expect("replace", {S("abcabc"), S("/(a)(b)?/"), S("[$2]")}, "\"[b]c[b]c\"");
  // regex("(a)(b)?", "a")
  Expect("regex", {S("(a)(b)?"), S("a")}, "[\"a\",null]");
  // regexall("(?m)^\\w", "ab\ncd")
  Expect("regexall", {S("(?m)^\\w"), S("ab\ncd")}, "[\"a\",\"c\"]");
  // regex("(?P<a>.)(?P<b>.)", "xy")
  Expect("regex", {S("(?P<a>.)(?P<b>.)"), S("xy")}, "{\"a\":\"x\",\"b\":\"y\"}");
  // upper("ﬀ")
  Expect("upper", {S("ﬀ")}, "\"ﬀ\"");
  // title("ﬀ x")
  Expect("title", {S("ﬀ x")}, "\"ﬀ X\"");
  // lower("ẞ")
  Expect("lower", {S("ẞ")}, "\"ß\"");
  // upper("ǅ")
  Expect("upper", {S("ǅ")}, "\"Ǆ\"");
  // lower("ǅ")
  Expect("lower", {S("ǅ")}, "\"ǆ\"");
  // cidrhost("10.0.0.0/8", 16777215)
  Expect("cidrhost", {S("10.0.0.0/8"), N(16777215)}, "\"10.255.255.255\"");
  // cidrhost("10.0.0.0/8", 16777216)
  ExpectError("cidrhost", {S("10.0.0.0/8"), N(16777216)});
  // cidrsubnet("10.0.0.0/8", 8, -0.0)
  Expect("cidrsubnet", {S("10.0.0.0/8"), N(8), N(-0.0)}, "\"10.0.0.0/16\"");
  // cidrsubnets("10.0.0.0/24", 1, 2, 3, 4, 5, 6, 7, 8, 8)
  Expect("cidrsubnets", {S("10.0.0.0/24"), N(1), N(2), N(3), N(4), N(5), N(6), N(7), N(8), N(8)},
         "[\"10.0.0.0/25\",\"10.0.0.128/26\",\"10.0.0.192/27\",\"10.0.0.224/28\",\"10.0.0.240/"
         "29\",\"10.0.0.248/30\",\"10.0.0.252/31\",\"10.0.0.254/32\",\"10.0.0.255/32\"]");
  // cidrsubnets("2001:db8::/32", 32, 32)
  Expect("cidrsubnets", {S("2001:db8::/32"), N(32), N(32)},
         "[\"2001:db8::/64\",\"2001:db8:0:1::/64\"]");
  // coalesce(true, "x")
  Expect("coalesce", {B(true), S("x")}, "\"true\"");
  // coalesce(0, "")
  Expect("coalesce", {N(0), S("")}, "\"0\"");
  // coalesce("", "", 0)
  Expect("coalesce", {S(""), S(""), N(0)}, "\"0\"");
  // compact([1, "", "2"])
  Expect("compact", {L({N(1), S(""), S("2")})}, "[\"1\",\"2\"]");
  // alltrue(["false"])
  Expect("alltrue", {L({S("false")})}, "false");
  // anytrue(["true"])
  Expect("anytrue", {L({S("true")})}, "true");
  // alltrue(["yes"])
  ExpectError("alltrue", {L({S("yes")})});
  // sum([1, "2.5"])
  Expect("sum", {L({N(1), S("2.5")})}, "3.5");
  // max("1e3", 999)
  Expect("max", {S("1e3"), N(999)}, "1000");
  // length([[]])
  Expect("length", {L({L({})})}, "1");
  // length({"a" = null})
  Expect("length", {O({{"a", Null()}})}, "1");
  // reverse([[1], [2]])
  Expect("reverse", {L({L({N(1)}), L({N(2)})})}, "[[2],[1]]");
  // values({"b" = [1], "a" = {"x" = 1}})
  Expect("values", {O({{"b", L({N(1)})}, {"a", O({{"x", N(1)}})}})}, "[{\"x\":1},[1]]");
}

}  // namespace
}  // namespace infracheck::tf::testing
