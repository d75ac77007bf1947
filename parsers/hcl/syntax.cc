// The syntax layer's few out-of-line definitions.
#include "parsers/hcl/syntax.h"

#include <algorithm>

namespace infracheck::hcl {

void Arena::Reserve(size_t text_bytes) {
  // About six bytes of nodes per byte of text; more blocks follow if needed.
  first_block_ = std::clamp<size_t>(text_bytes * 6, 512, size_t{256} * 1024);
}

void* Arena::Allocate(size_t size, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  if (left_ < size + pad) {
    // Later blocks double from the first, up to 64 KB (or the first's size).
    size_t grow = blocks_.empty()
                      ? first_block_
                      : std::max(first_block_, std::min<size_t>(size_t{64} * 1024,
                                                                size_t{2048} << blocks_.size()));
    size_t block = std::max<size_t>(grow, size + align);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block));
    next_ = blocks_.back().get();
    left_ = block;
    pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  }
  char* p = next_ + pad;
  next_ = p + size;
  left_ -= size + pad;
  return p;
}

std::string_view Arena::Copy(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(Allocate(s.size(), 1));
  std::copy(s.begin(), s.end(), p);
  return std::string_view(p, s.size());
}

Value LiteralExpr::value() const {
  switch (type) {
    case Type::kNull:
      return Value::Null(span);
    case Type::kBool:
      return Value::Bool(boolean, span);
    case Type::kNumber:
      return Value::Number(number, span);
    case Type::kString:
      return Value::String(std::string(string), span);
    case Type::kUnknown:
      break;
  }
  return Value::Unknown(span);
}

const Attribute* Body::Find(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::string_view BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kAnd:
      return "&&";
    case BinaryOp::kOr:
      return "||";
  }
  return "?";
}

}  // namespace infracheck::hcl
