#include <catch2/catch.hpp>

#include "markdown/links.h"
#include "markdown/render.h"

using kc::markdown::render;

TEST_CASE("rendering is safe: raw HTML is dropped and script links are emptied", "[markdown]") {
  const auto rendered = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=x>b</b>\n");
  CHECK_THAT(rendered.html, !Catch::Contains("<script") && !Catch::Contains("javascript:") &&
                                !Catch::Contains("onclick"));
}

TEST_CASE("plain text and headings are extracted for indexing", "[markdown]") {
  const auto rendered = render("# Safety first\n\nWear a *helmet*\nand boots.\n\n- one\n- two\n\n`code`\n");
  CHECK(rendered.headings == "Safety first\n");
  CHECK_THAT(rendered.text, Catch::Contains("Wear a helmet and boots.") && Catch::Contains("one\ntwo"));
  CHECK_THAT(rendered.text, !Catch::Contains("*"));
}

TEST_CASE("links are rewritten while rendering", "[markdown]") {
  const auto rendered = render("[r](retort.md)", [](const std::string& url) { return "/docs/en/" + url.substr(0, 6); });
  CHECK_THAT(rendered.html, Catch::Contains("href=\"/docs/en/retort\""));
}

TEST_CASE("links are found with the line they are on", "[markdown]") {
  const auto links = kc::markdown::extract_links("Intro.\n\nSee [a](a.md)\nand ![i](i.png).\n\n[b](b.md)\n", 10);
  REQUIRE(links.size() == 3);
  CHECK(links[0].url == "a.md");
  CHECK(links[0].line == 12);
  CHECK(links[2].line == 15);
}
