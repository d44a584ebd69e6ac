#include "render/staff_work_pages.h"

#include <algorithm>
#include <ctime>
#include <functional>

#include "content/document.h"
#include "render/page_frame.h"

namespace kc::render {
namespace {

std::string edit_url(const std::string& language, const std::string& slug) { return Link("/staff/edit/" + language + "/" + slug).str(); }
std::string history_url(const std::string& language, const std::string& slug) {
  return Link("/staff/history/" + language + "/" + slug).str();
}

// The first kListItems items of a list, for a range-for.
template <typename T>
std::vector<std::reference_wrapper<const T>> first_items(const std::vector<T>& items) {
  return {items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), kListItems))};
}

bool needs_work(const staff::WorkRow& row) {
  return std::any_of(row.languages.begin(), row.languages.end(),
                     [](const staff::LanguageCell& cell) { return cell.state != staff::LanguageState::Present; });
}

// The summary line, the all/to-do switch, and the pager of the works table; returns the rows to show.
std::vector<const staff::WorkRow*> dashboard_works_page(Page& page, const staff::Dashboard& dashboard,
                                                        const DashboardView& view) {
  auto& content = page.content();
  std::size_t missing = 0, stale = 0;
  std::vector<const staff::WorkRow*> rows;
  for (const staff::WorkRow& row : dashboard.works) {
    for (const staff::LanguageCell& cell : row.languages) {
      missing += cell.state == staff::LanguageState::Missing;
      stale += cell.state == staff::LanguageState::Stale;
    }
    if (!view.only_todo || needs_work(row)) rows.push_back(&row);
  }
  const auto number = [&](std::size_t n) { return page.strings().number(page.lang(), n); };
  content.SetValue("SUMMARY", page.format("staff.dash.summary", {{"works", number(dashboard.works.size())},
                                                                 {"missing", number(missing)},
                                                                 {"stale", number(stale)}}));
  content.SetValue("SWITCH_URL", page.url(view.only_todo ? Link("/staff") : Link("/staff").add("works", "todo")) + "#works");
  content.SetValue("SWITCH", page.text(view.only_todo ? "staff.dash.show_all" : "staff.dash.show_todo"));
  const std::size_t pages = std::max<std::size_t>(1, (rows.size() + kWorksPerPage - 1) / kWorksPerPage);
  const std::size_t current = std::min<std::size_t>(static_cast<std::size_t>(std::max(view.page, 1)), pages);
  if (pages > 1) {
    auto* pager = content.AddSectionDictionary("PAGER");
    pager->SetValue("PAGE", page.format("staff.dash.page", {{"n", number(current)}, {"total", number(pages)}}));
    const auto url = [&](std::size_t n) {
      Link link("/staff");
      if (view.only_todo) link.add("works", "todo");
      return page.url(link.add("page", static_cast<int>(n))) + "#works";
    };
    if (current > 1) pager->SetValueAndShowSection("PREV_URL", url(current - 1), "PREV");
    if (current < pages) pager->SetValueAndShowSection("NEXT_URL", url(current + 1), "NEXT");
  }
  const std::size_t first = (current - 1) * kWorksPerPage;
  const std::size_t last = std::min(rows.size(), first + kWorksPerPage);
  return {rows.begin() + static_cast<std::ptrdiff_t>(first), rows.begin() + static_cast<std::ptrdiff_t>(last)};
}

void dashboard_works(Page& page, const staff::Dashboard& dashboard, const DashboardView& view) {
  auto& content = page.content();
  for (const auto& code : content::kLanguages) content.AddSectionDictionary("LANG_HEAD")->SetValue("CODE", code);
  content.SetValue("COUNTS_HEAD", page.format("staff.dash.counts", {{"month", dashboard.month}}));
  for (const staff::WorkRow* shown : dashboard_works_page(page, dashboard, view)) {
    const staff::WorkRow& row = *shown;
    auto* work = content.AddSectionDictionary("WORK");
    work->SetValue("URL", edit_url(row.source_language, row.source_slug));
    work->SetValue("LANG", row.source_language);
    work->SetValue("TITLE", row.title);
    for (const staff::LanguageCell& cell : row.languages) {
      auto* item = work->AddSectionDictionary("CELL");
      item->SetValue("STATE", staff::to_string(cell.state));
      if (cell.state == staff::LanguageState::Missing) {
        const std::string source = row.source_language + "/" + row.source_slug;
        item->SetValueAndShowSection("NEW_URL", Link("/staff/new").add("translation_of", source).add("lang", cell.language).str(),
                                     "MISSING");
        continue;
      }
      auto* links = item->AddSectionDictionary(cell.state == staff::LanguageState::Stale ? "STALE" : "PRESENT");
      links->SetValue("EDIT_URL", edit_url(cell.language, cell.slug));
      links->SetValue("HISTORY_URL", history_url(cell.language, cell.slug));
    }
    work->SetValue("COUNTS", page.strings().number(page.lang(), row.views) + " / " +
                                 page.strings().number(page.lang(), row.downloads));
  }
  if (!dashboard.stats_available) content.ShowSection("NO_STATS");
}

