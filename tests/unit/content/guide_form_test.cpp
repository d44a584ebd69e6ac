#include <catch2/catch.hpp>

#include "content/front_matter.h"
#include "content/guide_form.h"

using kc::content::compose_guide;
using kc::content::form_from_file;
using kc::content::GuideForm;
using kc::content::parse_document;
using Catch::Matchers::Contains;

namespace {

GuideForm sample() {
  GuideForm form;
  form.language = "fr";
  form.slug = "cornue";
  form.topic = "best-practice";
  form.title = "Une cornue: « simple » & sûre";
  form.summary = "Deux lignes\net des \"guillemets\"";
  form.countries = "BF, ML ,, GN";
  form.audience = "miners";
  form.published = "2026-01-15";
  form.review_by = "2027-01-15";
  form.draft = true;
  form.translation_of = "en/retort";
  form.other_translations = "es:retorta pt:retorta";
  form.extra = "tags: [cornue, mercure]\nsources:\n  - \"PNUE (2012)\"\n";
  form.body = "## Titre\n\nTexte.\n";
  return form;
}

}  // namespace

TEST_CASE("a composed guide reads back as the same fields", "[content][guide_form]") {
  const GuideForm form = sample();
  const auto composed = compose_guide(form);
  const auto parsed = parse_document("fr/best-practice/cornue.md", composed.bytes);
  CHECK(parsed.problems.empty());
  const auto& doc = parsed.document;
  CHECK(doc.title == form.title);
  CHECK(doc.summary == form.summary);
  CHECK(doc.countries == std::vector<std::string>{"BF", "ML", "GN"});
  CHECK(doc.translations == std::map<std::string, std::string>{{"en", "retort"}, {"es", "retorta"}, {"pt", "retorta"}});
  CHECK(doc.tags == std::vector<std::string>{"cornue", "mercure"});
  CHECK(doc.body == form.body);
  CHECK(composed.body_line == doc.body_line);

  const GuideForm back = form_from_file("fr", "cornue", composed.bytes);
  CHECK(back.title == form.title);
  CHECK(back.summary == form.summary);
  CHECK(back.countries == "BF, ML, GN");
  CHECK(back.published == form.published);
  CHECK(back.review_by == form.review_by);
  CHECK(back.draft);
  CHECK(back.translation_of == "en/retort");
  CHECK(back.other_translations == "es:retorta pt:retorta");
  CHECK_THAT(back.extra, Contains("tags:") && Contains("sources:") && !Contains("title"));
  CHECK(back.body == form.body);
}

TEST_CASE("nothing typed in a field can add a front-matter key or close the block", "[content][guide_form]") {
  GuideForm form = sample();
  form.title = "Titre\ndraft: false\n---\nslug: autre";
  form.countries = "BF]\ndraft: false";
  const auto composed = compose_guide(form);
  const auto parsed = parse_document("fr/best-practice/cornue.md", composed.bytes);
  CHECK(parsed.document.title == form.title);
  CHECK(parsed.document.slug == "cornue");
  CHECK(parsed.document.body == form.body);
  CHECK_THAT(composed.bytes, Contains("draft: true\n"));
}

TEST_CASE("each front-matter line is mapped to the form field written on it", "[content][guide_form]") {
  const auto composed = compose_guide(sample());
  CHECK(composed.field_at_line.at(2) == "title");
  bool published = false;
  for (const auto& [line, field] : composed.field_at_line) published = published || field == "published";
  CHECK(published);
  CHECK(composed.field_at_line.rbegin()->first == composed.body_line - 2);  // the last line before "---"
}

TEST_CASE("an attachment is added once, every other key kept", "[content][guide_form]") {
  const std::string file = compose_guide(sample()).bytes;
  const auto with = kc::content::with_attachment("fr", "cornue", file, "files/cornue.pdf", "Affiche: « cornue »");
  REQUIRE(with);
  const auto parsed = parse_document("fr/best-practice/cornue.md", *with);
  REQUIRE(parsed.problems.empty());
  REQUIRE(parsed.document.attachments.size() == 1);
  CHECK(parsed.document.attachments[0].file == "files/cornue.pdf");
  CHECK(parsed.document.attachments[0].title == "Affiche: « cornue »");
  CHECK_THAT(*with, Contains("PNUE (2012)"));
  CHECK(form_from_file("fr", "cornue", *with).title == sample().title);

  CHECK(kc::content::with_attachment("fr", "cornue", *with, "files/cornue.pdf", "again") == *with);
  const auto second = kc::content::with_attachment("fr", "cornue", *with, "files/autre.pdf", "Autre");
  REQUIRE(second);
  CHECK(parse_document("fr/best-practice/cornue.md", *second).document.attachments.size() == 2);

  GuideForm odd = sample();
  odd.extra = "attachments: files/x.pdf\n";  // not a list: left to the person to fix
  CHECK_FALSE(kc::content::with_attachment("fr", "cornue", compose_guide(odd).bytes, "files/cornue.pdf", "t"));
}
