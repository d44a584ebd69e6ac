// Storing an uploaded PDF, on a real copy of the test corpus: names, type, size, the
// confirm step before replacing another guide's file, and nothing written on any refusal.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "staff/uploads.h"
#include "support/fixture.h"
#include "support/temp_dir.h"

using namespace kc;
using staff::UploadOutcome;

namespace {

const std::string kPdf = "%PDF-1.7\n% a small but real header\n1 0 obj << >> endobj\n%%EOF\n";

std::set<std::string> files_in(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("uploads: only safe names are stored, never changed into another name", "[staff][uploads]") {
  CHECK(staff::stored_pdf_name("retort-manual") == "retort-manual.pdf");
  CHECK(staff::stored_pdf_name("retort-manual.pdf") == "retort-manual.pdf");
  CHECK(staff::stored_pdf_name("2024-report") == "2024-report.pdf");
  const std::string refused[] = {"",
                                 ".pdf",
                                 "Retort.pdf",
                                 "retort manual",
                                 "../etc/passwd",
                                 "..",
                                 "a/b",
                                 "%2e%2e",
                                 "a%2fb",
                                 std::string("a\0b", 3),
                                 "-leading",
                                 "manual.PDF",
                                 "manual.pdf.exe",
                                 "café",
                                 "a.b",
                                 std::string(197, 'a'),  // 197 + ".pdf" = 201 bytes
                                 "manual.pdf.pdf"};
  for (const std::string& name : refused) {
    INFO(name);
    CHECK(staff::stored_pdf_name(name).empty());
  }
  CHECK(staff::stored_pdf_name(std::string(196, 'a')).size() == 200);
  CHECK(staff::looks_like_pdf(kPdf));
  CHECK_FALSE(staff::looks_like_pdf("%PDF"));
  CHECK_FALSE(staff::looks_like_pdf("<html>%PDF-1.4"));
}

TEST_CASE("uploads: a new PDF is written under files/, atomically", "[staff][uploads]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  const auto result = staff::store_upload(corpus, {"new-guide-manual", kPdf, "en/retort", false});
  CHECK(result.outcome == UploadOutcome::Written);
  CHECK(result.file == "files/new-guide-manual.pdf");
  CHECK(result.bytes == kPdf.size());
  CHECK(test::read_file(fixture.content() / "files/new-guide-manual.pdf") == kPdf);
  CHECK(files_in(fixture.content() / "files") == std::set<std::string>{"manual.pdf", "new-guide-manual.pdf"});
}

TEST_CASE("uploads: every refusal writes nothing", "[staff][uploads]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  const std::string original = test::read_file(fixture.content() / "files/manual.pdf");
  struct Case {
    const char* why;
    staff::Upload upload;
    UploadOutcome outcome;
  };
  const Case cases[] = {
      {"a bad name", {"../manual", kPdf, "", true}, UploadOutcome::BadName},
      {"not a PDF, whatever its name", {"fake", "<html>not a pdf</html>", "", false}, UploadOutcome::NotPdf},
      {"an empty file", {"empty", "", "", false}, UploadOutcome::NotPdf},
      {"over the limit", {"big", kPdf + std::string(100, 'x'), "", false, 64}, UploadOutcome::TooLarge},
      {"another guide's file", {"manual", kPdf, "fr/retorte", false}, UploadOutcome::NeedsConfirm},
      {"an existing file, for no guide", {"manual", kPdf, "", false}, UploadOutcome::NeedsConfirm},
  };
  for (const Case& c : cases) {
    INFO(c.why);
    const auto result = staff::store_upload(corpus, c.upload);
    CHECK(result.outcome == c.outcome);
    CHECK(files_in(fixture.content() / "files") == std::set<std::string>{"manual.pdf"});
    CHECK(test::read_file(fixture.content() / "files/manual.pdf") == original);
  }
  const auto asked = staff::store_upload(corpus, {"manual", kPdf, "", false});
  CHECK(asked.used_by == std::vector<std::string>{"en/retort"});
}

TEST_CASE("uploads: a guide's own file is replaced, another's only when confirmed", "[staff][uploads]") {
  test::ContentFixture fixture;
  const content::Corpus corpus = fixture.load_valid();
  CHECK(staff::store_upload(corpus, {"manual", kPdf, "en/retort", false}).outcome == UploadOutcome::Replaced);
  CHECK(test::read_file(fixture.content() / "files/manual.pdf") == kPdf);
  const std::string second = kPdf + "% second version\n";
  CHECK(staff::store_upload(corpus, {"manual", second, "fr/retorte", true}).outcome == UploadOutcome::Replaced);
  CHECK(test::read_file(fixture.content() / "files/manual.pdf") == second);
  CHECK(files_in(fixture.content() / "files") == std::set<std::string>{"manual.pdf"});
}
