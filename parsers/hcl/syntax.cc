// The syntax layer's few out-of-line definitions.
#include "parsers/hcl/syntax.h"

#include <algorithm>

namespace infracheck::hcl {

namespace {

constexpr size_t kBlockBytes = size_t{64} * 1024;

// The block the files parsed on this thread allocate from.
struct ThreadBlock {
  std::shared_ptr<char[]> block;
  char* next = nullptr;
  size_t left = 0;
};
thread_local ThreadBlock t_block;

char* Aligned(char* p, size_t align) {
  return p + (align - reinterpret_cast<uintptr_t>(p) % align) % align;
}

}  // namespace

void* Arena::Allocate(size_t size, size_t align) {
  if (size + align > kBlockBytes / 4) {
    // Large: a block of its own, leaving the shared one to small nodes.
    blocks_.push_back(std::make_shared_for_overwrite<char[]>(size + align));
    return Aligned(blocks_.back().get(), align);
  }
  ThreadBlock& t = t_block;
  char* p = t.block ? Aligned(t.next, align) : nullptr;
  if (!p || static_cast<size_t>(p - t.next) + size > t.left) {
    t.block = std::make_shared_for_overwrite<char[]>(kBlockBytes);
    t.next = t.block.get();
    t.left = kBlockBytes;
    p = Aligned(t.next, align);
  }
  if (blocks_.empty() || blocks_.back() != t.block) blocks_.push_back(t.block);
  t.left -= static_cast<size_t>(p + size - t.next);
  t.next = p + size;
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
      return Value::Number(number(), span);
    case Type::kString:
      return Value::String(std::string(string()), span);
    case Type::kUnknown:
      break;
  }
  return Value::Unknown(span);
}

const Attribute* Body::Find(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name() == name) return &a;
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
