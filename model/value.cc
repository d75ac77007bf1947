#include "infracheck/value.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <new>

#include "model/bytes.h"

namespace infracheck {

// A value's history, allocated with its hops after it (ProvenanceRef counts
// it). The refs are shared by the histories that only add hops to them.
struct Provenance {
  mutable std::atomic<uint32_t> count{1};
  uint32_t hop_count = 0;
  std::shared_ptr<const std::vector<Ref>> refs;  // null: none

  std::span<const Hop> hops() const { return {reinterpret_cast<const Hop*>(this + 1), hop_count}; }
};
static_assert(sizeof(Provenance) % alignof(Hop) == 0);

void ProvenanceRef::Retain(const Provenance* p) {
  p->count.fetch_add(1, std::memory_order_relaxed);
}

void ProvenanceRef::Release(const Provenance* p) {
  if (p->count.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  size_t bytes = sizeof(Provenance) + p->hop_count * sizeof(Hop);
  p->~Provenance();
  // std::allocator frees with the size where the compiler allows that.
  std::allocator<unsigned char>().deallocate(
      reinterpret_cast<unsigned char*>(const_cast<Provenance*>(p)), bytes);
}

// Every payload records the shape of what it holds (see Value::depth and
// Value::tree_size), computed once when it is built.
struct Shape {
  uint32_t depth = 0;
  uint64_t size = 1;
};

struct StringData {
  std::string text;
  std::unique_ptr<const Value> structured;  // rare: kept out of line
  const SourceFile* whole_file = nullptr;
  Shape shape;
};

struct ListData {
  std::vector<Value> items;
  Shape shape;
};

struct ObjectData {
  std::vector<Field> fields;
  std::string open_address;
  bool open = false;
  Shape shape;
};

struct ValueAccess {
  static const StringData* Str(const Value& v) {
    return static_cast<const StringData*>(v.payload_.get());
  }
  static const ListData* List(const Value& v) {
    return static_cast<const ListData*>(v.payload_.get());
  }
  static const ObjectData* Obj(const Value& v) {
    return static_cast<const ObjectData*>(v.payload_.get());
  }
  static Value Make(Value::Kind kind, std::shared_ptr<const void> payload, Span origin) {
    Value v;
    v.kind_ = kind;
    v.payload_ = std::move(payload);
    v.origin_ = origin;
    return v;
  }
};

namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

uint64_t TextSize(size_t bytes) { return (static_cast<uint64_t>(bytes) + 63) / 64; }

// A string's shape: its text, and the document it encodes, if any.
Shape StringShape(const StringData& d) {
  Shape s;
  s.size = SaturatingAdd(1, TextSize(d.text.size()));
  if (d.structured) {
    s.depth = d.structured->depth() == UINT32_MAX ? UINT32_MAX : d.structured->depth() + 1;
    s.size = SaturatingAdd(s.size, d.structured->tree_size());
  }
  return s;
}

Shape ListShape(const std::vector<Value>& items) {
  Shape s;
  for (const Value& v : items) {
    s.depth = std::max(s.depth, v.depth());
    s.size = SaturatingAdd(s.size, v.tree_size());
  }
  if (s.depth < UINT32_MAX) ++s.depth;
  return s;
}

Shape ObjectShape(const std::vector<Field>& fields) {
  Shape s;
  for (const Field& f : fields) {
    s.depth = std::max(s.depth, f.value.depth());
    s.size = SaturatingAdd(s.size, SaturatingAdd(TextSize(f.key.size()), f.value.tree_size()));
  }
  if (s.depth < UINT32_MAX) ++s.depth;
  return s;
}

const std::string kEmptyString;
const std::vector<Value> kEmptyItems;
const std::vector<Field> kEmptyFields;
const std::vector<Ref> kNoRefs;

// Bounds the history kept per value; the oldest hops matter most, so the
// list keeps the newest few and the very first.
constexpr size_t kMaxHops = 12;
constexpr size_t kMaxRefs = 64;

// A history's hops while it is built: at most kMaxHops.
struct HopList {
  Hop hops[kMaxHops];
  size_t size = 0;

  void Append(std::span<const Hop> more) {
    for (const Hop& h : more) {
      if (size >= kMaxHops) {
        hops[size - 1] = more.back();
        return;
      }
      bool dup = std::any_of(hops, hops + size, [&](const Hop& o) { return o.span == h.span; });
      if (!dup) hops[size++] = h;
    }
  }
};

// A list of refs takes one it does not have, up to kMaxRefs.
bool Admits(const std::vector<Ref>& refs, const Ref& r) {
  return refs.size() < kMaxRefs && std::find(refs.begin(), refs.end(), r) == refs.end();
}

void AppendRefs(std::vector<Ref>& out, const std::vector<Ref>& more) {
  for (const Ref& r : more) {
    if (Admits(out, r)) out.push_back(r);
  }
}

using SharedRefs = std::shared_ptr<const std::vector<Ref>>;

// Every refs list is built through Admits, so a list merged into an empty one
// is itself, and one merged into itself changes nothing.
SharedRefs MergeRefs(const SharedRefs& a, const SharedRefs& b) {
  if (!b || b->empty() || a == b) return a;
  if (!a || a->empty()) return b;
  auto out = std::make_shared<std::vector<Ref>>(*a);
  AppendRefs(*out, *b);
  return out;
}

ProvenanceRef MakeProvenance(const HopList& hops, SharedRefs refs) {
  size_t bytes = sizeof(Provenance) + hops.size * sizeof(Hop);
  auto* p = new (std::allocator<unsigned char>().allocate(bytes)) Provenance;
  p->hop_count = static_cast<uint32_t>(hops.size);
  p->refs = std::move(refs);
  std::uninitialized_copy(hops.hops, hops.hops + hops.size, reinterpret_cast<Hop*>(p + 1));
  return ProvenanceRef(p);
}

HopList HopsOf(const ProvenanceRef& p) {
  HopList l;
  if (p) {
    std::span<const Hop> h = p->hops();
    std::copy(h.begin(), h.end(), l.hops);
    l.size = h.size();
  }
  return l;
}

SharedRefs RefsOf(const ProvenanceRef& p) { return p ? p->refs : nullptr; }

}  // namespace

Value Value::Null(Span origin) {
  Value v;
  v.origin_ = origin;
  return v;
}

Value Value::Bool(bool b, Span origin) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  v.origin_ = origin;
  return v;
}

