#include <catch2/catch.hpp>

#include "content/front_matter.h"

using kc::content::lang_tag;
using kc::content::parse_document;

namespace {

std::string only_problem(const kc::content::ParsedDocument& parsed) {
  REQUIRE(parsed.problems.size() == 1);
  return to_string(parsed.problems.front());
}

}  // namespace

TEST_CASE("a complete front matter fills every field of the document", "[content]") {
  const auto parsed = parse_document("en/best-practice/retort.md",
                                     "---\n"
                                     "title: Using a retort\n"
                                     "summary: Catch the mercury.\n"
                                     "topic: best-practice\n"
                                     "language: en\n"
                                     "translations: { fr: retorte, es: retorta }\n"
                                     "countries: [GH, TZ]\n"
                                     "audience: [miners]\n"
                                     "published: 2026-03-01\n"
                                     "tags: [mercury]\n"
                                     "sources: [\"Minamata Convention: Annex C\"]\n"
                                     "attachments:\n"
                                     "  - { file: files/manual.pdf, title: Manual }\n"
                                     "  - files/other.pdf\n"
                                     "---\n"
                                     "Body *text*.\n");
  REQUIRE(parsed.problems.empty());
  const auto& doc = parsed.document;
  CHECK(doc.slug == "retort");
  CHECK(doc.title == "Using a retort");
  CHECK(doc.translations.at("fr") == "retorte");
  CHECK(doc.countries == std::vector<std::string>{"GH", "TZ"});
  CHECK(doc.published == "2026-03-01");
  CHECK(doc.sources.front() == "Minamata Convention: Annex C");
  REQUIRE(doc.attachments.size() == 2);
  CHECK(doc.attachments[1].title == "other.pdf");
  CHECK(doc.body == "Body *text*.\n");
  CHECK(doc.body_line == 16);
}

TEST_CASE("front matter problems name the file and the line they are on", "[content]") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"no front matter\n", "x/t/a.md:1: missing front matter (the file must start with a '---' line)"},
      {"---\ntitle: A\n", "x/t/a.md:1: front matter is not closed by a '---' line"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\npublished: 2026-02-30\n---\n",
       "x/t/a.md:5: invalid date '2026-02-30' (expected YYYY-MM-DD)"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\ntags: [a, b\n---\n", "x/t/a.md:6: malformed YAML"},
      {"---\ntopic: t\nlanguage: en\n---\n", "x/t/a.md:1: missing 'title'"},
      {"---\ntitle: A\nlanguage: en\n---\n", "x/t/a.md:1: missing 'topic'"},
      {"---\ntitle: A\ntopic: t\n---\n", "x/t/a.md:1: missing 'language'"},
      {"---\ntitle: A\ntopic: t\nlanguage: de\n---\n", "x/t/a.md:4: unknown language 'de' (en, fr, es or pt)"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\ntranslations: { fr: Not A Slug }\n---\n",
       "x/t/a.md:5: translation 'fr' must be a slug"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\nslug: Bad_Slug\n---\n",
       "x/t/a.md:5: invalid slug 'Bad_Slug' (lower-case letters, digits and '-')"},
      {"---\ntitle: [a, b]\ntopic: t\nlanguage: en\n---\n", "x/t/a.md:2: 'title' must be a single value"},
      {"---\ntitle: A\ntopic: t\nlanguage: pt\nvariant: pt-XX\n---\n",
       "x/t/a.md:5: unknown variant 'pt-XX' (pt-BR, pt-PT, pt-MZ, pt-AO, pt-CV, pt-GW, pt-ST, pt-TL)"},
      {"---\ntitle: A\ntopic: t\nlanguage: pt\nvariant: pt-br\n---\n", "x/t/a.md:5: unknown variant 'pt-br'"},
      {"---\ntitle: A\ntopic: t\nlanguage: fr\nvariant: fr-CD\n---\n",
       "x/t/a.md:5: 'variant' is for Portuguese guides only (pt-BR, pt-MZ…)"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\nreview_by: 2027-02-29\n---\n",
       "x/t/a.md:5: invalid date '2027-02-29' (expected YYYY-MM-DD)"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\ndraft: ture\n---\n", "x/t/a.md:5: 'draft' must be true or false"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\ndraft: [true]\n---\n", "x/t/a.md:5: 'draft' must be a single value"},
      {"---\ntitle: A\ntopic: t\nlanguage: en\n---\nbad \xC3\x28 byte\n",
       "x/t/a.md:6: invalid UTF-8 (the file must be saved as UTF-8)"},
  };
  for (const auto& test : cases) {
    INFO(test.text);
    CHECK_THAT(only_problem(parse_document("x/t/a.md", test.text)), Catch::StartsWith(test.expected));
  }
}

TEST_CASE("a slug key overrides the file name", "[content]") {
  const auto parsed = parse_document("en/t/file-name.md", "---\ntitle: A\ntopic: t\nlanguage: en\nslug: other\n---\n");
  REQUIRE(parsed.problems.empty());
  CHECK(parsed.document.slug == "other");
}

TEST_CASE("a Portuguese guide's variant is its lang tag, and without one the tag is the language", "[content]") {
  const auto brazilian = parse_document("pt/t/a.md", "---\ntitle: A\ntopic: t\nlanguage: pt\nvariant: pt-BR\n---\n");
  REQUIRE(brazilian.problems.empty());
  CHECK(brazilian.document.variant == "pt-BR");
  CHECK(lang_tag(brazilian.document.language, brazilian.document.variant) == "pt-BR");
  const auto plain = parse_document("pt/t/b.md", "---\ntitle: B\ntopic: t\nlanguage: pt\n---\n");
  REQUIRE(plain.problems.empty());
  CHECK(lang_tag(plain.document.language, plain.document.variant) == "pt");
}

TEST_CASE("draft and review_by are read, a mistyped draft stays a draft", "[content]") {
  const auto read = [](const std::string& extra) {
    return parse_document("en/t/a.md", "---\ntitle: A\ntopic: t\nlanguage: en\n" + extra + "---\nBody.\n");
  };
  CHECK_FALSE(read("").document.draft);
  CHECK_FALSE(read("draft: false\n").document.draft);
  CHECK(read("draft: true\n").document.draft);
  CHECK(read("draft: yes please\n").document.draft);
  CHECK(read("review_by: 2027-01-31\n").document.review_by == std::optional<std::string>("2027-01-31"));
  CHECK_FALSE(read("").document.review_by);
}
