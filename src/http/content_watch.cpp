#include "http/content_watch.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

namespace kc::http {
namespace {

constexpr const char* kPrefix = "kc serve --watch: ";

// "en/a.md, fr/b.md and 3 more": enough to recognise one's own save.
std::string listed(const std::vector<std::string>& changed) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(changed.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + changed[i];
  if (changed.size() > shown) text += " and " + std::to_string(changed.size() - shown) + " more";
  return text;
}

std::string milliseconds_since(std::chrono::steady_clock::time_point start) {
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return std::to_string(spent.count()) + " ms";
}

// What the watcher does once the changes settle.
void refresh_after_edit(Site& site, const std::vector<std::string>& changed) {
  const auto start = std::chrono::steady_clock::now();
  const staff::Refresh refreshed = site.guides.refresh();
  std::string lines;
  if (!refreshed.problems.empty()) {
    for (const content::Problem& problem : refreshed.problems) lines += content::to_string(problem) + "\n";
    lines += kPrefix + std::to_string(refreshed.problems.size()) +
             " problem(s) after changes to " + listed(changed) + "; still serving the last good version\n";
  } else if (!refreshed.ingested) {
    lines += std::string(kPrefix) + "no index yet to bring up to date (run kc ingest)\n";
  } else {
    site.cache.clear();
    const search::IngestSummary& summary = *refreshed.ingested;
    if (summary.added + summary.updated + summary.deleted == 0) {  // a staff save's own file, an attachment
      lines += kPrefix + listed(changed) + ": the index already matched (" + milliseconds_since(start) + ")\n";
    } else {
      lines += kPrefix + listed(changed) + ": " + std::to_string(summary.added) + " added, " +
               std::to_string(summary.updated) + " updated, " + std::to_string(summary.deleted) + " deleted, " +
               std::to_string(summary.unchanged) + " unchanged, live in " + milliseconds_since(start) + "\n";
    }
  }
  std::cerr << lines << std::flush;  // one write: lines from other threads do not interleave with it
}

}  // namespace

std::unique_ptr<staff::ContentWatcher> watch_content(Site& site) {
  auto watcher = std::make_unique<staff::ContentWatcher>(
      site.options.content_dir, [&site](const std::vector<std::string>& changed) { refresh_after_edit(site, changed); });
  std::cerr << kPrefix << "watching " << site.options.content_dir.string() << " for changes" << std::endl;
  return watcher;
}

}  // namespace kc::http