Value Value::Number(double n, Span origin) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = n;
  v.origin_ = origin;
  return v;
}

Value Value::String(std::string s, Span origin) {
  auto data = std::make_shared<StringData>();
  data->text = std::move(s);
  data->shape = StringShape(*data);
  return ValueAccess::Make(Kind::kString, std::move(data), origin);
}

Value Value::EncodedString(std::string s, Value structured, Span origin) {
  auto data = std::make_shared<StringData>();
  data->text = std::move(s);
  data->structured = std::make_unique<const Value>(std::move(structured));
  data->shape = StringShape(*data);
  return ValueAccess::Make(Kind::kString, std::move(data), origin);
}

Value Value::FileContents(const SourceFile* file, Span origin) {
  auto data = std::make_shared<StringData>();
  data->text = file->text();
  data->whole_file = file;
  data->shape = StringShape(*data);
  return ValueAccess::Make(Kind::kString, std::move(data), origin);
}

Value Value::List(std::vector<Value> items, Span origin) {
  auto data = std::make_shared<ListData>();
  data->items = std::move(items);
  data->shape = ListShape(data->items);
  return ValueAccess::Make(Kind::kList, std::move(data), origin);
}

namespace {

bool FieldLess(const Field& a, const Field& b) { return bytes::Less(a.key, b.key); }

// Sorts fields by key, stably, and keeps the last of each key. Most objects
// are small, and sorting them by insertion spares stable_sort's buffer
// (evaluation makes hundreds of thousands).
void SortFields(std::vector<Field>& fields) {
  auto less = FieldLess;
  if (fields.size() <= 16) {
    for (size_t i = 1; i < fields.size(); ++i) {
      if (!less(fields[i], fields[i - 1])) continue;
      Field f = std::move(fields[i]);
      size_t j = i;
      do {
        fields[j] = std::move(fields[j - 1]);
        --j;
      } while (j > 0 && less(f, fields[j - 1]));
      fields[j] = std::move(f);
    }
  } else {
    std::stable_sort(fields.begin(), fields.end(), less);
  }
  size_t kept = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (kept > 0 && fields[kept - 1].key == fields[i].key) {
      fields[kept - 1] = std::move(fields[i]);
    } else {
      if (kept != i) fields[kept] = std::move(fields[i]);
      ++kept;
    }
  }
  fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(kept), fields.end());
}

}  // namespace

