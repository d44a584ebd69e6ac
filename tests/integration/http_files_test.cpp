#include <catch2/catch.hpp>

#include <filesystem>

#include "support/test_server.h"

using kc::test::TestServer;
using kc::test::status_of;
using kc::test::write_file;
using Catch::Matchers::Contains;

namespace {

std::string big_file_content() {
  std::string bytes(1 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) % 251);
  return bytes;
}

struct FilesFixture {
  FilesFixture() {
    write_file(server.content().content() / "files" / "big.bin", big);
    write_file(server.content().content() / "files" / "notes.txt", std::string(5000, 'n'));
    // A symlink inside files/ that leads out of it.
    write_file(server.content().content() / "secret.txt", "secret");
    std::filesystem::create_symlink(server.content().content() / "secret.txt",
                                    server.content().content() / "files" / "escape.txt");
  }
  TestServer server;
  std::string big = big_file_content();
};

FilesFixture& files() {
  static FilesFixture instance;
  return instance;
}

}  // namespace

TEST_CASE("a download has type, length, validators and accepts ranges", "[http][files]") {
  auto client = files().server.http();
  const auto whole = client.Get("/files/big.bin");
  REQUIRE(whole->status == 200);
  CHECK(whole->body == files().big);
  CHECK(whole->get_header_value("Content-Length") == std::to_string(1 << 20));
  CHECK(whole->get_header_value("Accept-Ranges") == "bytes");
  CHECK(whole->get_header_value("Content-Type") == "application/octet-stream");
  CHECK(!whole->get_header_value("ETag").empty());
  CHECK(!whole->get_header_value("Last-Modified").empty());
  CHECK(client.Get("/files/manual.pdf")->get_header_value("Content-Type") == "application/pdf");
}

TEST_CASE("single ranges get 206, unsatisfiable ones 416, multiple ones the whole file", "[http][files]") {
  auto client = files().server.http();
  const auto part = client.Get("/files/big.bin", {{"Range", "bytes=100-199"}});
  CHECK(part->status == 206);
  CHECK(part->body == files().big.substr(100, 100));
  CHECK(part->get_header_value("Content-Range") == "bytes 100-199/1048576");
  const auto tail = client.Get("/files/big.bin", {{"Range", "bytes=-10"}});
  CHECK(tail->status == 206);
  CHECK(tail->body == files().big.substr((1 << 20) - 10));
  const auto beyond = client.Get("/files/big.bin", {{"Range", "bytes=999999999-"}});
  CHECK(beyond->status == 416);
  CHECK(beyond->get_header_value("Content-Range") == "bytes */1048576");
  CHECK(client.Get("/files/big.bin", {{"Range", "bytes=0-1,5-6"}})->status == 200);
  CHECK(client.Get("/files/big.bin", {{"Range", "bytes=zz"}})->status == 200);
}

TEST_CASE("conditional requests answer 304 and HEAD sends the headers only", "[http][files]") {
  auto client = files().server.http();
  const auto first = client.Get("/files/manual.pdf");
  CHECK(client.Get("/files/manual.pdf", {{"If-None-Match", first->get_header_value("ETag")}})->status == 304);
  CHECK(client.Get("/files/manual.pdf", {{"If-Modified-Since", first->get_header_value("Last-Modified")}})->status == 304);
  CHECK(client.Get("/files/manual.pdf", {{"If-None-Match", "\"other\""}})->status == 200);
  const auto head = client.Head("/files/big.bin");
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Length") == std::to_string(1 << 20));
}

TEST_CASE("compressible files are gzipped when accepted", "[http][files]") {
  httplib::Client client("127.0.0.1", files().server.port());
  client.set_decompress(false);
  const auto zipped = client.Get("/files/notes.txt", {{"Accept-Encoding", "gzip"}});
  CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(zipped->get_header_value("Vary") == "Accept-Encoding");
  CHECK(zipped->body.size() < 5000);
  CHECK(client.Get("/files/big.bin", {{"Accept-Encoding", "gzip"}})->get_header_value("Content-Encoding").empty());
}

TEST_CASE("no spelling of a path escapes the files folder", "[http][files][hostile]") {
  const std::string attempts[] = {
      "/files/../secret.txt",         "/files/%2e%2e/secret.txt",      "/files/%2E%2E%2Fsecret.txt",
      "/files/%252e%252e/secret.txt", "/files/..%5csecret.txt",        "/files/..\\secret.txt",
      "/files//etc/passwd",           "/files/%2fetc%2fpasswd",        "/files/escape.txt",
      "/files/manual.pdf%00.txt",     "/files/%c0%ae%c0%ae/secret.txt", "/files/.hidden",
      "/static/../../content/secret.txt", "/files/",
  };
  for (const auto& path : attempts) {
    INFO(path);
    const std::string response = files().server.raw_exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const int status = status_of(response);
    CHECK((status == 400 || status == 404));
    CHECK_THAT(response, !Contains("secret\r\n") && !Contains("root:"));
  }
}
