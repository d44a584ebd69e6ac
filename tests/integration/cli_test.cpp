#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <regex>
#include <sstream>

#include "cli/commands.h"
#include "search/facets.h"
#include "support/fixture.h"

using kc::test::ContentFixture;
using kc::test::write_file;
using Catch::Matchers::Contains;

namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `kc ARGS…` in-process, capturing what it prints.
Run run_kc(std::vector<std::string> args) {
  args.insert(args.begin(), "kc");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  const int code = kc::cli::run(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("kc check reports every problem as path:line: message and exits 1", "[cli]") {
  ContentFixture fixture;
  CHECK(run_kc({"check", "--content", fixture.content().string()}).exit_code == 0);
  write_file(fixture.guide("en/gender/bad.md"), "---\ntitle: Bad\ntopic: gender\nlanguage: en\npublished: 2026-13-01\n---\n[x](nope.md)\n");
  const Run run = run_kc({"check", "--content", fixture.content().string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains("en/gender/bad.md:5: invalid date '2026-13-01' (expected YYYY-MM-DD)"));
  CHECK_THAT(run.err, Contains("en/gender/bad.md:7: broken link 'nope.md'"));
}

TEST_CASE("kc check names the line of a missing diagram, of an image without alt text and of a bad diagram", "[cli][svg]") {
  ContentFixture fixture;
  write_file(fixture.content() / "diagrams" / "sluice.en.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\">\n<foreignObject/>\n</svg>\n");
  write_file(fixture.guide("en/gender/pictures.md"),
             "---\ntitle: Pictures\ntopic: gender\nlanguage: en\n---\nIntro.\n\n![](/diagrams/sluice.en.svg)\n\n"
             "![A retort](/diagrams/retort.en.svg)\n");
  const Run run = run_kc({"check", "--content", fixture.content().string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains("diagrams/sluice.en.svg:2: element <foreignObject> is not allowed"));
  CHECK_THAT(run.err, Contains("en/gender/pictures.md:8: image '/diagrams/sluice.en.svg' needs alternative text"));
  CHECK_THAT(run.err, Contains("en/gender/pictures.md:10: missing diagram '/diagrams/retort.en.svg'"));
}

TEST_CASE("kc ingest prints one summary line, and a broken file changes nothing", "[cli][ingest]") {
  ContentFixture fixture;
  const std::vector<std::string> ingest = {"ingest", "--content", fixture.content().string(), "--index",
                                           fixture.index().string()};
  const Run first = run_kc(ingest);
  CHECK(first.exit_code == 0);
  CHECK(std::regex_match(first.out, std::regex("added 9, updated 0, unchanged 0, deleted 0 in [0-9]+\\.[0-9]{2} s\n")));

  write_file(fixture.guide("en/gender/broken.md"), "---\ntitle: [unclosed\n---\nzebrafish\n");
  std::filesystem::remove(fixture.guide("en/gender/finance-access.md"));
  const Run broken = run_kc(ingest);
  CHECK(broken.exit_code == 1);
  CHECK(broken.out.empty());
  CHECK_THAT(broken.err, Contains("en/gender/broken.md:") && Contains("malformed YAML"));
  CHECK(fixture.search_ids("savings") == std::vector<std::string>{"en/finance-access"});  // previous revision
}

TEST_CASE("kc search --json prints the /api/search shape", "[cli][search]") {
  ContentFixture fixture;
  fixture.ingest();
  const Run run = run_kc({"search", "retort", "--index", fixture.index().string(), "--json"});
  REQUIRE(run.exit_code == 0);
  const auto json = nlohmann::json::parse(run.out);
  CHECK(json["query"] == "retort");
  CHECK(json["page"] == 1);
  CHECK(json["size"] == 10);
  CHECK(json["corrected"].is_null());
  const auto& first = json["results"][0];
  for (const char* key : {"id", "title", "summary", "snippet", "topic", "language", "url", "score", "published"}) {
    CHECK(first.contains(key));
  }
  CHECK(first["url"] == "/docs/" + first["id"].get<std::string>());
  for (const char* facet : {"topic", "language", "country", "audience"}) CHECK(json["facets"][facet].is_array());
  CHECK(run_kc({"search", "qqqqzzzz", "--index", fixture.index().string()}).exit_code == 1);
  CHECK(run_kc({"search", "x", "--index", (fixture.index() / "missing").string()}).exit_code == 2);
  CHECK(run_kc({"search", "x", "--size", "500"}).exit_code == 2);
}

TEST_CASE("kc suggest prints completing titles", "[cli][search]") {
  ContentFixture fixture;
  fixture.ingest();
  const Run run = run_kc({"suggest", "ground", "--index", fixture.index().string()});
  CHECK(run.exit_code == 0);
  CHECK(run.out == "Ground support in a shaft\n");
}

TEST_CASE("kc search has a flag for every facet of the facet table", "[cli][search][facets]") {
  ContentFixture fixture;
  fixture.ingest();
  const auto all = nlohmann::json::parse(run_kc({"search", "", "--index", fixture.index().string(), "--json"}).out);
  for (const auto& facet : kc::search::kFacets) {
    INFO("facet " << facet.name);
    const auto& counts = all["facets"][facet.name];
    REQUIRE(!counts.empty());
    const Run run = run_kc({"search", "", "--index", fixture.index().string(), "--json", std::string("--") + facet.parameter,
                            counts[0]["value"].get<std::string>()});
    REQUIRE(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)["total"] == counts[0]["count"]);
  }
  CHECK(run_kc({"search", "", "--index", fixture.index().string(), "--lang", "de"}).exit_code == 2);
}
