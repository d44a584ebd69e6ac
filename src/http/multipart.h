#pragma once
// Parses a multipart/form-data body (RFC 7578 on RFC 2046 §5.1), as a browser sends a
// form with a file field: the parts with their field name, file name, type and bytes.
//
// Our own small parser, not a library's: Debian's cpp-httplib 0.11 has one, but only as
// an internal detail of its own server (httplib::detail::MultipartFormDataParser, fed by
// its socket reader), and GMime/mimetic are mail libraries that would pull in far more
// than this needs. Pistache (0.0.5) hands us the whole body in memory already, so a
// parser over one string_view is enough. Strict: anything malformed is a MultipartError
// (the caller answers 400), never a guess.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kc::http {

struct MultipartError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FormPart {
  std::string name;          // the form field's name
  std::string filename;      // for a file field: the name the browser gave ("" when none)
  bool has_filename = false; // a file field (even with an empty file name)
  std::string content_type;  // "" when the part has none
  std::string body;
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type; nullopt for any other
// type or a missing or invalid boundary (RFC 2046: 1 to 70 characters).
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Every part, in order. Throws MultipartError when the body is not well formed.
std::vector<FormPart> parse_multipart(std::string_view body, const std::string& boundary);

// The first part named `name`, or nullptr.
const FormPart* find_part(const std::vector<FormPart>& parts, const std::string& name);

}  // namespace kc::http
