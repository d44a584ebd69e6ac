#pragma once
// A guide as the staff form shows it (issue 14), and back: the front-matter fields one
// by one, the Markdown body, and every other front-matter key kept as YAML text so that
// saving a form never drops what it does not show (tags, sources, attachments…). The
// composed file is what `kc ingest` and the staff API read; parse_document() checks it.
// yaml-cpp reads and writes the YAML. Pure; thread-safe; never throws for bad input
// (unreadable YAML in an existing file leaves its fields empty and the text in `extra`).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::content {

struct GuideForm {
  std::string language;
  std::string slug;
  std::string topic;
  std::string title;
  std::string summary;
  std::string countries;  // "BF, ML": a list typed as text, separated by commas
  std::string audience;   // "miners, community"
  std::string published;  // YYYY-MM-DD or ""
  std::string review_by;  // YYYY-MM-DD or ""
  bool draft = false;
  std::string translation_of;      // "en/<slug>": the English original this guide translates, or ""
  std::string other_translations;  // the guide's other translations, "es:<slug> pt:<slug>"
  std::string extra;               // every other front-matter key, as YAML
  std::string body;                // the Markdown after the front matter
};

// The form's view of an existing guide file (`language` and `slug` from its address).
GuideForm form_from_file(const std::string& language, const std::string& slug, std::string_view bytes);

struct ComposedGuide {
  std::string bytes;  // the whole file: front matter, then the body
  int body_line = 1;  // the file line of the body's first line
  // The form field (its name in GuideForm: "title", "countries", "extra"…) written on each
  // file line of the front matter, to show a problem next to what the person typed.
  std::map<int, std::string> field_at_line;
};

// The guide file the form describes. The values are written by yaml-cpp (quoted where
// YAML needs it), so nothing typed in a field can add a key or break the block.
ComposedGuide compose_guide(const GuideForm& form);

// The guide file `bytes` with `file` ("files/<name>.pdf") added to its `attachments:`
// under `title`, every other key kept (the file is composed again, as a form save would).
// The bytes unchanged when the guide already attaches that file; nullopt when its front
// matter cannot be read or its `attachments:` is not a list (the person fixes it by hand).
std::optional<std::string> with_attachment(const std::string& language, const std::string& slug,
                                           std::string_view bytes, const std::string& file,
                                           const std::string& title);

// "BF, ML ,,GN" → {"BF", "ML", "GN"}.
std::vector<std::string> split_list(std::string_view text);

}  // namespace kc::content