Value Value::Object(std::vector<Field> fields, Span origin) {
  // Sorted by key, stably: declaration order among duplicates, and the last
  // one wins. Most objects come sorted and unique (configuration objects,
  // converted values, values rebuilt from others): one pass tells.
  size_t ordered = 1;
  while (ordered < fields.size() && FieldLess(fields[ordered - 1], fields[ordered])) ++ordered;
  if (ordered < fields.size()) SortFields(fields);
  auto data = std::make_shared<ObjectData>();
  data->fields = std::move(fields);
  data->shape = ObjectShape(data->fields);
  return ValueAccess::Make(Kind::kObject, std::move(data), origin);
}

Value Value::WithEncoded(Value structured) const {
  if (kind_ != Kind::kUnknown) return *this;
  auto data = std::make_shared<StringData>();
  data->structured = std::make_unique<const Value>(std::move(structured));
  data->shape = StringShape(*data);
  Value v = *this;
  v.payload_ = std::move(data);
  return v;
}

Value Value::Unknown(Span origin) {
  Value v;
  v.kind_ = Kind::kUnknown;
  v.origin_ = origin;
  return v;
}

bool Value::IsWhollyKnown() const {
  switch (kind_) {
    case Kind::kUnknown:
      return false;
    case Kind::kList:
      return std::all_of(items().begin(), items().end(),
                         [](const Value& v) { return v.IsWhollyKnown(); });
    case Kind::kObject:
      // An open object has more attributes, unknown ones.
      return !open() && std::all_of(fields().begin(), fields().end(),
                                    [](const Field& f) { return f.value.IsWhollyKnown(); });
    default:
      return true;
  }
}

const std::string& Value::str() const {
  return kind_ == Kind::kString ? ValueAccess::Str(*this)->text : kEmptyString;
}

const std::vector<Value>& Value::items() const {
  return kind_ == Kind::kList ? ValueAccess::List(*this)->items : kEmptyItems;
}

const std::vector<Field>& Value::fields() const {
  return kind_ == Kind::kObject ? ValueAccess::Obj(*this)->fields : kEmptyFields;
}

size_t Value::size() const {
  switch (kind_) {
    case Kind::kString:
      return str().size();
    case Kind::kList:
      return items().size();
    case Kind::kObject:
      return fields().size();
    default:
      return 0;
  }
}

const Field* Value::GetField(std::string_view key) const {
  if (kind_ != Kind::kObject) return nullptr;
  const auto& fs = fields();
  auto it = std::lower_bound(fs.begin(), fs.end(), key, [](const Field& f, std::string_view k) {
    return bytes::Less(f.key, k);
  });
  if (it == fs.end() || it->key != key) return nullptr;
  return &*it;
}

const Value* Value::Get(std::string_view key) const {
  const Field* f = GetField(key);
  return f ? &f->value : nullptr;
}

bool Value::open() const { return kind_ == Kind::kObject && ValueAccess::Obj(*this)->open; }

const std::string& Value::open_address() const {
  return kind_ == Kind::kObject ? ValueAccess::Obj(*this)->open_address : kEmptyString;
}

const Value* Value::structured() const {
  if (kind_ == Kind::kUnknown && payload_) {
    return ValueAccess::Str(*this)->structured.get();
  }
  if (kind_ != Kind::kString) return nullptr;
  return ValueAccess::Str(*this)->structured.get();
}

const SourceFile* Value::whole_file() const {
  return kind_ == Kind::kString ? ValueAccess::Str(*this)->whole_file : nullptr;
}