// "… and N more." under a list cut at kListItems, in its section `more`.
void more_items(Page& page, std::size_t total, const std::string& more) {
  if (total <= kListItems) return;
  page.content().SetValueAndShowSection(
      more, page.format("staff.dash.more", {{"n", page.strings().number(page.lang(), total - kListItems)}}), more);
}

// A list of guides in `section` (its first kListItems), or its *_NONE paragraph when there are none.
void dashboard_guides(Page& page, const std::vector<staff::GuideRef>& guides, const std::string& section,
                      const std::string& none) {
  auto& content = page.content();
  if (guides.empty()) content.ShowSection(none);
  more_items(page, guides.size(), section + "_MORE");
  for (const staff::GuideRef& guide : first_items(guides)) {
    auto* item = content.AddSectionDictionary(section);
    item->SetValue("EDIT_URL", edit_url(guide.language, guide.slug));
    item->SetValue("LANG", guide.language);
    item->SetValue("TITLE", guide.title);
    item->SetValue("DATE", guide.date.empty() ? "" : page.strings().date(page.lang(), guide.date));
  }
}

void dashboard_backlog(Page& page, const staff::Dashboard& dashboard) {
  auto& content = page.content();
  if (dashboard.broken_links.empty()) content.ShowSection("LINKS_NONE");
  more_items(page, dashboard.broken_links.size(), "LINK_MORE");
  for (const staff::BrokenLink& link : first_items(dashboard.broken_links)) {
    auto* item = content.AddSectionDictionary("LINK");
    item->SetValue("EDIT_URL", edit_url(link.guide.language, link.guide.slug));
    item->SetValue("PATH", link.guide.path);
    item->SetIntValue("LINE", link.line);
    item->SetValue("TARGET", link.url);
  }
  if (dashboard.zero_searches.empty()) content.ShowSection("SEARCHES_NONE");
  more_items(page, dashboard.zero_searches.size(), "SEARCH_MORE");
  for (const stats::ZeroResultSearch& search : first_items(dashboard.zero_searches)) {
    auto* item = content.AddSectionDictionary("SEARCH");
    item->SetValue("QUERY", search.query);
    item->SetValue("LANG", search.language);
    item->SetValue("COUNT", page.format("staff.dash.searched", {{"n", page.strings().number(page.lang(), search.count)},
                                                                {"date", page.strings().date(page.lang(), search.last)}}));
  }
}

}  // namespace

std::string staff_dashboard(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                            const staff::Dashboard& dashboard, const DashboardView& view) {
  const Engine& engine = pages.engine();
  Page page(engine, context, "staff_dashboard.tpl", engine.strings.get(context.ui_language, "staff.dash.title"));
  staff_frame(page, frame);
  page.content().SetValue("NEW_URL", "/staff/new");
  page.content().SetValue("UPLOAD_URL", "/staff/upload");
  dashboard_works(page, dashboard, view);
  dashboard_guides(page, dashboard.review_due, "REVIEW", "REVIEW_NONE");
  dashboard_guides(page, dashboard.drafts, "DRAFT", "DRAFTS_NONE");
  dashboard_guides(page, dashboard.scheduled, "SCHEDULED", "SCHEDULED_NONE");
  dashboard_backlog(page, dashboard);
  return page.expand();
}

