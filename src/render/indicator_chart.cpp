#include "render/indicator_chart.h"

#include <algorithm>
#include <cstdio>

namespace kc::render {
namespace {

constexpr double kRow = 16;      // one month's row
constexpr double kBarX = 74;     // where bars start, after the month's name
constexpr double kBarMax = 200;  // the busiest month's bar

std::string svg_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

}  // namespace

ProgressBar progress_bar(double share, double expected) {
  return {svg_number(std::clamp(share, 0.0, 1.0) * 100), svg_number(std::clamp(expected * 100 - 0.4, 0.0, 99.2))};
}

MonthChart month_chart(const std::vector<stats::MonthCount>& months) {
  std::uint64_t busiest = 1;
  for (const auto& month : months) busiest = std::max(busiest, month.counted);
  MonthChart chart{svg_number(static_cast<double>(months.size()) * kRow + 4), {}};
  double row = 0;
  for (const auto& month : months) {
    const double width =
        month.counted == 0 ? 0 : std::max(1.0, kBarMax * static_cast<double>(month.counted) / static_cast<double>(busiest));
    chart.bars.push_back({&month, svg_number(row * kRow + 13), svg_number(row * kRow + 4), svg_number(width),
                          svg_number(kBarX + width + 4)});
    row += 1;
  }
  return chart;
}

}  // namespace kc::render
