// Values as the evaluator computes them and rules read them.
//
// A value is null, bool, number, string, list, object, or unknown. Unknown is
// not null: it is "cannot tell" (an unresolved reference, a data source, a
// computed attribute) and every helper a rule uses treats it as neither true
// nor false, so unknowns never produce findings.
//
// Every value carries its origin (where its expression was written) and its
// provenance: the places it passed through on the way (tfvars line, variable,
// module input), and the resources it was read from (references).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "infracheck/source.h"

namespace infracheck {

/// Three-valued truth, for comparisons involving unknowns.
enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

/// A resource attribute a value was read from: `aws_security_group.alb.id`
/// gives {"aws_security_group.alb", "id"}.
struct Ref {
  std::string address;    ///< resource instance address, module path included
  std::string attribute;  ///< first attribute step; empty for the whole object
  friend bool operator==(const Ref&, const Ref&) = default;
};

/// One place a value passed through before it arrived where it is used.
struct Hop {
  Span span;
  const char* note = "";  ///< static text: "value set here", "module input", ...
};

/// Shared, immutable history of a value: its hops, most recent first, and
/// its refs (model/value.cc). Most values (literals) have none.
struct Provenance;

/// An intrusive, atomically counted reference to a Provenance: one
/// allocation per history, its hops stored inline.
class ProvenanceRef {
 public:
  ProvenanceRef() = default;
  explicit ProvenanceRef(const Provenance* adopted) : p_(adopted) {}
  ProvenanceRef(const ProvenanceRef& o) : p_(o.p_) {
    if (p_) Retain(p_);
  }
  ProvenanceRef(ProvenanceRef&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  ProvenanceRef& operator=(ProvenanceRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~ProvenanceRef() {
    if (p_) Release(p_);
  }
  const Provenance* get() const { return p_; }
  const Provenance* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  friend bool operator==(const ProvenanceRef& a, const ProvenanceRef& b) { return a.p_ == b.p_; }

 private:
  static void Retain(const Provenance* p);
  static void Release(const Provenance* p);
  const Provenance* p_ = nullptr;
};

class Value;
struct Field;

/// Payloads shared between copies of a value.
struct StringData;
struct ListData;
struct ObjectData;

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kList, kObject, kUnknown };

  /// Null with no origin.
  Value() = default;

  static Value Null(Span origin = {});
  static Value Bool(bool b, Span origin = {});
  static Value Number(double n, Span origin = {});
  static Value String(std::string s, Span origin = {});
  static Value List(std::vector<Value> items, Span origin = {});
  /// Fields are sorted by key; of duplicate keys the last wins.
  static Value Object(std::vector<Field> fields, Span origin = {});
  static Value Unknown(Span origin = {});