std::span<const Hop> Value::hops() const { return prov_ ? prov_->hops() : std::span<const Hop>(); }
const std::vector<Ref>& Value::refs() const {
  return prov_ && prov_->refs ? *prov_->refs : kNoRefs;
}

Value Value::Through(Span at, const char* note) const {
  Value v = *this;
  v.origin_ = at;
  if (!origin_.valid() || origin_ == at) return v;
  HopList hops;
  hops.hops[hops.size++] = Hop{origin_, note};
  if (prov_) hops.Append(prov_->hops());
  v.prov_ = MakeProvenance(hops, RefsOf(prov_));
  return v;
}

Value Value::WithOrigin(Span at) const {
  Value v = *this;
  v.origin_ = at;
  return v;
}

Value Value::WithProvenanceOf(const Value& other) const {
  if (!other.prov_ || other.prov_ == prov_) return *this;
  Value v = *this;
  if (!prov_) {
    v.prov_ = other.prov_;
    return v;
  }
  HopList hops = HopsOf(prov_);
  hops.Append(other.prov_->hops());
  v.prov_ = MakeProvenance(hops, MergeRefs(prov_->refs, other.prov_->refs));
  return v;
}

Value Value::WithHopsOf(const Value& other) const {
  if (!other.prov_ || other.prov_->hop_count == 0 || other.prov_ == prov_) return *this;
  Value v = *this;
  HopList hops = HopsOf(prov_);
  hops.Append(other.prov_->hops());
  v.prov_ = MakeProvenance(hops, RefsOf(prov_));
  return v;
}

Value Value::WithRef(Ref ref) const {
  Value v = *this;
  auto refs = prov_ && prov_->refs ? std::make_shared<std::vector<Ref>>(*prov_->refs)
                                   : std::make_shared<std::vector<Ref>>();
  if (Admits(*refs, ref)) refs->push_back(std::move(ref));
  v.prov_ = MakeProvenance(HopsOf(prov_), std::move(refs));
  return v;
}

Value Value::AsOpen(std::string address) const {
  if (kind_ != Kind::kObject) return *this;
  auto data = std::make_shared<ObjectData>(*ValueAccess::Obj(*this));
  data->open = true;
  data->open_address = std::move(address);
  Value v = *this;
  v.payload_ = std::move(data);
  return v;
}

uint32_t Value::depth() const {
  if (!payload_) return 0;
  switch (kind_) {
    case Kind::kString:
    case Kind::kUnknown:
      return ValueAccess::Str(*this)->shape.depth;
    case Kind::kList:
      return ValueAccess::List(*this)->shape.depth;
    case Kind::kObject:
      return ValueAccess::Obj(*this)->shape.depth;
    default:
      return 0;
  }
}

uint64_t Value::tree_size() const {
  if (!payload_) return 1;
  switch (kind_) {
    case Kind::kString:
    case Kind::kUnknown:
      return ValueAccess::Str(*this)->shape.size;
    case Kind::kList:
      return ValueAccess::List(*this)->shape.size;
    case Kind::kObject:
      return ValueAccess::Obj(*this)->shape.size;
    default:
      return 1;
  }
}

std::string_view Value::TypeName() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list";
    case Kind::kObject:
      return "object";
    case Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

