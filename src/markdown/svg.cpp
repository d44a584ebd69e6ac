#include "markdown/svg.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <new>
#include <set>

namespace kc::markdown {
namespace {

constexpr const char* kSvgNamespace = "http://www.w3.org/2000/svg";
// Deeper than any real diagram; keeps the recursive walk's stack small whatever the input.
constexpr int kMaxDepth = 32;

// No DTD is loaded, no entity substituted, nothing fetched; errors are collected, not printed.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

const std::set<std::string, std::less<>> kElements = {
    "g",       "path", "rect",  "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "title",  "desc",    "defs", "marker",
};
// Elements whose text is shown or read out; text anywhere else is an authoring mistake.
const std::set<std::string, std::less<>> kTextElements = {"text", "tspan", "title", "desc"};

// clang-format off
const std::set<std::string, std::less<>> kAttributes = {
    // geometry
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d", "points", "dx", "dy",
    "rotate", "textLength", "lengthAdjust", "pathLength", "viewBox", "preserveAspectRatio", "transform",
    // markers
    "markerWidth", "markerHeight", "refX", "refY", "orient", "markerUnits",
    // presentation
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity", "color",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "marker-start",
    "marker-mid", "marker-end", "vector-effect", "paint-order", "shape-rendering", "visibility",
    // identity (prefixed on output)
    "id",
};
// clang-format on

// libxml2 keeps global state (its dictionaries, the entity loader): set it up once, before
// any thread parses. Returning no input for every external entity means none is ever read.
xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

void initialise_libxml2() {
  static const bool initialised = [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external_entity);
    return true;
  }();
  (void)initialised;
}

// libxml2 reports every error as it parses and keeps only the last, which after a
// mismatched tag is a "premature end" at the end of the file: keep the first instead.
struct FirstError {
  bool seen = false;
  int line = 1;
  std::string message;
};
thread_local FirstError* first_error = nullptr;

void keep_first_error(void*, xmlErrorPtr error) {
  if (first_error == nullptr || first_error->seen || error == nullptr) return;
  first_error->seen = true;
  first_error->line = error->line > 0 ? error->line : 1;
  first_error->message = error->message != nullptr ? error->message : "not well-formed";
  while (!first_error->message.empty() && (first_error->message.back() == '\n' || first_error->message.back() == ' ')) {
    first_error->message.pop_back();
  }
}

struct ParserContextFree {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};
struct DocumentFree {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
struct XmlStringFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

std::string text_of(const xmlChar* text) {
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

bool is_id(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void escape(std::string_view text, bool attribute, std::string& out) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      default:
        out += c;
    }
  }
}

// Runs of XML white space become one space (how SVG shows text anyway).
std::string collapse_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (space) out += ' ';
  return out;
}

class Sanitiser {
 public:
  Sanitiser(xmlDoc* document, const SvgOptions& options, std::vector<SvgProblem>& problems)
      : document_(document), options_(options), problems_(problems) {}

