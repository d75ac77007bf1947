#include "infracheck/value.h"

#include <gtest/gtest.h>

namespace infracheck {
namespace {

TEST(Value, ObjectKeysSortedLastDuplicateWins) {
  Value o = Value::Object(
      {{"b", Value::Number(1), {}}, {"a", Value::Bool(true), {}}, {"b", Value::Number(2), {}}});
  ASSERT_EQ(o.fields().size(), 2u);
  EXPECT_EQ(o.fields()[0].key, "a");
  EXPECT_EQ(o.Get("b")->number(), 2);
}

// Objects that come sorted skip the sort; a duplicate at the end of a sorted
// run still goes through it, and the last one still wins.
TEST(Value, ObjectSortedInputAndTrailingDuplicate) {
  Value sorted = Value::Object(
      {{"a", Value::Number(1), {}}, {"b", Value::Number(2), {}}, {"c", Value::Number(3), {}}});
  ASSERT_EQ(sorted.fields().size(), 3u);
  EXPECT_EQ(sorted.fields()[2].key, "c");
  Value dup = Value::Object(
      {{"a", Value::Number(1), {}}, {"b", Value::Number(2), {}}, {"b", Value::Number(3), {}}});
  ASSERT_EQ(dup.fields().size(), 2u);
  EXPECT_EQ(dup.Get("b")->number(), 3);
  EXPECT_EQ(Value::Object({}).fields().size(), 0u);
  Value one = Value::Object({{"x", Value::Bool(true), {}}});
  ASSERT_EQ(one.fields().size(), 1u);
  EXPECT_TRUE(one.Get("x")->bool_value());
}

TEST(Value, UnknownIsNeitherTrueNorFalse) {
  Value u = Value::Unknown();
  EXPECT_FALSE(IsTrue(&u));
  EXPECT_FALSE(IsFalse(&u));
  EXPECT_FALSE(IsKnown(&u));
  EXPECT_EQ(Truth(&u), Tri::kUnknown);
  EXPECT_EQ(Truth(nullptr), Tri::kFalse);
  Value s = Value::String("true");
  EXPECT_TRUE(IsTrue(&s));
}

TEST(Value, EqualsPropagatesUnknown) {
  EXPECT_EQ(Equals(Value::Unknown(), Value::String("x")), Tri::kUnknown);
  EXPECT_EQ(Equals(Value::String("1"), Value::Number(1)), Tri::kFalse);
  Value l1 = Value::List({Value::Number(1), Value::Unknown()});
  Value l2 = Value::List({Value::Number(2), Value::Unknown()});
  EXPECT_EQ(Equals(l1, l2), Tri::kFalse);
  Value l3 = Value::List({Value::Number(1), Value::Number(3)});
  EXPECT_EQ(Equals(l1, l3), Tri::kUnknown);
}

TEST(Value, FormatNumber) {
  EXPECT_EQ(FormatNumber(3), "3");
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(-2.5), "-2.5");
  EXPECT_EQ(FormatNumber(1e21), "1000000000000000000000");
  EXPECT_EQ(FormatNumber(1e23), "100000000000000000000000");
  EXPECT_EQ(FormatNumber(-1.5e-7), "-0.00000015");
  EXPECT_EQ(FormatNumber(123.456), "123.456");
  EXPECT_EQ(FormatNumber(0.30000000000000004), "0.30000000000000004");
}

TEST(Value, LookupStepsIntoSingleBlocks) {
  Value block = Value::Object({{"scan_on_push", Value::Bool(false), {}}});
  Value root = Value::Object({{"image_scanning_configuration", Value::List({block}), {}}});
  const Value* v = Lookup(root, "image_scanning_configuration.scan_on_push");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(IsFalse(v));
  EXPECT_EQ(Lookup(root, "missing.x"), nullptr);
  Value unknown_root = Value::Object({{"image_scanning_configuration", Value::Unknown(), {}}});
  const Value* u = Lookup(unknown_root, "image_scanning_configuration.scan_on_push");
  ASSERT_NE(u, nullptr);
  EXPECT_TRUE(u->is_unknown());
  // An open object's unlisted attributes are unknown, not absent.
  Value open = Value::Object({{"multi_az", Value::Bool(true), {}}}).AsOpen("");
  EXPECT_TRUE(IsTrue(Lookup(open, "multi_az")));
  const Value* unlisted = Lookup(open, "deletion_protection");
  ASSERT_NE(unlisted, nullptr);
  EXPECT_TRUE(unlisted->is_unknown());
}

TEST(Value, ThroughRecordsHops) {
  SourceFile f("a.tf", "/a.tf", "x = 1\ny = var.x\n");
  Value v = Value::Number(1, Span{&f, 4, 5});
  Value w = v.Through(Span{&f, 10, 15}, "value set here");
  EXPECT_EQ(w.origin().begin, 10u);
  ASSERT_EQ(w.hops().size(), 1u);
  EXPECT_EQ(w.hops()[0].span.begin, 4u);
  EXPECT_EQ(f.PositionAt(10).line, 2u);
  EXPECT_EQ(f.PositionAt(10).column, 5u);
}

TEST(Value, HistoriesKeepTheNewestHopsAndTheFirst) {
  SourceFile f("a.tf", "/a.tf", std::string(100, ' '));
  Value v = Value::String("s", Span{&f, 0, 1});
  for (uint32_t i = 1; i <= 20; ++i) v = v.Through(Span{&f, i, i + 1}, "local value");
  // Twelve at most: the newest eleven, most recent first, then the very first.
  ASSERT_EQ(v.hops().size(), 12u);
  EXPECT_EQ(v.hops()[0].span.begin, 19u);
  EXPECT_EQ(v.hops()[10].span.begin, 9u);
  EXPECT_EQ(v.hops()[11].span.begin, 0u);
  EXPECT_EQ(v.origin().begin, 20u);
  // A hop already in the history is not added again.
  Value w = Value::String("t", Span{&f, 50, 51}).Through(Span{&f, 60, 61}, "module input");
  Value both = w.WithHopsOf(w.Through(Span{&f, 70, 71}, "module output"));
  ASSERT_EQ(both.hops().size(), 2u);
  EXPECT_EQ(both.hops()[0].span.begin, 50u);
  EXPECT_EQ(both.hops()[1].span.begin, 60u);
}

TEST(Value, RefsMergeOnceEachAndSurviveHops) {
  SourceFile f("a.tf", "/a.tf", std::string(100, ' '));
  Value a = Value::String("x", Span{&f, 0, 1}).WithRef({"aws_vpc.main", "id"});
  Value b = Value::String("y", Span{&f, 2, 3})
                .WithRef({"aws_vpc.main", "id"})
                .WithRef({"aws_subnet.a", "id"});
  Value through = a.Through(Span{&f, 10, 11}, "variable default");
  ASSERT_EQ(through.refs().size(), 1u);
  EXPECT_EQ(through.refs()[0].address, "aws_vpc.main");
  Value merged = through.WithProvenanceOf(b);
  ASSERT_EQ(merged.refs().size(), 2u);
  EXPECT_EQ(merged.refs()[1].address, "aws_subnet.a");
  EXPECT_EQ(merged.hops().size(), 1u);
  // The originals are unchanged: histories are shared, never edited.
  EXPECT_EQ(a.refs().size(), 1u);
  EXPECT_TRUE(a.hops().empty());
  EXPECT_EQ(b.refs().size(), 2u);
  // Only hops: the refs stay those of the value itself.
  EXPECT_EQ(Value::Null().WithHopsOf(through).refs().size(), 0u);
  EXPECT_EQ(Value::Null().WithHopsOf(through).hops().size(), 1u);
}

TEST(Value, SharesPayloadOnlyWithCopiesOfTheSameValue) {
  SourceFile f("a.tf", "/a.tf", "abcdefghij");
  Value list = Value::List({Value::String("x", Span{&f, 0, 3})}, Span{&f, 0, 5});
  // Passed on through a variable: another origin and history, same list.
  Value passed = list.Through(Span{&f, 6, 9}, "variable default");
  EXPECT_TRUE(passed.SharesPayload(list));
  EXPECT_FALSE(passed.Identical(list));
  // Equal but built separately.
  Value rebuilt = Value::List({Value::String("x", Span{&f, 0, 3})}, Span{&f, 0, 5});
  EXPECT_TRUE(SameValue(rebuilt, list));
  EXPECT_FALSE(rebuilt.SharesPayload(list));
  // Scalars other than strings have no payload to share.
  EXPECT_FALSE(Value::Number(1).SharesPayload(Value::Number(1)));
  EXPECT_FALSE(Value::Null().SharesPayload(Value::Null()));
}

}  // namespace
}  // namespace infracheck
