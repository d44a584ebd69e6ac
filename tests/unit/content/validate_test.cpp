#include <catch2/catch.hpp>

#include "content/corpus.h"
#include "support/fixture.h"

using kc::test::ContentFixture;
using kc::test::write_file;

namespace {

std::vector<std::string> problems_of(const ContentFixture& fixture) {
  std::vector<std::string> lines;
  for (const auto& problem : kc::content::load_corpus(fixture.content()).problems) {
    lines.push_back(to_string(problem));
  }
  return lines;
}

const char* kValidHeader = "---\ntitle: T\ntopic: gender\nlanguage: en\n";

}  // namespace

TEST_CASE("the test corpus is valid and forms works across translations", "[content]") {
  ContentFixture fixture;
  const auto corpus = fixture.load_valid();
  CHECK(corpus.documents.size() == 9);
  CHECK(corpus.find("fr", "retorte")->work == "retort");
  CHECK(corpus.find("en", "retort")->work == "retort");
  CHECK(corpus.find("es", "trabajo-infantil")->work == "trabajo-infantil");
  CHECK(corpus.topic_name("gender", "fr") == "Genre");
  CHECK(corpus.synonyms.size() == 3);
  REQUIRE(corpus.indicators.size() == 1);
  CHECK(corpus.indicators[0].of_kind == "file");
}

TEST_CASE("every cross-file problem is reported as path:line: message", "[content]") {
  struct Case {
    const char* name;
    const char* path;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"unknown topic", "en/gender/a.md", "---\ntitle: T\ntopic: mining\nlanguage: en\n---\n",
       "en/gender/a.md:1: unknown topic 'mining' (not in topics.yaml)"},
      {"topic outside its folder", "en/gender/a.md", "---\ntitle: T\ntopic: hiv-aids\nlanguage: en\n---\n",
       "en/gender/a.md:1: topic 'hiv-aids' does not match the folder 'en/gender/'"},
      {"duplicate slug", "en/hiv-aids/retort.md", "---\ntitle: T\ntopic: hiv-aids\nlanguage: en\n---\n",
       "en/hiv-aids/retort.md:1: duplicate slug 'retort' in language 'en' (already used by en/best-practice/retort.md)"},
      {"unknown translation", "en/gender/a.md", std::string(kValidHeader) + "translations: { pt: nada }\n---\n",
       "en/gender/a.md:1: unknown translation target 'pt/nada'"},
      {"broken relative link", "en/gender/a.md", std::string(kValidHeader) + "---\n\nText.\n\nSee [x](missing.md).\n",
       "en/gender/a.md:9: broken link 'missing.md'"},
      {"broken /docs link", "en/gender/a.md", std::string(kValidHeader) + "---\nSee [x](/docs/en/nothing).\n",
       "en/gender/a.md:6: broken link '/docs/en/nothing'"},
      {"broken /files link", "en/gender/a.md", std::string(kValidHeader) + "---\n[pdf](/files/none.pdf)\n",
       "en/gender/a.md:6: broken link '/files/none.pdf'"},
      {"link escaping the root", "en/gender/a.md", std::string(kValidHeader) + "---\n[x](../../../../etc/passwd)\n",
       "en/gender/a.md:6: broken link '../../../../etc/passwd'"},
      {"missing attachment", "en/gender/a.md",
       std::string(kValidHeader) + "attachments: [{ file: files/none.pdf }]\n---\n",
       "en/gender/a.md:1: missing attachment 'files/none.pdf' (not under files/)"},
      {"malformed topics.yaml", "topics.yaml", "gender: { en: Gender\nbroken: [\n",
       "topics.yaml:2: malformed YAML"},
      {"indicator of an unknown file", "indicators.yaml",
       "- id: x\n  counts: downloads\n  of: { file: files/none.pdf }\n  target: 5\n  from: 2026-01-01\n  by: 2026-02-01\n",
       "indicators.yaml:1: indicator 'x' counts an unknown file 'files/none.pdf'"},
      {"misplaced guide", "en/a.md", std::string(kValidHeader) + "---\n",
       "en/a.md:1: guides belong in <lang>/<topic>/<slug>.md"},
  };
  for (const auto& test : cases) {
    INFO(test.name);
    ContentFixture fixture;
    write_file(fixture.guide(test.path), test.text);
    CHECK_THAT(problems_of(fixture), Catch::VectorContains(std::string(test.expected)) ||
                                         Catch::Predicate<std::vector<std::string>>([&](const auto& lines) {
                                           for (const auto& line : lines)
                                             if (line.rfind(test.expected, 0) == 0) return true;
                                           return false;
                                         }));
  }
}

