#include "http/multipart.h"

#include <algorithm>
#include <cctype>

#include "http/header_tokens.h"

namespace kc::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 2046 bchars, without the space (a trailing space would be lost by some clients anyway).
bool is_boundary_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("'()+_,-./:=?").find(c) != std::string_view::npos;
}

// A parameter value: a token, or a quoted string with \-escapes. `text` starts at the value;
// `used` receives how many characters it took.
std::string parameter_value(std::string_view text, std::size_t& used) {
  if (text.empty() || text.front() != '"') {
    used = std::min(text.find(';'), text.size());
    return std::string(trim_whitespace(text.substr(0, used)));
  }
  std::string value;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      value += text[++i];
    } else if (text[i] == '"') {
      used = i + 1;
      return value;
    } else {
      value += text[i];
    }
  }
  throw MultipartError("an unterminated quoted parameter");
}

// "form-data; name=\"file\"; filename=\"a.pdf\"" → the part's name and file name.
void read_disposition(std::string_view value, FormPart& part) {
  const std::size_t semicolon = value.find(';');
  if (lower(trim_whitespace(value.substr(0, semicolon))) != "form-data") {
    throw MultipartError("a part that is not form-data");
  }
  std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
  while (!trim_whitespace(rest).empty()) {
    rest = trim_whitespace(rest);
    const std::size_t equals = rest.find('=');
    if (equals == std::string_view::npos) throw MultipartError("a Content-Disposition parameter without a value");
    const std::string key = lower(trim_whitespace(rest.substr(0, equals)));
    std::size_t used = 0;
    const std::string parameter = parameter_value(rest.substr(equals + 1), used);
    if (key == "name") part.name = parameter;
    if (key == "filename") {
      part.filename = parameter;
      part.has_filename = true;
    }
    rest.remove_prefix(std::min(rest.size(), equals + 1 + used));
    rest = trim_whitespace(rest);
    if (!rest.empty()) {
      if (rest.front() != ';') throw MultipartError("a malformed Content-Disposition header");
      rest.remove_prefix(1);
    }
  }
}

// The header block of one part (without its final empty line).
void read_headers(std::string_view block, FormPart& part) {
  bool disposition = false;
  while (!block.empty()) {
    const std::size_t end = std::min(block.find("\r\n"), block.size());
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(std::min(block.size(), end + 2));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) throw MultipartError("a part header without ':'");
    const std::string name = lower(trim_whitespace(line.substr(0, colon)));
    const std::string_view value = trim_whitespace(line.substr(colon + 1));
    if (name == "content-disposition") {
      read_disposition(value, part);
      disposition = true;
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  if (!disposition) throw MultipartError("a part without Content-Disposition");
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  if (semicolon == std::string_view::npos) return std::nullopt;
  if (lower(trim_whitespace(content_type.substr(0, semicolon))) != "multipart/form-data") return std::nullopt;
  std::string_view rest = content_type.substr(semicolon + 1);
  while (!rest.empty()) {
    rest = trim_whitespace(rest);
    const std::size_t equals = rest.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string key = lower(trim_whitespace(rest.substr(0, equals)));
    std::size_t used = 0;
    std::string value;
    try {
      value = parameter_value(rest.substr(equals + 1), used);
    } catch (const MultipartError&) {
      return std::nullopt;
    }
    if (key == "boundary") {
      if (value.empty() || value.size() > 70 || !std::all_of(value.begin(), value.end(), is_boundary_char)) {
        return std::nullopt;
      }
      return value;
    }
    rest.remove_prefix(std::min(rest.size(), equals + 1 + used));
    const std::size_t next = rest.find(';');
    if (next == std::string_view::npos) break;
    rest.remove_prefix(next + 1);
  }
  return std::nullopt;
}

std::vector<FormPart> parse_multipart(std::string_view body, const std::string& boundary) {
  const std::string first = "--" + boundary;
  const std::string delimiter = "\r\n--" + boundary;
  // The first delimiter may open the body directly or follow a preamble.
  std::size_t at = body.rfind(first, 0) == 0 ? 0 : body.find(delimiter);
  if (at == std::string_view::npos) throw MultipartError("no boundary in the body");
  at += at == 0 ? first.size() : delimiter.size();
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(at, 2) == "--") return parts;  // the close delimiter; the epilogue is ignored
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") throw MultipartError("a boundary not followed by a line end");
    at += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    const std::size_t next = body.find(delimiter, at);
    if (next == std::string_view::npos) throw MultipartError("the body ends before its closing boundary");
    FormPart part;
    if (headers_end == std::string_view::npos || headers_end + 2 > next) {
      // A part whose header block is empty has its blank line right away.
      if (body.substr(at, 2) != "\r\n") throw MultipartError("a part without a header block");
      throw MultipartError("a part without Content-Disposition");
    }
    read_headers(body.substr(at, headers_end - at), part);
    const std::size_t content = headers_end + 4;
    if (content > next) throw MultipartError("a part without a header block");
    part.body = std::string(body.substr(content, next - content));
    parts.push_back(std::move(part));
    at = next + delimiter.size();
  }
}

const FormPart* find_part(const std::vector<FormPart>& parts, const std::string& name) {
  for (const FormPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace kc::http
