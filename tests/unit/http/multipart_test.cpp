#include <catch2/catch.hpp>

#include <string>

#include "http/multipart.h"

using kc::http::find_part;
using kc::http::multipart_boundary;
using kc::http::MultipartError;
using kc::http::parse_multipart;

TEST_CASE("multipart: the boundary of a form-data Content-Type", "[http][multipart]") {
  CHECK(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryX3") == "----WebKitFormBoundaryX3");
  CHECK(multipart_boundary("Multipart/Form-Data;boundary=\"a b\"") == std::nullopt);  // a space: refused
  CHECK(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"xyz\"") == "xyz");
  CHECK(multipart_boundary("multipart/form-data") == std::nullopt);
  CHECK(multipart_boundary("multipart/mixed; boundary=abc") == std::nullopt);
  CHECK(multipart_boundary("application/x-www-form-urlencoded") == std::nullopt);
  CHECK(multipart_boundary("multipart/form-data; boundary=") == std::nullopt);
  CHECK(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')) == std::nullopt);
  CHECK(multipart_boundary("multipart/form-data; boundary=\"unterminated") == std::nullopt);
}

TEST_CASE("multipart: fields and a file as a browser sends them", "[http][multipart]") {
  const std::string pdf = std::string("%PDF-1.4\r\n\0binary\r\n--not-the-boundary\r\n", 39);
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n"
      "\r\n"
      "token123\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"R\\\"etort manual.pdf\"\r\n"
      "Content-Type: application/pdf\r\n"
      "\r\n" +
      pdf +
      "\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=empty\r\n"
      "\r\n"
      "\r\n"
      "--XyZ--\r\n"
      "epilogue ignored";
  const auto parts = parse_multipart(body, "XyZ");
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].name == "csrf");
  CHECK(parts[0].body == "token123");
  CHECK_FALSE(parts[0].has_filename);
  CHECK(parts[1].name == "file");
  CHECK(parts[1].filename == "R\"etort manual.pdf");
  CHECK(parts[1].content_type == "application/pdf");
  CHECK(parts[1].body == pdf);  // bytes kept exactly, NUL and CRLF included
  CHECK(parts[2].name == "empty");
  CHECK(parts[2].body.empty());
  CHECK(find_part(parts, "file") == &parts[1]);
  CHECK(find_part(parts, "nope") == nullptr);
}

TEST_CASE("multipart: a preamble is skipped, an empty file field is kept", "[http][multipart]") {
  const std::string body =
      "preamble\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "\r\n--b--";
  const auto parts = parse_multipart(body, "b");
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].has_filename);
  CHECK(parts[0].filename.empty());
  CHECK(parts[0].body.empty());
}

TEST_CASE("multipart: malformed bodies are refused, never guessed", "[http][multipart]") {
  const char* cases[] = {
      "",                                                                        // nothing
      "no boundary at all",                                                      // no delimiter
      "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",          // no closing boundary
      "--b\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b--",                   // no Content-Disposition
      "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--b--",    // not form-data
      "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--",       // unterminated quote
      "--b\r\nbroken header\r\n\r\nv\r\n--b--",                                  // header without ':'
      "--bjunk\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b--",     // boundary then junk
      "--b\r\nContent-Disposition: form-data; name=a\r\nv\r\n--b--",             // no blank line
  };
  for (const char* body : cases) {
    INFO(body);
    CHECK_THROWS_AS(parse_multipart(body, "b"), MultipartError);
  }
}
