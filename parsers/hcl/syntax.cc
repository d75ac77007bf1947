// The syntax layer's few out-of-line definitions.
#include "parsers/hcl/syntax.h"

#include <algorithm>

namespace infracheck::hcl {

Arena::~Arena() {
  for (auto it = dtors_.rbegin(); it != dtors_.rend(); ++it) it->destroy(it->object);
}

void* Arena::Allocate(size_t size, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  if (left_ < size + pad) {
    // Small files are the norm: start small, double up to 64 KB.
    size_t grow = blocks_.empty() ? 2048 : std::min<size_t>(64 * 1024, 2048u << blocks_.size());
    size_t block = std::max<size_t>(grow, size + align);
    blocks_.push_back(std::make_unique<char[]>(block));
    next_ = blocks_.back().get();
    left_ = block;
    pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  }
  char* p = next_ + pad;
  next_ = p + size;
  left_ -= size + pad;
  return p;
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