TEST_CASE("valid relative links to guides and files resolve", "[content]") {
  ContentFixture fixture;
  write_file(fixture.guide("en/gender/a.md"), std::string(kValidHeader) +
                                                  "---\n[r](../best-practice/retort.md#steps) [f](../../files/manual.pdf) "
                                                  "[d](/docs/fr/retorte) [e](https://example.org/x.md) [s](/topics/gender)\n");
  fixture.load_valid();
}

TEST_CASE("diagrams: a missing one, a bad one, empty alt text and the wrong language are reported by line",
          "[content][svg]") {
  ContentFixture fixture;
  const std::string good = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\"><text>Heat</text></svg>\n";
  write_file(fixture.content() / "diagrams" / "retort.en.svg", good);
  write_file(fixture.content() / "diagrams" / "retort.fr.svg", good);
  write_file(fixture.content() / "diagrams" / "bad.en.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n"
             "  <text>ok</text>\n"
             "  <script>alert(1)</script>\n"
             "  <rect width=\"1\" height=\"1\" onclick=\"x()\"/>\n"
             "</svg>\n");
  write_file(fixture.content() / "diagrams" / "broken.en.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>\n");
  write_file(fixture.content() / "diagrams" / "notes.txt", "not a diagram");
  write_file(fixture.guide("en/gender/a.md"), std::string(kValidHeader) +
                                                  "---\n"                                        // line 5
                                                  "![The retort](/diagrams/retort.en.svg)\n"     // 6: fine
                                                  "\n![Relative](../../diagrams/retort.en.svg)\n"  // 8: fine
                                                  "\n![Missing](/diagrams/none.en.svg)\n"        // 10
                                                  "\n![](/diagrams/retort.en.svg)\n"             // 12
                                                  "\n![  ](photo.png)\n"                         // 14 (and broken)
                                                  "\n![French](/diagrams/retort.fr.svg)\n"       // 16
                                                  "\nA [link](/diagrams/retort.en.svg).\n"       // 18
                                                  "\n![Bad](/diagrams/bad.en.svg)\n");           // 20: the file is reported
  const auto problems = problems_of(fixture);
  const std::vector<std::string> expected = {
      "diagrams/bad.en.svg:3: element <script> is not allowed (dropped with its content)",
      "diagrams/bad.en.svg:4: event handler attribute 'onclick' is not allowed",
      "diagrams/broken.en.svg:3: not valid XML: Opening and ending tag mismatch: g line 2 and svg",
      "diagrams/notes.txt:1: only SVG diagrams (.svg) belong in diagrams/",
      "en/gender/a.md:10: missing diagram '/diagrams/none.en.svg' (no such file under diagrams/)",
      "en/gender/a.md:12: image '/diagrams/retort.en.svg' needs alternative text: ![what it shows](…)",
      "en/gender/a.md:14: image 'photo.png' needs alternative text: ![what it shows](…)",
      "en/gender/a.md:14: broken link 'photo.png'",
      "en/gender/a.md:16: diagram '/diagrams/retort.fr.svg' has fr labels but the guide is in en: show its .en.svg version",
      "en/gender/a.md:18: diagram '/diagrams/retort.en.svg' is shown with image syntax: ![what it shows](/diagrams/retort.en.svg)",
  };
  CHECK(problems == expected);
}
