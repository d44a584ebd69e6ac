#include "markdown/svg.h"

#include <catch2/catch.hpp>
#include <chrono>

using Catch::Matchers::Contains;
using kc::markdown::sanitise_svg;

namespace {

const std::string kOpen = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\">";

std::string messages(const kc::markdown::SanitisedSvg& svg) {
  std::string all;
  for (const auto& problem : svg.problems) all += std::to_string(problem.line) + ": " + problem.message + "\n";
  return all;
}

}  // namespace

TEST_CASE("a clean diagram is inlined with its alt text as title, role img and prefixed ids", "[markdown][svg]") {
  const std::string file =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 200\" font-family=\"sans-serif\">\n"
      "  <title>Retort (file title)</title>\n"
      "  <!-- a comment -->\n"
      "  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"5\" refY=\"5\" orient=\"auto\">"
      "<path d=\"M0 0L10 5L0 10z\" fill=\"currentColor\"/></marker></defs>\n"
      "  <line x1=\"10\" y1=\"10\" x2=\"90\" y2=\"10\" stroke=\"currentColor\" marker-end=\"url(#arrow)\"/>\n"
      "  <text x=\"10\" y=\"40\">Vapour  <tspan font-weight=\"bold\">cools</tspan> &amp; condenses</text>\n"
      "</svg>\n";
  const auto svg = sanitise_svg(file, {"How the vapour flows in a retort", "d1-"});
  INFO(messages(svg));
  CHECK(svg.problems.empty());
  CHECK_THAT(svg.html, Catch::StartsWith("<svg viewBox=\"0 0 360 200\" font-family=\"sans-serif\" class=\"diagram\" "
                                         "role=\"img\" aria-labelledby=\"d1-title\"><title id=\"d1-title\">How the "
                                         "vapour flows in a retort</title>"));
  CHECK_THAT(svg.html, !Contains("file title") && !Contains("comment") && !Contains("xmlns") && !Contains("<?xml"));
  CHECK_THAT(svg.html, Contains("<marker id=\"d1-arrow\"") && Contains("marker-end=\"url(#d1-arrow)\""));
  CHECK_THAT(svg.html, Contains(">Vapour <tspan font-weight=\"bold\">cools</tspan> &amp; condenses</text>"));
  CHECK_THAT(svg.html, Catch::EndsWith("</svg>"));
}

TEST_CASE("without alt text the file's own title names the diagram", "[markdown][svg]") {
  const auto svg = sanitise_svg(kOpen + "<title>A sluice</title><rect width=\"5\" height=\"5\"/></svg>", {"", "d2-"});
  CHECK(svg.problems.empty());
  CHECK_THAT(svg.html, Contains("aria-labelledby=\"d2-title\"><title id=\"d2-title\">A sluice</title><rect"));
}

TEST_CASE("hostile SVG is reported and never reaches the output", "[markdown][svg][hostile]") {
  struct Case {
    std::string body;     // inside the root <svg>
    const char* problem;  // part of the expected problem message
    const char* never;    // must not appear in the output
  };
  const Case cases[] = {
      {"<script>alert(1)</script>", "element <script> is not allowed", "alert"},
      {"<script><![CDATA[alert(1)]]></script>", "element <script>", "alert"},
      {"<g onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></g>", "event handler attribute 'onload'", "alert"},
      {"<rect width=\"1\" height=\"1\" ONCLICK=\"alert(1)\"/>", "event handler attribute 'ONCLICK'", "alert"},
      {"<a href=\"javascript:alert(1)\"><text>click</text></a>", "element <a> is not allowed", "javascript"},
      {"<path d=\"M0 0\" fill=\"javascript:alert(1)\"/>", "may not contain 'javascript:'", "javascript"},
      {"<use href=\"https://evil.example/x.svg#a\"/>", "element <use>", "evil.example"},
      {"<use xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"https://evil.example/x.svg#a\"/>",
       "element <use>", "evil.example"},
      {"<text xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"https://evil.example/\">t</text>",
       "attribute 'xlink:href' is not allowed", "evil.example"},
      {"<text href=\"https://evil.example/\">t</text>", "attribute 'href' is not allowed", "evil.example"},
      {"<image href=\"https://evil.example/x.png\" width=\"9\" height=\"9\"/>", "element <image>", "evil.example"},
      {"<foreignObject width=\"9\" height=\"9\"><body xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script>"
       "</body></foreignObject>",
       "element <foreignObject>", "alert"},
      {"<style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/p) }</style>",
       "element <style>", "evil.example"},
      {"<rect width=\"1\" height=\"1\" style=\"fill:url(https://evil.example/p)\"/>",
       "attribute 'style' is not allowed", "evil.example"},
      {"<rect width=\"1\" height=\"1\" fill=\"url(https://evil.example/p#x)\"/>", "may only refer to this diagram",
       "evil.example"},
      {"<rect width=\"1\" height=\"1\" fill=\"URL( 'https://evil.example/p' )\"/>", "may only refer to this diagram",
       "evil.example"},
      {"<rect width=\"1\" height=\"1\" fill=\"u\\72l(https://evil.example/p)\"/>", "may not contain '\\'",
       "evil.example"},
      {"<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(1)</html:script>", "element <html:script>",
       "alert"},
      {"<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>", "element <xi:include>",
       "passwd"},
      {"<animate attributeName=\"fill\" to=\"red\"/>", "element <animate>", "animate"},
      {"<set attributeName=\"onmouseover\" to=\"alert(1)\"/>", "element <set>", "alert"},
      {"<text id='x\" onload=\"alert(1)'>t</text>", "id 'x\" onload=\"alert(1)' must be", "alert"},
      {"<?xml-stylesheet href=\"https://evil.example/x.css\"?><rect width=\"1\" height=\"1\"/>",
       "processing instruction '<?xml-stylesheet'", "evil.example"},
  };
  for (const auto& test : cases) {
    INFO(test.body);
    const auto svg = sanitise_svg(kOpen + test.body + "</svg>", {"Alt", "d1-"});
    INFO(messages(svg));
    CHECK_THAT(messages(svg), Contains(test.problem));
    CHECK_THAT(svg.html, !Contains(test.never) && !Contains("<script") && !Contains(" on"));
  }
}

