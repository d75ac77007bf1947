// Everything said about a rule is generated from its metadata: `explain`,
// `--list-rules`, SARIF rule descriptors and the pages in docs/rules/.
#pragma once

#include <span>
#include <string>

#include "infracheck/rule.h"

namespace infracheck {

/// Where a rule's documentation page is published.
std::string HelpUri(const Rule& rule);
/// `infracheck explain RULE-ID`.
std::string ExplainText(const Rule& rule);
/// `--list-rules` as a table.
std::string RulesText(std::span<const Rule* const> rules);
/// `--list-rules --format json` (the contract's schema).
std::string RulesJson(std::span<const Rule* const> rules);
/// The project's home page (SARIF tool.driver.informationUri).
std::string InformationUri();
/// A rule's help in Markdown, as its docs page has it without the title
/// (SARIF help.markdown); ExplainText is the plain-text help.
std::string RuleHelpMarkdown(const Rule& rule);
/// docs/rules/<id>.md.
std::string RuleMarkdown(const Rule& rule);
/// docs/rules/README.md: the catalogue as a table.
std::string RulesIndexMarkdown(std::span<const Rule* const> rules);
/// Writes every page into `dir`; returns false (with `error`) on failure.
bool WriteRuleDocs(const std::string& dir, std::span<const Rule* const> rules, std::string* error);

}  // namespace infracheck