  std::string root(xmlNode* svg) {
    std::string attributes;
    bool has_view_box = false;
    for (xmlAttr* attribute = svg->properties; attribute != nullptr; attribute = attribute->next) {
      const std::string name = text_of(attribute->name);
      if (attribute->ns == nullptr && (name == "width" || name == "height")) {
        problem(svg, "the root <svg> must not set '" + name + "': its viewBox lets it scale to the screen");
        continue;
      }
      has_view_box = has_view_box || (attribute->ns == nullptr && name == "viewBox");
      write_attribute(svg, attribute, attributes);
    }
    if (!has_view_box) problem(svg, "the root <svg> needs a viewBox (e.g. viewBox=\"0 0 360 240\")");

    const std::string title_id = options_.id_prefix + "title";
    std::string title;
    if (!options_.title.empty()) {
      title = "<title id=\"" + title_id + "\">";
      escape(collapse_space(options_.title), false, title);
      title += "</title>";
    }
    std::string body;
    for (xmlNode* child = svg->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && is_svg(child) && text_of(child->name) == "title") {
        // The page's alt text names the diagram; else the file's first top-level title.
        if (title.empty()) title = "<title id=\"" + title_id + "\">" + children(child, 1) + "</title>";
        continue;
      }
      node(child, 1, body);
    }
    // Unnamed (no alt text, no title: kc check refuses an image without alt text), it
    // points at no title that is not there.
    const std::string named = title.empty() ? "" : " aria-labelledby=\"" + title_id + "\"";
    return "<svg" + attributes + " class=\"diagram\" role=\"img\"" + named + ">" + title + body + "</svg>";
  }

 private:
  static bool is_svg(const xmlNode* element) {
    return element->ns != nullptr && text_of(element->ns->href) == kSvgNamespace;
  }

  void problem(const xmlNode* at, std::string message) {
    long line = at == nullptr ? 1 : xmlGetLineNo(at);
    // A text node carries the line it ends on: step back to its first visible character.
    if (at != nullptr && at->type == XML_TEXT_NODE) {
      const std::string text = text_of(at->content);
      const auto first = text.find_first_not_of(" \t\r\n");
      if (first != std::string::npos)
        line -= std::count(text.begin() + static_cast<std::ptrdiff_t>(first), text.end(), '\n');
    }
    problems_.push_back({line > 0 && line < INT_MAX ? static_cast<int>(line) : 1, std::move(message)});
  }

  std::string children(xmlNode* parent, int depth) {
    std::string out;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) node(child, depth, out);
    return out;
  }

  void node(xmlNode* at, int depth, std::string& out) {
    switch (at->type) {
      case XML_ELEMENT_NODE:
        element(at, depth, out);
        return;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: {
        const std::string text = collapse_space(text_of(at->content));
        const bool shown = at->parent != nullptr && kTextElements.count(text_of(at->parent->name)) > 0;
        if (shown) {
          escape(text, false, out);
        } else if (text != " " && !text.empty()) {
          problem(at, "text outside <text> is not shown: put it in a <text> element");
        }
        return;
      }
      case XML_COMMENT_NODE:
        return;
      case XML_PI_NODE:
        problem(at, "processing instruction '<?" + text_of(at->name) + "' is not allowed");
        return;
      case XML_ENTITY_REF_NODE:
        problem(at, "entity reference '&" + text_of(at->name) + ";' is not allowed");
        return;
      default:
        problem(at, "unexpected XML node (type " + std::to_string(static_cast<int>(at->type)) + ")");
    }
  }

  void element(xmlNode* at, int depth, std::string& out) {
    const std::string name = text_of(at->name);
    const std::string shown_name =
        at->ns != nullptr && at->ns->prefix != nullptr ? text_of(at->ns->prefix) + ":" + name : name;
    if (!is_svg(at) || kElements.count(name) == 0) {
      problem(at, "element <" + shown_name + "> is not allowed (dropped with its content)");
      return;
    }
    if (depth >= kMaxDepth) {
      problem(at, "elements are nested too deep (over " + std::to_string(kMaxDepth) + ")");
      return;
    }
    out += "<" + name;
    for (xmlAttr* attribute = at->properties; attribute != nullptr; attribute = attribute->next) {
      write_attribute(at, attribute, out);
    }
    out += ">" + children(at, depth + 1) + "</" + name + ">";
  }

  void write_attribute(xmlNode* owner, xmlAttr* attribute, std::string& out) {
    const std::string name = text_of(attribute->name);
    const std::unique_ptr<xmlChar, XmlStringFree> raw(xmlNodeListGetString(document_, attribute->children, 1));
    const std::string value = text_of(raw.get());
    if (attribute->ns != nullptr) {
      const std::string prefix = attribute->ns->prefix != nullptr ? text_of(attribute->ns->prefix) + ":" : "";
      problem(owner, "attribute '" + prefix + name + "' is not allowed");
      return;
    }
    if (lower(name).rfind("on", 0) == 0) {
      problem(owner, "event handler attribute '" + name + "' is not allowed");
      return;
    }
    if (kAttributes.count(name) == 0) {
      problem(owner, name == "style" ? "attribute 'style' is not allowed: use presentation attributes (fill=, stroke=…)"
                                     : "attribute '" + name + "' is not allowed");
      return;
    }
    std::string safe;
    if (!rewrite_value(owner, name, value, safe)) return;
    out += " " + name + "=\"";
    escape(safe, true, out);
    out += "\"";
  }

  // Presentation attributes are CSS values: refuse escapes and any url() but url(#id),
  // and prefix ids and the references to them.
  bool rewrite_value(xmlNode* owner, const std::string& name, const std::string& value, std::string& safe) {
    if (name == "id") {
      if (!is_id(value)) {
        problem(owner, "id '" + value + "' must be letters, digits, '-' or '_'");
        return false;
      }
      safe = options_.id_prefix + value;
      return true;
    }
    const std::string folded = lower(value);
    for (const char* scheme : {"javascript:", "vbscript:", "data:", "expression("}) {
      if (folded.find(scheme) != std::string::npos) {
        problem(owner, "attribute '" + name + "' may not contain '" + scheme + "'");
        return false;
      }
    }
    if (value.find('\\') != std::string::npos) {
      problem(owner, "attribute '" + name + "' may not contain '\\'");
      return false;
    }
    std::size_t copied = 0;
    for (std::size_t at = folded.find("url("); at != std::string::npos; at = folded.find("url(", at + 4)) {
      const std::size_t close = value.find(')', at);
      const std::string target = close == std::string::npos ? "" : value.substr(at + 4, close - at - 4);
      if (target.size() < 2 || target.front() != '#' || !is_id(std::string_view(target).substr(1))) {
        problem(owner, "attribute '" + name + "' may only refer to this diagram: url(#id)");
        return false;
      }
      safe += value.substr(copied, at - copied) + "url(#" + options_.id_prefix + target.substr(1) + ")";
      copied = close + 1;
    }
    safe += value.substr(copied);
    return true;
  }

  xmlDoc* document_;
  const SvgOptions& options_;
  std::vector<SvgProblem>& problems_;
};

