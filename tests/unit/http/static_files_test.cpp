#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "http/static_files.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using kc::http::confine;
using kc::http::content_type;
using kc::http::is_compressible;
using kc::http::is_fingerprinted;
using kc::test::TempDir;
using kc::test::write_file;

TEST_CASE("confine rejects hostile relative paths before touching the disk", "[http][static]") {
  TempDir dir;
  const fs::path root = dir / "files";
  write_file(root / "guides" / "plan.pdf", "%PDF");
  write_file(root / ".env", "SECRET=1");
  write_file(root / "guides" / ".hidden.pdf", "x");
  write_file(dir / "outside.txt", "secret");

  struct Case {
    const char* why;
    std::string relative;
  };
  const Case cases[] = {
      {"empty", ""},
      {"parent segment", "../outside.txt"},
      {"parent segment in the middle", "guides/../../outside.txt"},
      {"parent segment that stays inside", "guides/../guides/plan.pdf"},
      {"dot segment", "./guides/plan.pdf"},
      {"dot segment in the middle", "guides/./plan.pdf"},
      {"a bare '..'", ".."},
      {"a bare '.'", "."},
      {"empty segment", "guides//plan.pdf"},
      {"trailing slash", "guides/"},
      {"absolute path", "/etc/passwd"},
      {"absolute path to a file inside the root", (root / "guides/plan.pdf").string()},
      {"backslash parent", "..\\outside.txt"},
      {"backslash separator", "guides\\plan.pdf"},
      {"NUL byte", std::string("guides/plan.pdf\0.txt", 20)},
      {"hidden file", ".env"},
      {"hidden file in a folder", "guides/.hidden.pdf"},
      {"literal %2e%2e left after decoding %252e once", "%2e%2e/outside.txt"},
      {"a folder, not a file", "guides"},
      {"a missing file", "guides/missing.pdf"},
      {"over 1024 bytes", "guides/" + std::string(1100, 'a') + ".pdf"},
      {"a 1 MB path", std::string(1 << 20, 'a')},
  };
  for (const auto& test : cases) {
    INFO(test.why);
    CHECK_FALSE(confine(root, test.relative));
  }
}

TEST_CASE("confine returns the canonical path of a regular file under the root", "[http][static]") {
  TempDir dir;
  const fs::path root = dir / "files";
  write_file(root / "guides" / "plan d'action.pdf", "%PDF");
  write_file(root / "top.txt", "x");
  write_file(root / "%2e%2e" / "odd.txt", "a folder really named %2e%2e");
  const fs::path canonical_root = fs::canonical(root);

  CHECK(confine(root, "guides/plan d'action.pdf") == canonical_root / "guides" / "plan d'action.pdf");
  CHECK(confine(root, "top.txt") == canonical_root / "top.txt");
  CHECK(confine(root, "%2e%2e/odd.txt") == canonical_root / "%2e%2e" / "odd.txt");
  // A root given with a trailing slash or through a symlink works the same.
  CHECK(confine(root.string() + "/", "top.txt") == canonical_root / "top.txt");
  fs::create_directory_symlink(root, dir / "link-to-files");
  CHECK(confine(dir / "link-to-files", "top.txt") == canonical_root / "top.txt");
  // A missing root confines nothing.
  CHECK_FALSE(confine(dir / "no-such-root", "top.txt"));
}

TEST_CASE("confine refuses symlinks that lead out of the root", "[http][static]") {
  TempDir dir;
  const fs::path root = dir / "files";
  write_file(root / "guides" / "plan.pdf", "%PDF");
  write_file(dir / "secret.txt", "secret");
  fs::create_directories(dir / "elsewhere");
  write_file(dir / "elsewhere" / "other.txt", "x");
  fs::create_symlink(dir / "secret.txt", root / "escape.txt");
  fs::create_symlink("../../secret.txt", root / "guides" / "relative-escape.txt");
  fs::create_directory_symlink(dir / "elsewhere", root / "linked-dir");
  fs::create_symlink("/etc/passwd", root / "passwd");
  fs::create_symlink(root, root / "self");
  fs::create_symlink(root / "guides" / "plan.pdf", root / "inside-link.pdf");
  fs::create_symlink(dir / "missing", root / "dangling");

  CHECK_FALSE(confine(root, "escape.txt"));
  CHECK_FALSE(confine(root, "guides/relative-escape.txt"));
  CHECK_FALSE(confine(root, "linked-dir/other.txt"));
  CHECK_FALSE(confine(root, "passwd"));
  CHECK_FALSE(confine(root, "self"));  // resolves to the root itself: not strictly under it
  CHECK_FALSE(confine(root, "dangling"));
  // A symlink that stays inside the root is followed.
  CHECK(confine(root, "inside-link.pdf") == fs::canonical(root / "guides" / "plan.pdf"));
  CHECK(confine(root, "self/guides/plan.pdf") == fs::canonical(root / "guides" / "plan.pdf"));
}

