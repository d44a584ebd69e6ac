#pragma once
// The two cookies of the staff pages (issue 14) and the Cookie header they come back in
// (RFC 6265 §4.2): the session, and the sign-in form's own CSRF value. Both are
// HttpOnly (no script reads them), SameSite=Strict (another site cannot make the browser
// send them), limited to /staff, expiring, and Secure when the client reached us over
// https through a trusted proxy. Pure; thread-safe.
#include <string>

namespace kc::http {

inline constexpr const char* kSessionCookie = "kc_staff";
inline constexpr const char* kLoginCookie = "kc_login";

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "" when absent.
std::string cookie_value(const std::string& cookie_header, const std::string& name);

// A Set-Cookie value; `max_age_seconds` 0 deletes the cookie.
std::string set_cookie(const std::string& name, const std::string& value, long long max_age_seconds, bool secure);

}  // namespace kc::http