// The line of the first occurrence of `needle`, or 1.
int line_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return 1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace

SanitisedSvg sanitise_svg(std::string_view svg, const SvgOptions& options) {
  SanitisedSvg result;
  auto& problems = result.problems;
  if (svg.size() > kMaxSvgBytes) {
    problems.push_back({1, "the diagram is over " + std::to_string(kMaxSvgBytes / 1024) + " KiB: simplify it"});
    return result;
  }
  initialise_libxml2();
  const std::unique_ptr<xmlParserCtxt, ParserContextFree> context(xmlNewParserCtxt());
  if (!context || context->sax == nullptr) throw std::bad_alloc();
  context->sax->serror = keep_first_error;
  FirstError error;
  first_error = &error;
  const std::unique_ptr<xmlDoc, DocumentFree> document(xmlCtxtReadMemory(
      context.get(), svg.data(), static_cast<int>(svg.size()), "diagram.svg", "UTF-8", kParseOptions));
  first_error = nullptr;
  if (!document || !context->wellFormed) {
    problems.push_back({error.line, "not valid XML: " + (error.seen ? error.message : std::string("not well-formed"))});
    return result;
  }
  // A DOCTYPE is how entities get declared (entity expansion, external entities): a
  // diagram never needs one, so the whole file is refused.
  if (document->intSubset != nullptr || document->extSubset != nullptr) {
    problems.push_back({line_of(svg, "<!DOCTYPE"), "a DOCTYPE is not allowed in a diagram (it can declare entities)"});
    return result;
  }
  xmlNode* root = xmlDocGetRootElement(document.get());
  if (root == nullptr || text_of(root->name) != "svg" || root->ns == nullptr ||
      text_of(root->ns->href) != kSvgNamespace) {
    problems.push_back({root == nullptr ? 1 : static_cast<int>(std::max(1L, xmlGetLineNo(root))),
                        "the root element must be <svg xmlns=\"http://www.w3.org/2000/svg\">"});
    return result;
  }
  for (xmlNode* node = document->children; node != nullptr; node = node->next) {
    if (node->type == XML_PI_NODE) {
      problems.push_back({static_cast<int>(std::max(1L, xmlGetLineNo(node))),
                          "processing instruction '<?" + text_of(node->name) + "' is not allowed"});
    }
  }
  Sanitiser sanitiser(document.get(), options, problems);
  result.html = sanitiser.root(root);
  std::stable_sort(problems.begin(), problems.end(),
                   [](const SvgProblem& a, const SvgProblem& b) { return a.line < b.line; });
  return result;
}

}  // namespace kc::markdown
