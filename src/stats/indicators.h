#pragma once
// Progress of the indicator targets of content/indicators.yaml (DESIGN §6): counted
// events in [from, by] against the target, the expected linear pace by today, a status
// and the day the target is reached at the current pace. `today` is a parameter so tests
// control time. Throws StatsError (also for a date that is not YYYY-MM-DD, a `counts`
// other than downloads/views or an `of` other than file/doc/topic).
//
// Days are inclusive UTC days. Of [from, by] (N days), `elapsed` = the days from `from`
// through today, clamped to 0..N; expected = elapsed / N. Status: after `by`, closed-met
// or closed-missed; else met (counted >= target), on-track (share >= expected) or behind.
// projected: when met, the day the target was reached; otherwise the last day of the
// ceil(target × elapsed / counted)-th day from `from` (the pace so far, continued), past
// `by` if need be; null when nothing was counted yet. `of`: file → the event's item,
// files → any of the group's items (the language versions of one manual are one target),
// doc → its work (all translations), topic → its topic. Folded months (older than
// retention) count on their first day.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.h"

namespace kc::stats {

struct MonthCount {
  std::string month;  // YYYY-MM
  std::uint64_t counted = 0;
};

struct IndicatorProgress {
  content::Indicator indicator;
  std::uint64_t counted = 0;
  double share = 0;                      // counted / target
  double expected = 0;                   // the share expected by today at a linear pace (0..1)
  std::string status;                    // met, on-track, behind, closed-met, closed-missed
  std::optional<std::string> projected;  // YYYY-MM-DD: reached (if met) or reached at the current pace
  std::vector<MonthCount> months;        // every month of [from, min(by, today)], for the chart
};

std::vector<IndicatorProgress> indicator_progress(const std::filesystem::path& data_dir,
                                                  const std::vector<content::Indicator>& indicators,
                                                  const std::string& today);

}  // namespace kc::stats
