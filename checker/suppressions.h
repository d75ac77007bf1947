// Inline suppressions: `# infracheck:ignore RULE-ID[,RULE-ID...] [until=DATE] -- reason`
// comments (and the `checkov:skip`, `tfsec:ignore` and `trivy:ignore` comments
// teams bring along), where each one sits, and which findings it covers.
// docs/suppressions.md is the user-facing description of these rules.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/finding.h"
#include "infracheck/graph.h"
#include "infracheck/rule.h"
#include "parsers/hcl/syntax.h"

namespace infracheck {

namespace tf {
struct ModuleConfig;
}

/// One suppression comment, as parsed.
struct Suppression {
  enum class Syntax : uint8_t { kInfracheck, kCheckov, kTfsec, kTrivy };
  Syntax syntax = Syntax::kInfracheck;
  std::vector<std::string> ids;  ///< rule IDs as written (ours, or the peer tool's)
  std::string reason;            ///< after `--` (or checkov's second `:`); may be empty
  std::string until;             ///< YYYY-MM-DD, inclusive; empty: no expiry
  std::string problem;           ///< why it is malformed (bad date, no rule named); empty if fine
  Span comment;                  ///< the comment it was read from
};

/// "infracheck:ignore", "checkov:skip", "tfsec:ignore" or "trivy:ignore".
std::string_view SyntaxName(Suppression::Syntax s);

/// Reads the suppressions in one comment's text (markers included). An
/// `infracheck:ignore` must open the comment; the peers' forms are found
/// anywhere in it, as those tools find them. Returns none for other comments.
std::vector<Suppression> ParseSuppressions(std::string_view comment);

/// Whether a YYYY-MM-DD string is a real calendar date.
bool ValidDate(std::string_view date);
/// Today as YYYY-MM-DD (UTC), or $INFRACHECK_TODAY when set (reproducible runs).
std::string Today();

/// What a suppression sits on, by its place in the file.
struct Placement {
  enum class Kind : uint8_t {
    kNone,        ///< not above or at the end of a block or attribute: covers nothing
    kResource,    ///< a resource or data block: that resource's findings
    kModuleCall,  ///< a module block: every finding inside that call
    kSpan,        ///< anything else: findings located (or whose value comes from) inside it
  };
  Kind kind = Kind::kNone;
  Span target;                     ///< the block or attribute
  Span enclosing;                  ///< the top-level block around the target (for kSpan), if any
  bool enclosing_is_call = false;  ///< that top-level block is a module call
};

/// Places the suppressions of one file. It indexes the file once, so that
/// placing every comment of a file costs about the file's size, however
/// many comments and blocks it has.
class Placer {
 public:
  /// For an HCL file: on its own line(s) a comment covers the block or
  /// attribute starting on the next line (stacked comment lines are
  /// skipped); at the end of a line, the block or attribute starting on
  /// that line, else the one ending there. checkov:skip applies to the
  /// resource, data or module block it sits in, anywhere inside it.
  explicit Placer(const hcl::File& file);
  /// For files without an HCL syntax tree (TypeScript...): the line below an
  /// own-line comment, or the comment's own line.
  explicit Placer(const SourceFile& file);

  Placement Place(const Suppression& s) const;

 private:
  struct Element {
    Span span;
    uint32_t first_line = 0, last_line = 0;
    const hcl::Block* top = nullptr;  ///< the top-level block it is in (or is)
    bool is_top = false;
  };
  void Collect(const hcl::Body* body, const hcl::Block* top);
  void IndexLines();
  Placement PlacementOf(const Element& e) const;
  /// The first line after a comment and any comment lines stacked below it.
  uint32_t LineBelow(Span comment) const;

  const SourceFile& file_;
  bool hcl_ = false;
  std::vector<Element> elems_;  ///< in source order, each block before what it holds
  std::vector<size_t> tops_;    ///< the top-level blocks, in source order
  std::map<uint32_t, std::vector<size_t>> by_first_line_, by_last_line_;
  /// Per line (1-based): the first line at or below it that is not only a comment.
  std::vector<uint32_t> below_;
};

/// Placer(file).Place(s), for one suppression.
Placement PlaceInHcl(const hcl::File& file, const Suppression& s);
Placement PlaceByLine(const SourceFile& file, const Suppression& s);

/// The module call blocks a resource sits inside, outermost first, found by
/// walking `module_path` ("module.a[\"k\"].module.b") down from `root`.
std::vector<const hcl::Block*> CallChain(const tf::ModuleConfig* root,
                                         std::string_view module_path);

/// The module call names in a module path, in order ("module.a[0].module.b" -> a, b).
std::vector<std::string> ModulePathNames(std::string_view module_path);

/// Every suppression of a project, placed, with what it covered.
class SuppressionSet {
 public:
  /// `today` decides expiry; `known` is every rule a suppression may name.
  SuppressionSet(std::string today, std::span<const Rule* const> known);

  /// Adds the suppressions in an HCL file's comments.
  void AddHcl(const hcl::File& file);
  /// Adds the suppressions in a file no HCL tree was built for (line-based).
  void AddText(const SourceFile& file);

  /// Marks `f` suppressed when a suppression covers it (`g` is the graph it
  /// was found in, `root` that graph's root module). An expired or reasonless
  /// suppression that would have covered it adds a related location saying so.
  void Apply(Finding& f, const Graph& g, const tf::ModuleConfig* root);
  /// Records that `rule` was run on `r`, so a suppression covering `r` that
  /// suppressed nothing can be called unused.
  void NoteChecked(const Rule& rule, const Resource& r, const Graph& g,
                   const tf::ModuleConfig* root);

  /// Problems to report: malformed, misplaced, reasonless, expired, unknown
  /// rules, and (ruff RUF100-style) `infracheck:ignore` IDs that suppressed
  /// nothing although their rule ran where they point. Only those in files
  /// `include` accepts; sorted by place.
  std::vector<Diagnostic> Problems(const std::function<bool(const SourceFile&)>& include) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Suppression s;
    Placement where;
    std::vector<std::vector<const Rule*>> named;  ///< per ID: the rules it names
    std::vector<bool> used;                       ///< per ID: suppressed at least one finding
    std::vector<bool> checked;                    ///< per ID: its rule ran on what the entry covers
    bool expired = false;
  };
  bool CoversResource(const Entry& e, const Resource& r, const Graph& g,
                      const tf::ModuleConfig* root) const;
  bool CoversFinding(const Entry& e, const Finding& f, const Resource* r, const Graph& g,
                     const tf::ModuleConfig* root) const;
  void Add(Suppression s, Placement where);

  std::string today_;
  std::span<const Rule* const> known_;
  std::vector<Entry> entries_;
  /// The suppressions (entry, ID index) that may cover `r` or a finding at
  /// `files`, for `rule`, in the order they were read.
  std::vector<std::pair<size_t, size_t>> Candidates(std::string_view rule, const Resource* r,
                                                    const tf::ModuleConfig* root,
                                                    std::vector<const SourceFile*> files,
                                                    bool loose) const;

  using Refs = std::vector<std::pair<size_t, size_t>>;  ///< (entry, ID index)
  /// (rule ID, file of the target) -> the suppressions there naming the rule.
  std::map<std::pair<std::string, const SourceFile*>, Refs> by_place_;
  /// Rule ID -> suppressions on declarations outside resources and calls.
  std::map<std::string, Refs, std::less<>> loose_;
  std::set<std::string, std::less<>> rules_;  ///< every rule some suppression names
};

}  // namespace infracheck
