#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <atomic>
#include <iostream>

#include <nlohmann/json.hpp>

#include "markdown/render.h"
#include "render/i18n.h"
#include "render/link.h"
#include "render/pages.h"
#include "support/temp_dir.h"

namespace {

using kc::render::GuideView;
using kc::render::PageContext;
using kc::render::Pages;
using Catch::Contains;

const std::filesystem::path kWeb = KC_TEST_DATA "/../../web";
const std::filesystem::path kContent = KC_TEST_DATA "/../../content";
const std::string kHostile = "<script>alert(1)</script>\"><img onerror=x>";

const Pages& pages() {
  static const Pages instance(kWeb);
  return instance;
}

PageContext context(const std::string& language = "en", const std::string& path = "/", const std::string& ui = "") {
  PageContext page;
  page.ui_language = language;
  page.path = path;
  page.ui_override = ui;
  return page;
}

std::size_t gzip_size(const std::string& text) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  const std::size_t size = stream.total_out;
  deflateEnd(&stream);
  return size;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A real guide of the starter content, rendered as the server would.
std::string retort_body_html() {
  const std::string markdown = read(kContent / "en/best-practice/retort-use.md");
  const auto body = markdown.find("\n---\n", 4);
  REQUIRE(body != std::string::npos);
  return kc::markdown::render(markdown.substr(body + 5)).html;
}

kc::search::IndexInfo index_info() {
  kc::search::IndexInfo index;
  index.revision = 7;
  index.documents = 33;
  const std::vector<std::pair<std::string, std::string>> topics = {
      {"best-practice", "Best practices"}, {"gender", "Gender"},      {"child-labour", "Child labour"},
      {"hiv-aids", "HIV/AIDS and malaria"}, {"biodiversity", "Biodiversity"}, {"fair-trade", "Fair trade"}};
  for (const auto& [id, name] : topics) index.topics.push_back({id, {{"en", name}, {"fr", name + " (fr)"}}, 5});
  return index;
}

kc::search::ResultItem result(int n, const std::string& language = "en") {
  kc::search::ResultItem item;
  item.id = language + "/guide-" + std::to_string(n);
  item.url = "/docs/" + item.id;
  item.title = "Keeping mercury out of the family home, part " + std::to_string(n);
  item.summary = "Amalgam burning releases vapour that stays in clothes, walls and food; here is how to keep it away.";
  item.snippet = "Heat the amalgam in a <mark>retort</mark>, never in a kitchen pan &amp; never indoors…";
  item.topic = "best-practice";
  item.language = language;
  item.score = 80 - n;
  item.published = "2026-03-0" + std::to_string(1 + n % 9);
  return item;
}

kc::search::SearchResponse results(int n) {
  kc::search::SearchResponse response;
  response.query = "retort";
  response.total = 137;
  for (int i = 0; i < n; ++i) response.results.push_back(result(i));
  response.facets["topic"] = {{"best-practice", 90}, {"hiv-aids", 30}, {"gender", 17}};
  response.facets["language"] = {{"en", 60}, {"fr", 40}, {"es", 20}, {"pt", 17}};
  response.facets["country"] = {};
  for (const char* code : {"GH", "TZ", "PE", "CO", "CD", "BF", "UG", "BO", "BR", "ZW", "MZ", "ML", "PH", "GY", "SN",
                           "KE", "ID", "HN", "GN", "EC", "CI", "AO", "VE", "SR", "SL", "NI", "NE", "MG", "CM", "ZM"}) {
    response.facets["country"].push_back({code, 10});
  }
  response.facets["audience"] = {{"miners", 100}, {"ngo", 80}, {"community", 50}, {"government", 40}, {"donors", 9}};
  return response;
}

GuideView retort_guide(const std::string& language = "en") {
  GuideView view;
  auto& document = view.document;
  document.id = language + "/retort-use";
  document.slug = "retort-use";
  document.language = language;
  document.topic = "best-practice";
  document.title = "Recovering gold with a retort instead of open burning";
  document.summary = "A retort catches the mercury vapour when amalgam is heated, protecting the miner and the family.";
  document.url = "/docs/" + language + "/retort-use";
  document.work = "retort-use";
  document.published = "2026-03-01";
  document.countries = {"GH", "TZ", "PE", "CO", "ID", "BF"};
  document.audience = {"miners", "ngo"};
  document.sources = {"UNEP Global Mercury Partnership: Reducing Mercury Use in ASGM: A Practical Guide (2012)",
                      "Minamata Convention on Mercury, Article 7 and Annex C"};
  document.attachments = {{"files/best-practices-manual.pdf", "Best Practices manual (PDF)"}};
  document.translations = {{"fr", "retorte-recuperation-or"}, {"es", "retorta-recuperacion-oro"}};
  document.html = retort_body_html();
  view.attachments = {{"/files/best-practices-manual.pdf", "Best Practices manual (PDF)", 3'600'000}};
  view.translation_titles = {{"fr", "Récupérer l’or avec une retorte"}, {"es", "Recuperar el oro con una retorta"}};
  for (int i = 0; i < 5; ++i) view.related.push_back(result(i));
  view.topic_name = "Best practices";
  return view;
}

std::vector<kc::stats::IndicatorProgress> progress() {
  std::vector<kc::stats::IndicatorProgress> all;
  for (const char* counts : {"downloads", "views"}) {
    kc::stats::IndicatorProgress item;
    item.indicator.id = std::string("best-practices-") + counts;
    item.indicator.labels = {{"en", std::string("Downloads of the Best Practices manual (") + counts + ")"}};
    item.indicator.goals = {{"en", "Improved environmental sustainability"}};
    item.indicator.counts = counts;
    item.indicator.of_kind = "file";
    item.indicator.of_values = {"files/best-practices-manual.pdf"};
    item.indicator.target = 200;
    item.indicator.from = "2026-07-01";
    item.indicator.by = "2027-12-31";
    item.counted = 42;
    item.share = 0.21;
    item.expected = 0.27;
    item.status = "behind";
    item.projected = "2028-06-30";
    const char* months[] = {"2026-07", "2026-08", "2026-09", "2026-10", "2026-11"};
    for (int i = 0; i < 5; ++i) item.months.push_back({months[i], static_cast<std::uint64_t>(3 + 4 * i)});
    all.push_back(item);
  }
  return all;
}

// Every page of the site, as realistic views in one UI language.
std::vector<std::pair<std::string, std::string>> every_page(const std::string& language = "en", const std::string& ui = "") {
  const auto index = index_info();
  kc::search::SearchRequest request;
  request.query = "retort";
  request.country = "GH";
  request.page = 3;
  auto found = results(10);
  found.corrected = "retorts";
  kc::search::SearchRequest topic_request;
  topic_request.topic = "best-practice";
  topic_request.size = 20;
  std::vector<kc::search::ResultItem> latest;
  for (int i = 0; i < 8; ++i) latest.push_back(result(i));
  return {
      {"home", pages().home(context(language, "/", ui), index, latest)},
      {"topic", pages().topic(context(language, "/topics/best-practice", ui), index.topics[0], topic_request, results(20))},
      {"guide", pages().guide(context(language, "/docs/en/retort-use", ui), retort_guide())},
      {"search", pages().search(context(language, "/search", ui), request, found, index)},
      {"search with no results", pages().search(context(language, "/search", ui), request, {}, index)},
      {"indicators", pages().indicators(context(language, "/indicators", ui), progress(), "2026-11-27")},
      {"privacy", pages().privacy(context(language, "/privacy", ui))},
      {"not found", pages().not_found(context(language, "/nowhere", ui), index)},
      {"not found without an index", pages().not_found(context(language, "/nowhere", ui))},
      {"error", pages().error(context(language, "/search", ui), 400)},
  };
}

}  // namespace

