#include "checker/terraform/config.h"

#include <algorithm>
#include <unordered_set>

#include "model/bytes.h"

namespace infracheck::tf {

namespace {

std::string Quote(std::string_view s) {
  std::string out(1, '"');
  out.append(s);
  out.push_back('"');
  return out;
}

template <class T>
const T* FindByName(const std::vector<T>& sorted, std::string_view name) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const T& x, std::string_view n) { return bytes::Less(x.name, n); });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

template <class T>
void SortByName(std::vector<T>& v) {
  std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return bytes::Less(a.name, b.name); });
}

}  // namespace

std::optional<std::string> LiteralString(const hcl::Expr* e) {
  if (!e) return std::nullopt;
  if (e->kind == hcl::ExprKind::kLiteral) {
    const auto* l = static_cast<const hcl::LiteralExpr*>(e);
    if (l->type == hcl::LiteralExpr::Type::kString) return std::string(l->string());
  }
  if (e->kind == hcl::ExprKind::kTemplate) {
    const auto* t = static_cast<const hcl::TemplateExpr*>(e);
    std::string out;
    for (const auto& p : t->parts) {
      if (p.kind != hcl::TemplatePart::Kind::kLiteral) return std::nullopt;
      out += p.text;
    }
    return out;
  }
  return std::nullopt;
}

const ResourceDecl* ModuleConfig::FindResource(std::string_view key) const {
  auto it = resource_index.find(key);
  return it == resource_index.end() ? nullptr : &resources[it->second];
}

const Variable* ModuleConfig::FindVariable(std::string_view name) const {
  return FindByName(variables, name);
}

const Local* ModuleConfig::FindLocal(std::string_view name) const {
  return FindByName(locals, name);
}

std::unique_ptr<ModuleConfig> BuildModuleConfig(std::string dir, std::string display_dir,
                                                std::vector<const hcl::File*> files) {
  auto m = std::make_unique<ModuleConfig>();
  m->dir = std::move(dir);
  m->display_dir = std::move(display_dir);
  m->files = std::move(files);
  auto dup = [&](Span at, const std::string& what) {
    m->diagnostics.push_back(DiagnosticAt(at, what + " is declared more than once"));
  };
  // The first declaration of a name is kept; later ones are reported.
  std::unordered_set<std::string_view> variable_names, local_names;
  std::unordered_set<std::string> resource_keys;
  for (const hcl::File* f : m->files) {
    if (!f->body) continue;
    for (const hcl::Block* b : f->body->blocks()) {
      const auto labels = b->labels();
      if (b->type() == "variable" && labels.size() == 1) {
        Variable v;
        v.name = labels[0].value();
        v.block = b;
        if (const hcl::Attribute* d = b->body->Find("default")) {
          v.default_index = static_cast<uint32_t>(d - b->body->attributes.data());
        }
        if (const auto* a = b->body->Find("type")) {
          if (auto t = ParseType(a->expr)) {
            v.type = t.get();
            // A shared type (a primitive, a collection of one) outlives the
            // module; any other is this declaration's alone.
            if (t.use_count() == 1) m->own_types.push_back(std::move(t));
          }
        }
        if (const auto* a = b->body->Find("nullable")) {
          if (a->expr->kind == hcl::ExprKind::kLiteral) {
            const auto* lit = static_cast<const hcl::LiteralExpr*>(a->expr);
            if (lit->type == hcl::LiteralExpr::Type::kBool) v.nullable = lit->boolean;
          }
        }
        if (variable_names.insert(v.name).second) {
          m->variables.push_back(v);
        } else {
          dup(b->header(), "variable " + Quote(v.name));
        }
      } else if (b->type() == "locals") {
        for (const hcl::Attribute& a : b->body->attributes) {
          if (local_names.insert(a.name()).second) {
            m->locals.push_back(Local{a.name(), &a});
          } else {
            dup(a.name_span(), "local." + std::string(a.name()));
          }
        }
      } else if ((b->type() == "resource" || b->type() == "data") && labels.size() == 2) {
        ResourceDecl r;
        r.mode = b->type() == "data" ? ResourceMode::kData : ResourceMode::kManaged;
        r.type = labels[0].value();
        r.name = labels[1].value();
        r.block = b;
        if (const auto* a = b->body->Find("count")) r.count = a->expr;
        if (const auto* a = b->body->Find("for_each")) r.for_each = a->expr;
        r.key = (r.mode == ResourceMode::kData ? "data." : "") + std::string(r.type) + "." +
                std::string(r.name);
        if (!resource_keys.insert(r.key).second) {
          dup(b->header(), r.key);
          continue;
        }
        m->resources.push_back(std::move(r));
      } else if (b->type() == "module" && labels.size() == 1) {
        ModuleCall c;
        c.name = labels[0].value();
        c.block = b;
        if (const auto* a = b->body->Find("source")) {
          c.source = LiteralString(a->expr).value_or("");
          c.source_span = a->expr->span;
        }
        if (const auto* a = b->body->Find("count")) c.count = a->expr;
        if (const auto* a = b->body->Find("for_each")) c.for_each = a->expr;
        c.local = c.source.rfind("./", 0) == 0 || c.source.rfind("../", 0) == 0;
        if (!m->calls.emplace(c.name, c).second) dup(b->header(), "module " + Quote(c.name));
      } else if (b->type() == "output" && labels.size() == 1) {
        Output o;
        o.name = labels[0].value();
        o.block = b;
        if (const auto* a = b->body->Find("value")) o.value = a->expr;
        if (!m->outputs.emplace(o.name, o).second) dup(b->header(), "output " + Quote(o.name));
      } else if (b->type() == "provider") {
        m->providers.push_back(b);
      } else if (b->type() == "terraform") {
        for (const hcl::Block* inner : b->body->blocks()) {
          if (inner->type() == "backend" && inner->labels().size() == 1) {
            m->backend = Backend{std::string(inner->labels()[0].value()), inner};
          } else if (inner->type() == "cloud") {
            m->has_cloud_block = true;
          }
        }
      }
    }
  }
  // Indexed once the list is complete: the keys are views of its strings.
  for (size_t i = 0; i < m->resources.size(); ++i) {
    m->resource_index.emplace(m->resources[i].key, i);
  }
  SortByName(m->variables);
  SortByName(m->locals);
  m->variables.shrink_to_fit();
  m->locals.shrink_to_fit();
  m->variable_verdicts = std::make_unique<std::atomic<ConfigVerdict>[]>(m->variables.size());
  m->variable_uses = std::make_unique<std::atomic<VariableUse>[]>(m->variables.size());
  return m;
}

}  // namespace infracheck::tf