  /// A string produced by encoding `structured` (jsonencode), so consumers can
  /// read the structure with its original locations instead of re-parsing.
  static Value EncodedString(std::string s, Value structured, Span origin = {});
  /// The whole text of a file, as file() returns it.
  static Value FileContents(const SourceFile* file, Span origin = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_object() const { return kind_ == Kind::kObject; }
  bool is_unknown() const { return kind_ == Kind::kUnknown; }
  bool is_known() const { return kind_ != Kind::kUnknown; }
  /// Known all the way down (no unknown element or field).
  bool IsWhollyKnown() const;
  /// A copy of the very same value: same payload, origin and provenance
  /// (cheap; equal values built separately are not identical).
  bool Identical(const Value& other) const {
    return kind_ == other.kind_ && bool_ == other.bool_ && payload_ == other.payload_ &&
           origin_ == other.origin_ && prov_ == other.prov_ &&
           (kind_ != Kind::kNumber || number_ == other.number_);
  }

  /// Holds the very same string, list or object as `other`, wherever each
  /// was written (a variable's value that is its default, passed on).
  bool SharesPayload(const Value& other) const {
    return payload_ != nullptr && payload_ == other.payload_ && kind_ == other.kind_;
  }

  bool bool_value() const { return bool_; }
  double number() const { return number_; }
  const std::string& str() const;
  const std::vector<Value>& items() const;
  const std::vector<Field>& fields() const;
  size_t size() const;  ///< elements, fields or bytes; 0 for scalars

  /// The field of an object, or nullptr (also for non-objects).
  const Value* Get(std::string_view key) const;
  const Field* GetField(std::string_view key) const;
  /// An open object stands for a resource whose unlisted attributes exist
  /// but are unknown (computed); reading one gives an unknown with a Ref.
  bool open() const;
  const std::string& open_address() const;
  /// For strings: the value jsonencode() encoded, or nullptr. Also for the
  /// unknown result of jsonencode() on a partly unknown value (see
  /// WithEncoded), so readers of documents still see its known parts.
  const Value* structured() const;
  /// For strings: the file whose whole text this is (file()), or nullptr.
  const SourceFile* whole_file() const;

  Span origin() const { return origin_; }
  std::span<const Hop> hops() const;
  const std::vector<Ref>& refs() const;
  bool has_provenance() const { return static_cast<bool>(prov_); }

  /// The same value written elsewhere: origin moves to `at`, the old origin
  /// becomes the newest hop with `note`. Used where a value passes through a
  /// variable, local, module input or output.
  Value Through(Span at, const char* note) const;
  /// The same value with another origin; provenance unchanged.
  Value WithOrigin(Span at) const;
  /// Adds the provenance (hops and refs) of `other` to this value.
  Value WithProvenanceOf(const Value& other) const;
  /// Adds only the hops of `other`: where it came from, not what it refers to.
  Value WithHopsOf(const Value& other) const;
  /// Adds a reference to this value.
  Value WithRef(Ref ref) const;
  /// Marks an object open (see open()).
  Value AsOpen(std::string address) const;
  /// For an unknown value: the same unknown, remembering the partly unknown
  /// value it encodes (jsonencode of a structure with unknowns in it).
  Value WithEncoded(Value structured) const;

  /// Human-readable type name, as Terraform says it: "string", "list", ...
  std::string_view TypeName() const;

  /// How deeply lists, objects and encoded documents nest in this value: 0
  /// for a scalar, 1 for a list of scalars. Every walk over a value recurses
  /// this deep, so evaluators refuse values nested beyond kMaxValueDepth.
  uint32_t depth() const;
  /// The work of walking this value: one per value in it, counted as often
  /// as it is reached (a list holding one object twice counts it twice),
  /// plus one per 64 bytes of string text and keys. Saturates. Evaluators
  /// refuse values larger than kMaxValueSize: values share their parts, so
  /// a few lines can build one whose walk never ends.
  uint64_t tree_size() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::shared_ptr<const void> payload_;
  Span origin_;
  ProvenanceRef prov_;

  friend struct ValueAccess;
};

struct Field {
  std::string key;
  Value value;
  Span key_span;  ///< the key as written (attribute name), if any
};

/// Deeper values are refused by the evaluators (recursion over values
/// stays far from the stack's end, sanitizers included).
inline constexpr uint32_t kMaxValueDepth = 1000;
/// Larger values (see Value::tree_size) are refused by the evaluators.
inline constexpr uint64_t kMaxValueSize = 1'000'000;

/// Structural equality as Terraform's == computes it: no type conversion;
/// unknown when an unknown could decide it.
Tri Equals(const Value& a, const Value& b);
/// Equal in value and shape, ignoring origins; unknowns equal only unknowns.
bool SameValue(const Value& a, const Value& b);

/// Terraform's number formatting: shortest round-trip decimal, no exponent.
std::string FormatNumber(double n);

// Helpers rules use. A missing attribute is passed as nullptr. None of them
// says anything about an unknown value.

/// Known true (a bool, or the string "true" that Terraform converts).
bool IsTrue(const Value* v);
/// Known false (a bool, or the string "false").
bool IsFalse(const Value* v);
/// Missing or null: the provider default applies.
bool IsAbsent(const Value* v);
/// Missing, or present and wholly known.
bool IsKnown(const Value* v);
/// Known true, absent-or-false, or unknown, as one word.
Tri Truth(const Value* v);
/// A number, or a string holding one.
std::optional<double> NumberOf(const Value* v);
/// A string, or a number or bool as Terraform converts it to one.
std::optional<std::string> StringOf(const Value* v);

/// Follows a dotted path through objects; a list of exactly one object (a
/// nested block) is stepped into. Returns nullptr when a step is missing, and
/// the unknown value itself when a step is unknown.
const Value* Lookup(const Value& root, std::string_view dotted_path);

}  // namespace infracheck
