#include <catch2/catch.hpp>

#include "render/indicator_chart.h"

using namespace kc::render;

TEST_CASE("the progress bar is the share of 100 and the pace tick stays inside it", "[render][indicators]") {
  CHECK(progress_bar(0.5, 0.25).width == "50.0");
  CHECK(progress_bar(0.5, 0.25).expected_x == "24.6");
  CHECK(progress_bar(1.7, 2.0).width == "100.0");  // past the target: a full bar
  CHECK(progress_bar(1.7, 2.0).expected_x == "99.2");
  CHECK(progress_bar(-0.1, 0.0).width == "0.0");
  CHECK(progress_bar(-0.1, 0.0).expected_x == "0.0");
}

TEST_CASE("the monthly chart has a row per month, bars scaled to the busiest", "[render][indicators]") {
  const std::vector<kc::stats::MonthCount> months = {{"2026-01", 10}, {"2026-02", 0}, {"2026-03", 40}, {"2026-04", 1}};
  const MonthChart chart = month_chart(months);
  CHECK(chart.height == "68.0");
  REQUIRE(chart.bars.size() == 4);
  CHECK(chart.bars[0].month == &months[0]);
  CHECK(chart.bars[0].bar_width == "50.0");
  CHECK(chart.bars[1].bar_width == "0.0");    // nothing: no bar
  CHECK(chart.bars[2].bar_width == "200.0");  // the busiest
  CHECK(chart.bars[3].bar_width == "5.0");
  CHECK(chart.bars[2].bar_y == "36.0");
  CHECK(chart.bars[2].text_y == "45.0");
  CHECK(chart.bars[2].count_x == "278.0");
  CHECK(month_chart({}).bars.empty());
}