TEST_CASE("text and the alt text are escaped, so they cannot close the svg", "[markdown][svg][hostile]") {
  const auto svg = sanitise_svg(kOpen + "<text>&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text></svg>",
                                {"\"><script>alert(2)</script>", "d1-"});
  CHECK(svg.problems.empty());
  CHECK_THAT(svg.html, !Contains("<script") && !Contains("</svg><"));
  CHECK_THAT(svg.html, Contains("&lt;/svg&gt;&lt;script&gt;alert(1)") && Contains("\"&gt;&lt;script&gt;alert(2)"));
}

TEST_CASE("a DOCTYPE refuses the whole file: no entity is expanded or fetched (XXE, billion laughs)",
          "[markdown][svg][hostile]") {
  const std::string svg_open = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">";
  SECTION("an external entity (XXE) is never read") {
    const auto svg =
        sanitise_svg("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n" +
                     svg_open + "<text>&xxe;</text></svg>");
    CHECK(svg.html.empty());
    REQUIRE(!svg.problems.empty());
    CHECK(svg.problems.front().line == 2);
    CHECK_THAT(svg.problems.front().message, Contains("DOCTYPE is not allowed"));
    CHECK_THAT(messages(svg), !Contains("root:"));
  }
  SECTION("an external DTD is never fetched") {
    const auto svg = sanitise_svg("<!DOCTYPE svg SYSTEM \"http://127.0.0.1:9/x.dtd\">" + svg_open + "</svg>");
    CHECK(svg.html.empty());
    CHECK_THAT(messages(svg), Contains("DOCTYPE is not allowed"));
  }
  SECTION("nested entities (billion laughs) are refused quickly, not expanded") {
    std::string doctype = "<!DOCTYPE svg [\n<!ENTITY l0 \"lollollollollol\">\n";
    for (int level = 1; level <= 10; ++level) {
      doctype += "<!ENTITY l" + std::to_string(level) + " \"";
      for (int copy = 0; copy < 10; ++copy) doctype += "&l" + std::to_string(level - 1) + ";";
      doctype += "\">\n";
    }
    const auto started = std::chrono::steady_clock::now();
    const auto svg = sanitise_svg(doctype + "]>\n" + svg_open + "<text>&l10;</text></svg>");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(svg.html.empty());
    CHECK(!svg.problems.empty());
    CHECK_THAT(svg.html, !Contains("lollol"));
    CHECK(seconds < 2.0);
  }
}

TEST_CASE("diagram problems name the line they are on", "[markdown][svg]") {
  struct Case {
    std::string file;
    int line;
    const char* message;
  };
  const Case cases[] = {
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n<g>\n<rect>\n</g>\n</svg>", 4, "not valid XML"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n\n<script/>\n</svg>", 3,
       "element <script> is not allowed"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n<rect\n/>\nstray words\n</svg>", 4,
       "text outside <text> is not shown"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\">\n</svg>", 1, "needs a viewBox"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\" width=\"360\">\n</svg>", 1,
       "must not set 'width'"},
      {"<svg viewBox=\"0 0 9 9\">\n</svg>", 1, "root element must be <svg xmlns="},
      {"\n<html xmlns=\"http://www.w3.org/2000/svg\"/>", 2, "root element must be <svg"},
      {"not xml at all", 1, "not valid XML"},
      {"", 1, "not valid XML"},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\"><text>bad \xC3\x28 byte</text></svg>", 1,
       "not valid XML"},
      {std::string(kc::markdown::kMaxSvgBytes + 1, ' '), 1, "over 32 KiB"},
  };
  for (const auto& test : cases) {
    INFO(test.file.substr(0, 200));
    const auto svg = sanitise_svg(test.file);
    INFO(messages(svg));
    REQUIRE(!svg.problems.empty());
    CHECK(svg.problems.front().line == test.line);
    CHECK_THAT(svg.problems.front().message, Contains(test.message));
  }
}

TEST_CASE("a diagram named by neither alt text nor a title points at no missing title", "[markdown][svg]") {
  const auto svg = sanitise_svg(kOpen + "<rect width=\"5\" height=\"5\"/></svg>", {"", "d1-"});
  CHECK(svg.problems.empty());
  CHECK_THAT(svg.html, Catch::StartsWith("<svg viewBox=\"0 0 100 50\" class=\"diagram\" role=\"img\"><rect"));
}
