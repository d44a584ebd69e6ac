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

TEST_CASE("an image that is a diagram is inlined as sanitised SVG named by its alt text", "[markdown][svg]") {
  const std::string retort =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\"><script>alert(1)</script>"
      "<text x=\"1\" y=\"5\">Heat</text></svg>";
  const auto diagrams = [&](const std::string& url) { return url == "/diagrams/retort.en.svg" ? &retort : nullptr; };
  const auto rendered = render(
      "Before.\n\n![How *the* vapour flows](/diagrams/retort.en.svg)\n\n![A photo](photo.jpg) and "
      "![Again](/diagrams/retort.en.svg)\n",
      {}, diagrams);
  CHECK_THAT(rendered.html, Catch::Contains("<p><svg viewBox=\"0 0 9 9\" class=\"diagram\" role=\"img\" "
                                            "aria-labelledby=\"d1-title\"><title id=\"d1-title\">How the vapour "
                                            "flows</title><text x=\"1\" y=\"5\">Heat</text></svg></p>"));
  CHECK_THAT(rendered.html, Catch::Contains("<img src=\"photo.jpg\" alt=\"A photo\" />"));
  CHECK_THAT(rendered.html, Catch::Contains("<title id=\"d2-title\">Again</title>"));
  CHECK_THAT(rendered.html, !Catch::Contains("<script") && !Catch::Contains("alert"));
  CHECK_THAT(rendered.text, Catch::Contains("How the vapour flows"));
}

TEST_CASE("a diagram the sanitiser refuses is shown as its alt text", "[markdown][svg]") {
  const std::string broken = "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  const auto rendered = render("![The sluice](s.svg)\n", {}, [&](const std::string&) { return &broken; });
  CHECK(rendered.html == "<p>The sluice</p>\n");
}

TEST_CASE("images are found with their alt text", "[markdown]") {
  const auto links = kc::markdown::extract_links("![A *retort* diagram](r.svg) [link](a.md) ![](empty.png)\n");
  REQUIRE(links.size() == 3);
  CHECK(links[0].image);
  CHECK(links[0].alt == "A retort diagram");
  CHECK(!links[1].image);
  CHECK(links[1].alt.empty());
  CHECK(links[2].image);
  CHECK(links[2].alt.empty());
}
