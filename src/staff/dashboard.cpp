#include "staff/dashboard.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <system_error>
#include <tuple>

#include "content/link_resolver.h"
#include "stats/calendar.h"

namespace kc::staff {
namespace {

using content::Corpus;
using content::Document;

GuideRef ref_of(const Document& doc, std::string date = {}) {
  return {doc.language, doc.slug, doc.title, doc.path, std::move(date)};
}

// The newest version of `source` saved no later than `translation`, "" when none was.
std::string made_from(const std::vector<FileVersion>& source, const FileVersion& translation) {
  for (const FileVersion& version : source) {  // newest first
    if (version.order <= translation.order) return version.id;
  }
  return {};
}

void judge_translation(LanguageCell& cell, const std::vector<FileVersion>& source,
                       const std::vector<FileVersion>& translation) {
  if (source.empty() || translation.empty()) return;  // no history: nothing to compare
  cell.source_now = source.front().id;
  cell.made_from = made_from(source, translation.front());
  if (source.front().order > translation.front().order) cell.state = LanguageState::Stale;
}

// The guides of each work, by work id then language (the first guide of a language wins).
std::map<std::string, std::map<std::string, const Document*>> works_of(const Corpus& corpus) {
  std::map<std::string, std::map<std::string, const Document*>> works;
  for (const Document& doc : corpus.documents) works[doc.work].emplace(doc.language, &doc);
  return works;
}

WorkRow work_row(const std::string& work, const std::map<std::string, const Document*>& guides,
                 const FileHistory& history) {
  const auto english = guides.find("en");
  const Document* source = english != guides.end() ? english->second : nullptr;
  const Document* first = source;
  for (const std::string& language : content::kLanguages) {
    if (first == nullptr && guides.count(language)) first = guides.at(language);
  }
  if (first == nullptr) first = guides.begin()->second;  // only guides in other languages
  WorkRow row{work, first->title, first->topic, first->language, first->slug, {}, 0, 0};
  const std::vector<FileVersion> source_versions = source ? history(source->path) : std::vector<FileVersion>{};
  for (const std::string& language : content::kLanguages) {
    LanguageCell cell;
    cell.language = language;
    if (const auto it = guides.find(language); it != guides.end()) {
      cell.state = LanguageState::Present;
      cell.slug = it->second->slug;
      cell.path = it->second->path;
      if (source && it->second != source) judge_translation(cell, source_versions, history(cell.path));
    }
    row.languages.push_back(std::move(cell));
  }
  return row;
}

// Drafts, guides scheduled after today, and guides whose review date has passed.
void add_publishing_states(const Corpus& corpus, const std::string& today, Dashboard& dashboard) {
  for (const Document& doc : corpus.documents) {
    if (doc.draft) {
      dashboard.drafts.push_back(ref_of(doc));
    } else if (doc.published && *doc.published > today) {
      dashboard.scheduled.push_back(ref_of(doc, *doc.published));
    }
    if (doc.review_by && *doc.review_by < today) dashboard.review_due.push_back(ref_of(doc, *doc.review_by));
  }
  const auto by_date = [](const GuideRef& a, const GuideRef& b) { return std::tie(a.date, a.path) < std::tie(b.date, b.path); };
  std::sort(dashboard.scheduled.begin(), dashboard.scheduled.end(), by_date);
  std::sort(dashboard.review_due.begin(), dashboard.review_due.end(), by_date);
}

void add_broken_links(const Corpus& corpus, Dashboard& dashboard) {
  for (const Document& doc : corpus.documents) {
    for (const Document::Link& link : doc.links) {
      if (content::resolve_link(corpus, doc, link.url).kind == content::ResolvedLink::Kind::Broken) {
        dashboard.broken_links.push_back({ref_of(doc), link.line, link.url});
      }
    }
  }
}

// The month's counted views (keyed by work) and downloads (keyed by file, credited to
// every work that attaches the file).
void add_counts(const DashboardInputs& inputs, Dashboard& dashboard) {
  const std::int64_t today = stats::parse_day_or_throw(inputs.today, "today");
  const std::string first = stats::format_day(stats::first_of_month(today));
  std::map<std::string, std::uint64_t> views;
  std::map<std::string, std::uint64_t> downloads;
  for (const auto& row :
       stats::build_report(inputs.data_dir, {first, inputs.today, stats::Group::Doc, stats::EventKind::View}, inputs.today)
           .rows) {
    views[row.key] = row.counted;
  }
  for (const auto& row : stats::build_report(inputs.data_dir,
                                             {first, inputs.today, stats::Group::File, stats::EventKind::Download},
                                             inputs.today)
                             .rows) {
    downloads[row.key] = row.counted;
  }
  std::map<std::string, std::set<std::string>> files_of_work;
  for (const Document& doc : inputs.corpus->documents) {
    for (const content::Attachment& attachment : doc.attachments) files_of_work[doc.work].insert(attachment.file);
  }
  for (WorkRow& row : dashboard.works) {
    if (const auto it = views.find(row.work); it != views.end()) row.views = it->second;
    for (const std::string& file : files_of_work[row.work]) {
      if (const auto it = downloads.find(file); it != downloads.end()) row.downloads += it->second;
    }
  }
  const std::string from = stats::format_day(today - 29);  // 30 days, today included
  dashboard.zero_searches = stats::zero_result_searches(inputs.data_dir, from, inputs.today);
}

}  // namespace

const char* to_string(LanguageState state) {
  switch (state) {
    case LanguageState::Present: return "present";
    case LanguageState::Missing: return "missing";
    case LanguageState::Stale: return "stale";
  }
  return "missing";
}

FileHistory file_times_history(const std::filesystem::path& content_root) {
  return [content_root](const std::string& path) -> std::vector<FileVersion> {
    std::error_code error;
    const auto time = std::filesystem::last_write_time(content_root / path, error);
    if (error) return {};
    const auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
    return {FileVersion{"mtime:" + std::to_string(since_epoch), since_epoch}};
  };
}

Dashboard build_dashboard(const DashboardInputs& inputs) {
  const Corpus& corpus = *inputs.corpus;
  Dashboard dashboard;
  dashboard.today = inputs.today;
  dashboard.month = inputs.today.substr(0, 7);
  const FileHistory history = inputs.history ? inputs.history : file_times_history(corpus.root);
  for (const auto& [work, guides] : works_of(corpus)) dashboard.works.push_back(work_row(work, guides, history));
  add_publishing_states(corpus, inputs.today, dashboard);
  add_broken_links(corpus, dashboard);
  try {
    add_counts(inputs, dashboard);
  } catch (const std::exception& error) {
    // The rest of the dashboard is still worth showing; the page says why counts are absent.
    dashboard.stats_available = false;
    dashboard.stats_error = error.what();
  }
  return dashboard;
}

}  // namespace kc::staff