std::string staff_upload(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                         const UploadView& view) {
  const Engine& engine = pages.engine();
  Page page(engine, context, "staff_upload.tpl", engine.strings.get(context.ui_language, "staff.upload.title"));
  staff_frame(page, frame);
  auto& content = page.content();
  const std::string max = page.strings().size(page.lang(), view.max_bytes);
  content.SetValue("INTRO", page.format("staff.upload.intro", {{"max", max}}));
  content.SetValue("ACTION", view.action);
  content.SetValue("CSRF", frame.csrf);
  content.SetValue("NAME", view.name);
  content.SetValue("GUIDE", view.guide);
  content.SetValue("TITLE", view.title);
  content.SetValue("DASHBOARD_URL", "/staff");
  if (view.outcome.empty()) return page.expand();
  std::string guides;
  for (const std::string& id : view.used_by) guides += (guides.empty() ? "" : ", ") + id;
  const std::string message =
      page.format("staff.upload." + view.outcome, {{"file", view.file},
                                                   {"size", page.strings().size(page.lang(), view.bytes)},
                                                   {"max", max},
                                                   {"guides", guides.empty() ? page.text("staff.upload.unused") : guides}});
  if (view.outcome == "done") {
    auto* done = content.AddSectionDictionary("DONE");
    done->SetValue("MESSAGE", message);
    done->SetValue("URL", Link("/" + view.file).str());
    done->SetValue("FILE", view.file);
    if (view.attached) {
      done->SetValueAndShowSection("ATTACHED", page.format("staff.upload.attached", {{"guide", view.guide}}), "ATTACHED");
      done->SetValue("GUIDE_URL", Link("/staff/edit/" + view.guide).str());
    } else {
      done->ShowSection("NOT_ATTACHED");
    }
  } else {
    content.SetValueAndShowSection("MESSAGE", message, "PROBLEM");
  }
  return page.expand();
}

namespace {

// "2026-12-05 23:41 UTC" (history times are whole seconds since 1970, UTC).
std::string utc_time(std::int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

// Each line of a unified diff with its kind, for colour and for screen readers' sake a
// leading +/- kept in the text.
void diff_lines(TemplateDictionary& parent, const std::string& diff) {
  std::size_t start = 0;
  while (start < diff.size()) {
    std::size_t end = diff.find('\n', start);
    if (end == std::string::npos) end = diff.size();
    const std::string line = diff.substr(start, end - start);
    start = end + 1;
    auto* item = parent.AddSectionDictionary("LINE");
    item->SetValue("TEXT", line);
    const bool header = line.rfind("+++", 0) == 0 || line.rfind("---", 0) == 0 || line.rfind("@@", 0) == 0;
    item->SetValue("KIND", header ? "h" : line.rfind('+', 0) == 0 ? "a" : line.rfind('-', 0) == 0 ? "d" : "c");
  }
}

}  // namespace

std::string staff_history(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                          const HistoryView& view) {
  const Engine& engine = pages.engine();
  const std::string id = view.language + "/" + view.slug;
  const std::string title =
      engine.strings.format(context.ui_language, "staff.hist.title", {{"title", view.title.empty() ? id : view.title}});
  Page page(engine, context, "staff_history.tpl", title);
  staff_frame(page, frame);
  auto& content = page.content();
  content.SetValue("HEADING", title);
  content.SetValue("EDIT_URL", page.url(Link("/staff/edit/" + id)));
  content.SetValue("ACTION", page.url(Link("/staff/history/" + id)));
  if (view.restored_time != 0) {
    content.SetValueAndShowSection("TEXT", page.format("staff.hist.restored", {{"time", utc_time(view.restored_time)}}), "RESTORED");
  }
  if (!view.problem.empty()) content.SetValueAndShowSection("TEXT", view.problem, "PROBLEM");
  if (view.versions.empty()) content.ShowSection("NONE");
  for (std::size_t i = 0; i < view.versions.size(); ++i) {
    const staff::Version& version = view.versions[i];
    auto* item = content.AddSectionDictionary("VERSION");
    item->SetValue("TIME", utc_time(version.time));
    item->SetValue("AUTHOR", version.author);
    item->SetValue("MESSAGE", version.message);
    if (i == 0 && !version.removed) {
      item->ShowSection("CURRENT");
      continue;
    }
    auto* older = item->AddSectionDictionary("OLDER");
    older->SetValue("COMPARE_URL", page.url(Link("/staff/history/" + id).add("version", version.commit)));
    older->SetValue("COMMIT", version.commit);
    older->SetValue("REVISION", view.revision);
    older->SetValue("CSRF", frame.csrf);
  }
  if (!view.compared.empty()) {
    for (const staff::Version& version : view.versions) {
      if (version.commit != view.compared) continue;
      auto* diff = content.AddSectionDictionary("DIFF");
      diff->SetValue("HEADING", page.format("staff.hist.diff", {{"time", utc_time(version.time)}}));
      if (view.diff.empty()) diff->ShowSection("SAME");
      diff_lines(*diff, view.diff);
    }
  }
  return page.expand();
}

}  // namespace kc::render