TEST_CASE("the renderer loads the real templates and strings, and refuses a broken web folder naming the file", "[render]") {
  REQUIRE_NOTHROW(pages());
  kc::test::TempDir web;
  std::filesystem::copy(kWeb / "i18n", web / "i18n");
  std::filesystem::copy(kWeb / "static", web / "static");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("templates"));
  std::filesystem::copy(kWeb / "templates", web / "templates");
  REQUIRE_NOTHROW(Pages(web.path()));

  kc::test::write_file(web / "templates/error.tpl", "<h1>{{MESSAGE}}</h1>\n");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("error.tpl") && Contains("AUTOESCAPE"));
  kc::test::write_file(web / "templates/error.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<h1>{{#OPEN}}</h1>\n");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("error.tpl"));
  std::filesystem::remove(web / "templates/error.tpl");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("error.tpl"));

  std::filesystem::copy_file(kWeb / "templates/error.tpl", web / "templates/error.tpl");
  kc::test::write_file(web / "i18n/pt.json", "{\"nav.home\": 3}");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("pt.json"));

  std::filesystem::copy_file(kWeb / "i18n/pt.json", web / "i18n/pt.json", std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove_all(web / "static");
  CHECK_THROWS_WITH(Pages(web.path()), Contains("static") && Contains("icon.*.svg"));
}

