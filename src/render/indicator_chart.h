#pragma once
// The geometry of the indicators page's two SVG pictures, in SVG user units, as
// web/templates/indicators.tpl draws them: an indicator's progress bar (its share of the
// target, and a tick where the pace expects it to be), and its monthly chart (one row per
// month, each bar scaled to the busiest month). Numbers are text with "." as the decimal
// point whatever the UI language. Pure; thread-safe.
#include <cstdint>
#include <string>
#include <vector>

#include "stats/indicators.h"

namespace kc::render {

struct ProgressBar {
  std::string width;       // of 100
  std::string expected_x;  // where the expected-pace tick stands, of 100
};
ProgressBar progress_bar(double share, double expected);

struct MonthBar {
  const stats::MonthCount* month;  // the month it draws (YYYY-MM and its count)
  std::string text_y;              // baseline of the month's name
  std::string bar_y;
  std::string bar_width;
  std::string count_x;             // where its count is written, after the bar
};

struct MonthChart {
  std::string height;
  std::vector<MonthBar> bars;  // in the order of `months`
};
// Points into `months`, which must outlive the chart.
MonthChart month_chart(const std::vector<stats::MonthCount>& months);

}  // namespace kc::render
