#pragma once
// A request as the handlers see it: plain values, decoded and validated by server.cpp,
// so handlers never touch Pistache and can be called in-process by tests.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/multipart.h"
#include "http/staff_sessions.h"

namespace kc::http {

struct Request {
  std::string method;                        // "GET", "HEAD", …
  std::string path;                          // percent-decoded, valid UTF-8
  std::multimap<std::string, std::string> query;  // decoded names and values
  std::map<std::string, std::string> headers;     // names lower-cased
  std::string client_ip;                     // after trusted-proxy handling; never logged
  bool https = false;                        // a trusted proxy says the client used https
  std::string body;                          // as received (POST and PUT); a multipart form's is moved into `form` and `files`
  // The fields of an application/x-www-form-urlencoded body, decoded (server.cpp answers
  // 400 when the body is not validly encoded); empty for other bodies.
  std::multimap<std::string, std::string> form;
  // The staff member signed in, set by routes.cpp for the staff pages only.
  std::optional<StaffSession> session;
  std::string origin = "http://localhost";   // "https://kc.example.org": see site_origin()
  // The file parts of a multipart/form-data body (their other fields are in `form`).
  std::vector<FormPart> files;
  // Arrived on the upload listener (server.h), whose size limit only the upload route may use.
  bool upload_listener = false;
  bool head() const { return method == "HEAD"; }

  // The first value of a query parameter, or "" when absent.
  std::string param(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  bool has_param(const std::string& name) const { return query.count(name) > 0; }
  // The first value of a form field, or "" when absent.
  std::string field(const std::string& name) const {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  }
  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

}  // namespace kc::http