TEST_CASE("content types come from the extension", "[http][static]") {
  const std::pair<const char*, const char*> cases[] = {
      {"guide.pdf", "application/pdf"},
      {"GUIDE.PDF", "application/pdf"},
      {"page.html", "text/html; charset=utf-8"},
      {"site.css", "text/css; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
      {"data.json", "application/json"},
      {"icon.3f2a9c1e.svg", "image/svg+xml"},
      {"photo.png", "image/png"},
      {"photo.jpg", "image/jpeg"},
      {"photo.JPEG", "image/jpeg"},
      {"anim.gif", "image/gif"},
      {"photo.webp", "image/webp"},
      {"favicon.ico", "image/x-icon"},
      {"notes.txt", "text/plain; charset=utf-8"},
      {"table.csv", "text/csv; charset=utf-8"},
      {"feed.xml", "application/xml"},
      {"bundle.zip", "application/zip"},
      {"talk.mp3", "audio/mpeg"},
      {"talk.mp4", "video/mp4"},
      {"form.doc", "application/msword"},
      {"form.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"sheet.xls", "application/vnd.ms-excel"},
      {"sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"deck.ppt", "application/vnd.ms-powerpoint"},
      {"deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"book.epub", "application/epub+zip"},
      {"guides/plan.v2.pdf", "application/pdf"},
      {"archive.tar.gz", "application/octet-stream"},
      {"no-extension", "application/octet-stream"},
      {"pdf", "application/octet-stream"},
      {".pdf", "application/octet-stream"},  // a hidden file named ".pdf" has no extension
  };
  for (const auto& [name, type] : cases) {
    INFO(name);
    CHECK(content_type(name) == type);
  }
}

TEST_CASE("text, JSON, XML and JavaScript are worth compressing", "[http][static]") {
  const std::pair<const char*, bool> cases[] = {
      {"text/html; charset=utf-8", true},
      {"text/plain", true},
      {"text/csv; charset=utf-8", true},
      {"TEXT/CSS", true},
      {"application/json", true},
      {"application/problem+json", true},
      {"application/xml", true},
      {"image/svg+xml", true},
      {"text/javascript; charset=utf-8", true},
      {"application/javascript", true},
      {"application/pdf", false},
      {"image/png", false},
      {"application/zip", false},
      {"application/epub+zip", false},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
      {"application/octet-stream", false},
      {"", false},
  };
  for (const auto& [type, compressible] : cases) {
    INFO(type);
    CHECK(is_compressible(type) == compressible);
  }
}

TEST_CASE("fingerprinted names carry a hex hash before the extension", "[http][static]") {
  const std::pair<const char*, bool> cases[] = {
      {"icon.3f2a9c1e.svg", true},
      {"static/icon.3f2a9c1e.svg", true},
      {"app.min.0123456789abcdef.js", true},
      {"logo.3F2A9C1E.png", true},
      {"icon.3f2a9c1.svg", false},       // 7 digits
      {"icon.3f2a9c1g.svg", false},      // not hex
      {"icon.svg", false},
      {"3f2a9c1e.svg", false},           // no base name
      {".3f2a9c1e.svg", false},          // hidden, no base name
      {"icon.3f2a9c1e", false},          // the hash is the extension
      {"icon.3f2a9c1e.", false},         // empty extension
      {"icon.3f2a9c1e.min.js", false},   // hash not right before the extension
      {"3f2a9c1e.dir/icon.svg", false},  // only the file name counts
      {"", false},
  };
  for (const auto& [name, fingerprinted] : cases) {
    INFO(name);
    CHECK(is_fingerprinted(name) == fingerprinted);
  }
}
