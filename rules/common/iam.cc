#include "rules/common/iam.h"

#include <algorithm>

#include "rules/common/memo.h"

namespace infracheck::rules {

namespace {

char Fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualFold(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Fold(x) == Fold(y); });
}

// Splits an Action/Resource value into its known string elements.
void Elements(const Value* v, std::vector<const Value*>& out, bool& unknown) {
  if (!v || v->is_null()) return;
  if (v->is_string()) {
    out.push_back(v);
  } else if (v->is_list()) {
    for (const Value& item : v->items()) {
      if (item.is_string()) {
        out.push_back(&item);
      } else if (item.is_unknown()) {
        unknown = true;
      }
    }
  } else if (v->is_unknown()) {
    unknown = true;
  }
}

const Value* Field(const Value& obj, std::string_view key) {
  // Policy element names are case-sensitive in IAM, but be lenient with
  // hand-written JSON ("action"): the first match in either spelling.
  if (const Value* v = obj.Get(key)) return v;
  if (!obj.is_object()) return nullptr;
  for (const ::infracheck::Field& f : obj.fields()) {
    if (EqualFold(f.key, key)) return &f.value;
  }
  return nullptr;
}

}  // namespace

std::vector<PolicyDoc> IdentityPolicies(const Graph& g, const Resource& r) {
  std::vector<PolicyDoc> out;
  auto add = [&](std::string path) {
    if (const Value* d = g.Document(r, path)) out.push_back(PolicyDoc{std::move(path), d});
  };
  if (r.kind == "aws_iam_policy_document") {
    if (r.mode == ResourceMode::kData) add("json");
  } else if (r.kind == "aws_iam_role") {
    const Value* blocks = r.Get("inline_policy");
    if (blocks && blocks->is_list()) {
      for (size_t i = 0; i < blocks->items().size(); ++i) {
        add("inline_policy." + std::to_string(i) + ".policy");
      }
    }
  } else if (r.mode == ResourceMode::kManaged) {
    add("policy");
  }
  return out;
}

std::vector<AllowStatement> AllowStatements(const PolicyDoc& doc) {
  std::vector<AllowStatement> out;
  if (!doc.document || !doc.document->is_object()) return out;
  const Value* statements = Field(*doc.document, "Statement");
  if (!statements) return out;
  std::vector<const Value*> list;
  if (statements->is_object()) {
    list.push_back(statements);
  } else if (statements->is_list()) {
    for (const Value& s : statements->items()) list.push_back(&s);
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const Value& st = *list[i];
    if (!st.is_object()) continue;
    const Value* effect = Field(st, "Effect");
    if (!effect || !effect->is_string() || !EqualFold(effect->str(), "Allow")) continue;
    if (Field(st, "Principal") || Field(st, "NotPrincipal")) continue;
    AllowStatement a;
    a.statement = &st;
    std::string id = std::to_string(i);
    if (const Value* sid = Field(st, "Sid"); sid && sid->is_string() && !sid->str().empty()) {
      id = sid->str();
    }
    a.path = doc.path + ".Statement." + id;
    Elements(Field(st, "Action"), a.actions, a.actions_unknown);
    a.not_action = Field(st, "NotAction");
    a.has_not_action = a.not_action && !a.not_action->is_null();
    Elements(a.not_action, a.not_actions, a.actions_unknown);
    Elements(Field(st, "Resource"), a.resources, a.resources_unknown);
    a.not_resource = Field(st, "NotResource");
    a.has_not_resource = a.not_resource && !a.not_resource->is_null();
    a.condition = Field(st, "Condition");
    out.push_back(std::move(a));
  }
  return out;
}

const Value* WildcardResource(const AllowStatement& s) {
  for (const Value* r : s.resources) {
    if (r->str() == "*") return r;
  }
  return s.has_not_resource ? s.not_resource : nullptr;
}

bool PatternsOverlap(std::string_view a, std::string_view b) {
  // Both sides may hold wildcards: dynamic programming over positions.
  if (a.size() > 256 || b.size() > 256) return false;
  size_t n = a.size(), m = b.size();
  // Before the first `*` of either side the two align character by
  // character, as they do after the last `*` counted from the end: a
  // difference there rules out a common string. Most pairs (an action
  // against a table of hundreds) differ in the service name.
  auto clash = [](char x, char y) { return x != '?' && y != '?' && Fold(x) != Fold(y); };
  for (size_t i = 0; i < n && i < m && a[i] != '*' && b[i] != '*'; ++i) {
    if (clash(a[i], b[i])) return false;
  }
  for (size_t k = 1; k <= n && k <= m && a[n - k] != '*' && b[m - k] != '*'; ++k) {
    if (clash(a[n - k], b[m - k])) return false;
  }
  // can[i * (m + 1) + j]: a[i:] and b[j:] can match a common string.
  std::vector<char> can((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> char& { return can[i * (m + 1) + j]; };
  at(n, m) = 1;
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = m + 1; j-- > 0;) {
      if (i == n && j == m) continue;
      bool r = false;
      if (i < n && a[i] == '*') r = at(i + 1, j) || (j < m && at(i, j + 1));
      if (!r && j < m && b[j] == '*') r = at(i, j + 1) || (i < n && at(i + 1, j));
      if (!r && i < n && j < m && a[i] != '*' && b[j] != '*' && !clash(a[i], b[j])) {
        r = at(i + 1, j + 1);
      }
      at(i, j) = r;
    }
  }
  return at(0, 0);
}

bool IsAllActions(std::string_view action) { return action == "*" || action == "*:*"; }

bool IsServiceWildcard(std::string_view action) {
  size_t colon = action.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (action.substr(colon + 1) != "*") return false;
  std::string_view service = action.substr(0, colon);
  return std::all_of(service.begin(), service.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsStarOnlyAction(std::string_view action) {
  for (std::string_view entry : StarOnlyActions()) {
    if (EqualFold(entry, action)) return true;
    // A table entry with a wildcard (ec2:Describe*) covers the concrete
    // actions it matches.
    if (entry.find('*') != std::string_view::npos &&
        action.find_first_of("*?") == std::string_view::npos && PatternsOverlap(entry, action)) {
      return true;
    }
  }
  return false;
}

namespace {

bool ComputeIsSensitiveAction(std::string_view action) {
  if (IsStarOnlyAction(action)) return false;
  for (std::string_view entry : SensitiveActions()) {
    if (PatternsOverlap(entry, action)) return true;
  }
  return false;
}

}  // namespace

bool IsSensitiveAction(std::string_view action) {
  // Each answer matches the action against hundreds of table entries, and
  // the same policies come back in every environment.
  return MemoizedPerThread<ComputeIsSensitiveAction, 4096>(action);
}

bool ScopesResources(const Value* condition) {
  if (!condition || !condition->is_object()) return false;
  for (const ::infracheck::Field& op : condition->fields()) {
    if (!op.value.is_object()) continue;
    for (const ::infracheck::Field& key : op.value.fields()) {
      std::string k;
      for (char c : key.key) k.push_back(Fold(c));
      if (k.find(":resourcetag/") != std::string::npos || k == "aws:resourceaccount" ||
          k == "aws:resourceorgid" || k == "aws:resourceorgpaths") {
        return true;
      }
    }
  }
  return false;
}

bool IsAdministratorAccessArn(std::string_view arn) {
  // arn:<partition>:iam::aws:policy/AdministratorAccess
  if (!arn.starts_with("arn:")) return false;
  size_t p = arn.find(':', 4);
  if (p == std::string_view::npos) return false;
  return arn.substr(p) == ":iam::aws:policy/AdministratorAccess";
}

}  // namespace infracheck::rules