Tri Equals(const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return Tri::kUnknown;
  if (a.kind() != b.kind()) return Tri::kFalse;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return Tri::kTrue;
    case Value::Kind::kBool:
      return a.bool_value() == b.bool_value() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kNumber:
      return a.number() == b.number() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kString:
      return a.str() == b.str() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kList: {
      if (a.items().size() != b.items().size()) return Tri::kFalse;
      Tri result = Tri::kTrue;
      for (size_t i = 0; i < a.items().size(); ++i) {
        Tri t = Equals(a.items()[i], b.items()[i]);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case Value::Kind::kObject: {
      const auto& fa = a.fields();
      const auto& fb = b.fields();
      if (fa.size() != fb.size()) return Tri::kFalse;
      Tri result = Tri::kTrue;
      for (size_t i = 0; i < fa.size(); ++i) {
        if (fa[i].key != fb[i].key) return Tri::kFalse;
        Tri t = Equals(fa[i].value, fb[i].value);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case Value::Kind::kUnknown:
      break;
  }
  return Tri::kUnknown;
}

bool SameValue(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kUnknown:
      return true;
    case Value::Kind::kBool:
      return a.bool_value() == b.bool_value();
    case Value::Kind::kNumber:
      return a.number() == b.number();
    case Value::Kind::kString:
      return a.str() == b.str();
    case Value::Kind::kList:
      if (a.items().size() != b.items().size()) return false;
      for (size_t i = 0; i < a.items().size(); ++i) {
        if (!SameValue(a.items()[i], b.items()[i])) return false;
      }
      return true;
    case Value::Kind::kObject:
      if (a.fields().size() != b.fields().size()) return false;
      for (size_t i = 0; i < a.fields().size(); ++i) {
        if (a.fields()[i].key != b.fields()[i].key) return false;
        if (!SameValue(a.fields()[i].value, b.fields()[i].value)) return false;
      }
      return true;
  }
  return false;
}

std::string FormatNumber(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n == 0) return "0";
  // The shortest digits that read back as n, written out without exponent
  // (fixed notation would print a large double's exact binary expansion:
  // 1e23 as 99999999999999991611392, where Terraform prints 1 and 23 zeros).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::scientific);
  if (res.ec != std::errc()) return "0";
  std::string_view sci(buf, res.ptr - buf);
  size_t e = sci.find('e');
  std::string out;
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c == '-') {
      out.push_back('-');
    } else if (c != '.') {
      digits.push_back(c);
    }
  }
  int exp = 0;
  std::string_view exp_text = sci.substr(e + 1);
  if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp);
  int point = exp + 1;  // digits before the decimal point
  int count = static_cast<int>(digits.size());
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (point >= count) {
    out += digits;
    out.append(static_cast<size_t>(point - count), '0');
  } else {
    out += digits.substr(0, point);
    out += '.';
    out += digits.substr(point);
  }
  return out;
}

bool IsTrue(const Value* v) {
  if (!v) return false;
  if (v->is_bool()) return v->bool_value();
  if (v->is_string()) return v->str() == "true";
  return false;
}

bool IsFalse(const Value* v) {
  if (!v) return false;
  if (v->is_bool()) return !v->bool_value();
  if (v->is_string()) return v->str() == "false";
  return false;
}

bool IsAbsent(const Value* v) { return v == nullptr || v->is_null(); }

bool IsKnown(const Value* v) { return v == nullptr || v->IsWhollyKnown(); }

Tri Truth(const Value* v) {
  if (IsTrue(v)) return Tri::kTrue;
  if (IsFalse(v) || IsAbsent(v)) return Tri::kFalse;
  return Tri::kUnknown;
}

std::optional<double> NumberOf(const Value* v) {
  if (!v) return std::nullopt;
  if (v->is_number()) return v->number();
  if (v->is_string()) {
    const std::string& s = v->str();
    if (s.empty()) return std::nullopt;
    double d = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), d);
    if (res.ec == std::errc() && res.ptr == s.data() + s.size()) return d;
  }
  return std::nullopt;
}

std::optional<std::string> StringOf(const Value* v) {
  if (!v) return std::nullopt;
  switch (v->kind()) {
    case Value::Kind::kString:
      return v->str();
    case Value::Kind::kNumber:
      return FormatNumber(v->number());
    case Value::Kind::kBool:
      return v->bool_value() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

const Value* Lookup(const Value& root, std::string_view dotted_path) {
  const Value* cur = &root;
  size_t pos = 0;
  while (pos <= dotted_path.size()) {
    size_t dot = dotted_path.find('.', pos);
    std::string_view step =
        dotted_path.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
    if (cur->is_unknown()) return cur;
    if (cur->is_list()) {
      if (cur->items().size() != 1) return nullptr;
      cur = &cur->items()[0];
      if (cur->is_unknown()) return cur;
    }
    const Value* next = cur->Get(step);
    if (!next) {
      // An open object's unlisted attributes exist but are unknown.
      static const Value kUnlisted = Value::Unknown();
      return cur->open() ? &kUnlisted : nullptr;
    }
    cur = next;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return cur;
}

}  // namespace infracheck
