// Standalone JSON documents: ECS task definitions and IAM policies, as the
// resources Terraform would declare for them. Their documents keep the
// exact JSON positions, so findings point into the file.
#include <algorithm>

#include "checker/formats.h"
#include "checker/terraform/functions.h"

namespace infracheck {

namespace {

// "api-task.prod.json" -> "api-task": the resource name, stable across runs.
std::string NameOf(const SourceFile& f) {
  std::string name = std::filesystem::path(f.path()).filename().string();
  if (size_t dot = name.find('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  for (char& c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return name.empty() ? "document" : name;
}

Value Encoded(const Value& structured) {
  return Value::EncodedString(tf::JsonEncode(structured), structured, structured.origin());
}

Resource Make(std::string kind, std::string name, SourceFormat format, Span header, Span block,
              std::vector<Field> fields) {
  Resource r;
  r.address = kind + "." + name;
  r.kind = std::move(kind);
  r.name = std::move(name);
  r.format = format;
  r.header = header;
  r.block = block;
  r.attributes = Value::Object(std::move(fields), block);
  return r;
}

// register-task-definition input keys -> aws_ecs_task_definition arguments.
constexpr std::pair<const char*, const char*> kTaskKeys[] = {
    {"family", "family"},
    {"taskRoleArn", "task_role_arn"},
    {"executionRoleArn", "execution_role_arn"},
    {"networkMode", "network_mode"},
    {"requiresCompatibilities", "requires_compatibilities"},
    {"cpu", "cpu"},
    {"memory", "memory"},
    {"pidMode", "pid_mode"},
    {"ipcMode", "ipc_mode"},
};

Resource TaskDefinition(const Value& doc, const SourceFile& file) {
  const Value* td = &doc;
  if (const Value* inner = doc.Get("taskDefinition"); inner && inner->is_object()) td = inner;
  std::vector<Field> fields;
  Span block = td->origin();
  Span header = block.FirstLine();
  if (td->is_list()) {
    fields.push_back(Field{"container_definitions", Encoded(*td), {}});
  } else {
    for (const auto& [from, to] : kTaskKeys) {
      if (const Field* f = td->GetField(from)) {
        Value v = f->value;
        // The API takes cpu/memory as strings or numbers; Terraform as strings.
        if ((std::string_view(to) == "cpu" || std::string_view(to) == "memory") && v.is_number()) {
          v = Value::String(FormatNumber(v.number()), v.origin());
        }
        fields.push_back(Field{to, v, f->key_span});
      }
    }
    if (const Field* f = td->GetField("family"))
      header = Span::Cover(f->key_span, f->value.origin());
    if (const Field* cd = td->GetField("containerDefinitions")) {
      fields.push_back(Field{"container_definitions", Encoded(cd->value), cd->key_span});
    }
  }
  return Make("aws_ecs_task_definition", NameOf(file), SourceFormat::kTaskDefinition, header, block,
              std::move(fields));
}

bool AssumesRole(const Value& statement) {
  if (!statement.is_object() || !statement.Get("Principal")) return false;
  const Value* action = statement.Get("Action");
  if (!action) return false;
  auto is_assume = [](const Value& a) {
    return a.is_string() && a.str().starts_with("sts:AssumeRole");
  };
  if (action->is_list())
    return std::any_of(action->items().begin(), action->items().end(), is_assume);
  return is_assume(*action);
}

Resource Policy(const Value& doc, const SourceFile& file) {
  const Value* st = doc.Get("Statement");
  bool trust = false;
  if (st && st->is_list()) {
    trust =
        !st->items().empty() && std::all_of(st->items().begin(), st->items().end(), AssumesRole);
  } else if (st) {
    trust = AssumesRole(*st);
  }
  Span block = doc.origin();
  Span header = block.FirstLine();
  if (const Field* s = doc.GetField("Statement")) header = s->key_span;
  if (trust) {
    return Make("aws_iam_role", NameOf(file), SourceFormat::kIamPolicy, header, block,
                {Field{"assume_role_policy", Encoded(doc), {}}});
  }
  return Make("aws_iam_policy", NameOf(file), SourceFormat::kIamPolicy, header, block,
              {Field{"policy", Encoded(doc), {}}});
}

}  // namespace

FormatResult DocumentResources(const std::vector<const Input*>& inputs,
                               const std::set<const SourceFile*>& read_by_terraform) {
  FormatResult out;
  std::set<std::string> taken;
  for (const Input* in : inputs) {
    if (!in->json || !in->source || read_by_terraform.count(in->source)) continue;
    Resource r;
    if (in->json_kind == JsonKind::kTaskDefinition) {
      r = TaskDefinition(*in->json, *in->source);
    } else if (in->json_kind == JsonKind::kIamPolicy) {
      r = Policy(*in->json, *in->source);
    } else {
      continue;
    }
    // Two files with one name in different directories: number the later.
    std::string base = r.name;
    for (int i = 2; taken.count(r.address); ++i) {
      r.name = base + "_" + std::to_string(i);
      r.address = r.kind + "." + r.name;
    }
    taken.insert(r.address);
    out.resources.push_back(std::move(r));
  }
  return out;
}

}  // namespace infracheck