TEST_CASE("every UI string the renderer uses exists in all four languages", "[render]") {
  std::map<std::string, std::set<std::string>> keys;
  for (const auto& language : kc::render::kUiLanguages) {
    const auto json = nlohmann::json::parse(read(kWeb / "i18n" / (language + ".json")));
    REQUIRE(json.is_object());
    for (const auto& [key, value] : json.items()) {
      INFO(language << ": " << key);
      CHECK(value.is_string());
      CHECK_FALSE(value.get<std::string>().empty());
      keys[language].insert(key);
    }
  }
  for (const auto& language : kc::render::kUiLanguages) {
    INFO(language);
    CHECK(keys[language] == keys["en"]);
  }
  CHECK(pages().text("fr", "nav.privacy") == "Confidentialité");
  CHECK(pages().text("xx", "nav.privacy") == "Privacy");
  CHECK(pages().text("fr", "no.such.key") == "no.such.key");
}

TEST_CASE("hostile strings are escaped on every rendered page", "[render]") {
  const auto index = [] {
    auto info = index_info();
    info.topics[0].names["en"] = kHostile;
    return info;
  }();
  auto hostile = result(1);
  hostile.title = kHostile;
  hostile.summary = kHostile;
  hostile.snippet = "";
  hostile.url = "javascript:alert(1)";
  hostile.topic = "best-practice";
  hostile.language = "\"><b>";

  auto guide = retort_guide();
  guide.document.title = kHostile;
  guide.document.summary = kHostile;
  guide.document.sources = {kHostile};
  guide.document.countries = {kHostile};
  guide.document.translations = {{"fr", "x\"><script>"}};
  guide.translation_titles = {{"fr", kHostile}};
  guide.attachments = {{"javascript:alert(1)", kHostile, 1000}};
  guide.topic_name = kHostile;
  guide.related = {hostile};

  kc::search::SearchRequest request;
  request.query = kHostile;
  request.country = kHostile;
  request.topic = "best-practice";
  auto response = results(0);
  response.results = {hostile};
  response.corrected = kHostile;
  response.facets["audience"] = {{kHostile, 3}};
  auto indicator = progress();
  indicator[0].indicator.labels = {{"en", kHostile}, {"fr", kHostile}};
  indicator[0].indicator.goals = {{"en", kHostile}};
  indicator[0].indicator.first_due = kHostile;
  indicator[0].indicator.set_by = "plan";
  indicator[0].indicator.id = kHostile;
  indicator[0].status = kHostile;
  indicator[0].months[0].month = kHostile;

  const std::vector<std::pair<std::string, std::string>> rendered = {
      {"home", pages().home(context("en", "/\"><script>"), index, {hostile})},
      {"topic", pages().topic(context(), index.topics[0], request, response)},
      {"guide", pages().guide(context("en", "/docs/en/<script>"), guide)},
      {"search", pages().search(context("en", "/search", "fr"), request, response, index)},
      {"indicators", pages().indicators(context(), indicator, kHostile)},
      {"not found", pages().not_found(context("en", "/<script>alert(1)</script>"), index)},
      {"error", pages().error(context("en", "/\"><img onerror=x>"), 999)},
  };
  for (const auto& [name, html] : rendered) {
    INFO(name);
    CHECK_THAT(html, !Contains("<script") && !Contains("<img onerror") &&
                         !Contains("javascript:") && !Contains("<b>"));
  }
  CHECK_THAT(rendered[0].second, Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img onerror=x&gt;"));
  CHECK_THAT(rendered[3].second, Contains("value=\"&lt;script&gt;"));  // the query echoed in the search box
}

TEST_CASE("the guide body and the search snippet are rendered as given", "[render]") {
  auto guide = retort_guide();
  guide.document.html = "<p>Body with <em>emphasis</em> &amp; an <a href=\"/docs/en/x\">internal link</a>.</p>";
  CHECK_THAT(pages().guide(context(), guide), Contains(guide.document.html));

  kc::search::SearchRequest request;
  request.query = "retort";
  const auto html = pages().search(context("en", "/search"), request, results(3), index_info());
  CHECK_THAT(html, Contains("Heat the amalgam in a <mark>retort</mark>, never in a kitchen pan &amp; never indoors…"));
}

TEST_CASE("rendered pages set html lang to the UI language, and content in another language carries its own lang", "[render]") {
  for (const auto& [name, html] : every_page("pt")) {
    INFO(name);
    CHECK_THAT(html, Contains("<html lang=\"pt\">"));
  }
  const auto guide = pages().guide(context("en", "/docs/fr/retorte-recuperation-or"), retort_guide("fr"));
  CHECK_THAT(guide, Contains("<html lang=\"en\">"));
  CHECK_THAT(guide, Contains("<h1 lang=\"fr\">") && Contains("<div class=\"body\" lang=\"fr\">"));
  CHECK(pages().home(context("xx"), index_info(), {}).find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("rendered guides link their translations with hreflang, in their own language", "[render]") {
  auto page = context("en", "/docs/en/retort-use");
  page.origin = "https://kc.example.org";
  const auto html = pages().guide(page, retort_guide());
  CHECK_THAT(html, Contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://kc.example.org/docs/en/retort-use\">"));
  CHECK_THAT(html, Contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://kc.example.org/docs/fr/retorte-recuperation-or\">"));
  CHECK_THAT(html, Contains("<link rel=\"alternate\" hreflang=\"es\" href=\"https://kc.example.org/docs/es/retorta-recuperacion-oro\">"));
  CHECK_THAT(html, Contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://kc.example.org/docs/en/retort-use\">"));
  CHECK_THAT(html, Contains("href=\"/docs/fr/retorte-recuperation-or\" hreflang=\"fr\" lang=\"fr\">Français</a>"));
  CHECK_THAT(html, Contains("href=\"/docs/es/retorta-recuperacion-oro\" hreflang=\"es\" lang=\"es\">Español</a>"));
}

TEST_CASE("rendered guides show attachment sizes and 2G times, metadata and sources", "[render]") {
  const auto html = pages().guide(context(), retort_guide());
  CHECK_THAT(html, Contains("href=\"/files/best-practices-manual.pdf\""));
  CHECK_THAT(html, Contains("3.4 MB · about 2 min on 2G"));
  CHECK_THAT(html, Contains("<time datetime=\"2026-03-01\">1 March 2026</time>"));
  CHECK_THAT(html, Contains("Ghana, Tanzania, Peru, Colombia, Indonesia, Burkina Faso"));
  CHECK_THAT(html, Contains("Miners, NGOs") && Contains("Minamata Convention on Mercury, Article 7 and Annex C"));
  const auto french = pages().guide(context("fr"), retort_guide());
  CHECK_THAT(french, Contains("3,4 Mo · environ 2 min en 2G") && Contains("1 mars 2026"));
}

TEST_CASE("sizes, 2G download times, numbers and dates render naturally in each language", "[render]") {
  const kc::render::Strings strings(kWeb / "i18n", kc::render::kUiLanguages);
  CHECK(strings.size("en", 340 * 1024) == "340 KB");
  CHECK(strings.size("en", 1'258'291) == "1.2 MB");
  CHECK(strings.size("en", 10) == "1 KB");
  CHECK(strings.size("fr", 1'258'291) == "1,2 Mo");
  CHECK(strings.size("en", 2 * 1024 * 1024) == "2 MB");
  CHECK(strings.download_time("en", 157'434) == "about 10 s on 2G");
  CHECK(strings.download_time("en", 3'600'000) == "about 2 min on 2G");
  CHECK(strings.download_time("es", 3'600'000) == "unos 2 min en 2G");
  CHECK(strings.download_time("en", 1'000'000'000) == "about 9.3 h on 2G");
  CHECK(strings.number("en", 1234567) == "1,234,567");
  CHECK(strings.number("es", 1234567) == "1.234.567");
  CHECK(strings.date("es", "2026-03-01") == "1 de marzo de 2026");
  CHECK(strings.date("es", "2005-06") == "junio de 2005");
  CHECK(strings.date("fr", "2005-06") == "juin 2005");
  CHECK(strings.date("en", "2005-13") == "2005-13");
  CHECK(strings.date("en", "not a date") == "not a date");
  CHECK(strings.percent("en", 0.2137) == "21%");
  CHECK(strings.percent("en", 0.025) == "2.5%");
}

TEST_CASE("rendered links are site-relative and percent-encoded", "[render]") {
  using kc::render::Link;
  CHECK(Link("/search").add("q", "mercury free & safe").add("topic", "").str() == "/search?q=mercury%20free%20%26%20safe");
  CHECK(Link("//evil.example/x").str() == "/evil.example/x");
  CHECK(Link("javascript:alert(1)").str() == "/javascript%3Aalert%281%29");
  CHECK(Link("/docs/fr/sécurité").str() == "/docs/fr/s%C3%A9curit%C3%A9");
}

TEST_CASE("search fields are labelled on every rendered page", "[render]") {
  for (const auto& [name, html] : every_page()) {
    INFO(name);
    if (count(html, "<input") == 0) continue;
    const bool main_form = html.find("id=\"q\"") != std::string::npos;
    CHECK_THAT(html, Contains(main_form ? "<label for=\"q\">" : "<label for=\"hq\" class=\"vh\">"));
  }
  CHECK_THAT(every_page()[0].second, Contains("<label for=\"q\">Search the guides</label>") &&
                                         Contains("<input id=\"q\" name=\"q\" type=\"search\""));
}

TEST_CASE("every rendered page has exactly one h1, no script, one style and a skip link", "[render]") {
  for (const auto& language : kc::render::kUiLanguages) {
    for (const auto& [name, html] : every_page(language)) {
      INFO(language << " " << name);
      CHECK(count(html, "<h1") == 1);
      CHECK(count(html, "<style") == 1);
      CHECK(count(html, "<script") == 0);
      CHECK_THAT(html, Contains("<a class=\"skip\" href=\"#main\">") && Contains("<main id=\"main\">"));
      CHECK_THAT(html, Contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">") &&
                           Contains("<meta charset=\"utf-8\">"));
    }
  }
}

TEST_CASE("every rendered page is at most 14 KB gzipped, and a guide's chrome at most 6 KB", "[render]") {
  for (const auto& [name, html] : every_page()) {
    INFO(name << ": " << html.size() << " bytes, " << gzip_size(html) << " gzipped");
    CHECK(gzip_size(html) <= 14 * 1024);
  }
  auto guide = retort_guide();
  guide.document.html.clear();
  const auto chrome = pages().guide(context(), guide);
  INFO("guide without its body: " << gzip_size(chrome) << " gzipped");
  CHECK(gzip_size(chrome) <= 6 * 1024);
}

TEST_CASE("the rendered indicators page draws accessible SVG from numbers", "[render]") {
  const auto html = pages().indicators(context(), progress(), "2026-11-27");
  CHECK(count(html, "<svg") == 5);  // the brand mark, then two per indicator
  CHECK(count(html, "role=\"img\"") == 4);
  CHECK_THAT(html, Contains("aria-label=\"42 of 200 counted (21%); expected by today: 27%\""));
  CHECK_THAT(html, Contains("<rect class=\"v\" width=\"21.0\""));
  CHECK_THAT(html, Contains("aria-label=\"Downloads per month: Jul 2026: 3; Aug 2026: 7; Sep 2026: 11; Oct 2026: 15; Nov 2026: 19\""));
  CHECK_THAT(html, Contains("Views per month") && Contains("Behind") && Contains("30 June 2028"));
  CHECK_THAT(pages().indicators(context(), {}, "2026-11-27"), Contains("No indicators are defined yet."));
}

TEST_CASE("the indicators page speaks the UI language and says where each target comes from", "[render][i18n]") {
  auto items = progress();
  items[0].indicator.labels["fr"] = "Téléchargements du manuel des bonnes pratiques";
  items[0].indicator.set_by = "plan";
  items[0].indicator.first_due = "2005-06";
  items[1].indicator.set_by = "project";
  const auto french = pages().indicators(context("fr", "/indicators"), items, "2026-11-27");
  CHECK_THAT(french, Contains("<h2 id=\"i-best-practices-downloads\" lang=\"fr\">Téléchargements du manuel des bonnes pratiques</h2>"));
  CHECK_THAT(french, Contains("lang=\"en\">Downloads of the Best Practices manual (views) <span class=\"chip\" lang=\"fr\">"
                              "Objectif propre au projet</span></h2>"));
  CHECK_THAT(french, Contains("<dt>Origine de l’objectif</dt><dd>Le plan stratégique : 200 téléchargements, d’abord prévus "
                              "pour juin 2005 ; objectif reconduit du 1 juillet 2026 au 31 décembre 2027.</dd>"));
  CHECK_THAT(french, Contains("Fixé par le projet lui-même"));
  const auto english = pages().indicators(context("en", "/indicators"), items, "2026-11-27");
  CHECK_THAT(english, Contains("The strategic plan: 200 downloads, first due by June 2005; restated for 1 July 2026 to "
                               "31 December 2027.") && Contains("Project&#39;s own target"));
  CHECK(count(english, "class=\"chip\"") == 1);
}

TEST_CASE("rendered search links keep the filters, and facets add or remove one", "[render]") {
  kc::search::SearchRequest request;
  request.query = "mercury free";
  request.country = "GH";
  request.sort = kc::search::SortOrder::Date;
  request.page = 2;
  auto response = results(10);
  response.corrected = "mercury-free";
  const auto html = pages().search(context("en", "/search"), request, response, index_info());
  CHECK_THAT(html, Contains("137 guides for “mercury free”"));
  // &amp; in attributes is the HTML escaping of &: the browser sends "&".
  CHECK_THAT(html, Contains("href=\"/search?q=mercury%20free&amp;topic=best-practice&amp;country=GH&amp;sort=date\">Best practices</a>"));
  CHECK_THAT(html, Contains("href=\"/search?q=mercury%20free&amp;sort=date\">remove"));
  CHECK_THAT(html, Contains("href=\"/search?q=mercury%20free&amp;country=GH&amp;sort=date&amp;page=3\" rel=\"next\""));
  CHECK_THAT(html, Contains("href=\"/search?q=mercury%20free&amp;country=GH\">best match</a>"));
  CHECK_THAT(html, Contains("href=\"/search?q=mercury-free&amp;country=GH&amp;sort=date\">mercury-free</a>"));
  CHECK_THAT(html, Contains("<span aria-current=\"page\"><span class=\"vh\">Page </span>2</span>"));
  CHECK_THAT(html, Contains("Country: Ghana"));
  CHECK(html.find("<summary>Country</summary>") == std::string::npos);  // the active filter is not offered again
  CHECK_THAT(html, Contains("<summary>Audience</summary>"));
}

TEST_CASE("a search without results renders what to try next", "[render]") {
  kc::search::SearchRequest request;
  request.query = "qwzx";
  request.topic = "gender";
  const auto html = pages().search(context("en", "/search"), request, {}, index_info());
  CHECK_THAT(html, Contains("No guides found for “qwzx”") && Contains("Check the spelling"));
  CHECK_THAT(html, Contains("href=\"/search?q=qwzx\">Search again without filters</a>"));
  CHECK_THAT(html, Contains("href=\"/topics/fair-trade\">Fair trade</a>"));
}

TEST_CASE("a chosen UI language is kept on every rendered link, and the switcher offers the others", "[render]") {
  const auto html = pages().guide(context("fr", "/docs/en/retort-use", "fr"), retort_guide());
  CHECK_THAT(html, Contains("href=\"/?ui=fr\"") && Contains("href=\"/privacy?ui=fr\"") &&
                       Contains("href=\"/topics/best-practice?ui=fr\"") && Contains("<input type=\"hidden\" name=\"ui\" value=\"fr\">"));
  CHECK_THAT(html, Contains("href=\"/docs/en/retort-use?ui=pt\" hreflang=\"pt\" lang=\"pt\">Português</a>"));
  CHECK_THAT(html, Contains("<span aria-current=\"true\" lang=\"fr\">Français</span>"));
  CHECK_THAT(html, Contains("href=\"/files/best-practices-manual.pdf\""));  // downloads need no ui
  const auto plain = pages().guide(context("fr", "/docs/en/retort-use"), retort_guide());
  CHECK(plain.find("ui=fr") == std::string::npos);
}

TEST_CASE("error pages render a generic message by status and no internals", "[render]") {
  CHECK_THAT(pages().error(context(), 500), Contains("Sorry, something went wrong on our side") && Contains("Error 500"));
  CHECK_THAT(pages().error(context("es"), 405), Contains("Este tipo de solicitud no está permitido aquí."));
  CHECK_THAT(pages().error(context(), 599), Contains("The request could not be completed."));
  CHECK_THAT(pages().not_found(context(), index_info()), Contains("Page not found") && Contains("/topics/gender"));
}

TEST_CASE("the rendered privacy page says what is recorded in plain words", "[render]") {
  const auto html = pages().privacy(context());
  CHECK_THAT(html, Contains("keyed hash of your IP address") && Contains("replaced every day") &&
                       Contains("never stored") && Contains("No cookies") && Contains("without any visitor key"));
}

TEST_CASE("pages can be rendered from many threads at once", "[render]") {
  const auto expected = pages().guide(context(), retort_guide());
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      const auto guide = retort_guide();
      for (int i = 0; i < 25; ++i) {
        if (pages().guide(context(), guide) != expected) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == 0);
}

TEST_CASE("sample pages are rendered to /tmp/kc-pages for a visual check", "[render][.samples]") {
  const std::filesystem::path out = "/tmp/kc-pages";
  std::filesystem::create_directories(out);
  for (const auto& [name, html] : every_page()) {
    std::string file = name;
    for (auto& ch : file) ch = ch == ' ' ? '-' : ch;
    kc::test::write_file(out / (file + ".html"), html);
    std::cout << file << ".html " << html.size() << " bytes, " << gzip_size(html) << " gzipped\n";
  }
}

TEST_CASE("a page is one request: the brand mark inline, the favicon a data: URL of the same drawing", "[render]") {
  const auto html = pages().home(context(), index_info(), {});
  CHECK(html.find("src=\"/static/") == std::string::npos);
  CHECK(html.find("href=\"/static/") == std::string::npos);
  const auto favicon = html.find("<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'");
  REQUIRE(favicon != std::string::npos);
  CHECK(html.find('"', favicon + 60) - favicon < 2000);
  CHECK_THAT(html, Contains("<a class=\"brand\" href=\"/\"><svg width=\"32\" height=\"32\" aria-hidden=\"true\""));
  CHECK(count(html, "<circle") == 1);  // the drawing itself, inline once
}
