#include "render/staff_work_pages.h"

#include "content/document.h"
#include "render/page_frame.h"

namespace kc::render {
namespace {

std::string edit_url(const std::string& language, const std::string& slug) { return Link("/staff/edit/" + language + "/" + slug).str(); }
std::string history_url(const std::string& language, const std::string& slug) {
  return Link("/staff/history/" + language + "/" + slug).str();
}

void dashboard_works(Page& page, const staff::Dashboard& dashboard) {
  auto& content = page.content();
  for (const auto& code : content::kLanguages) content.AddSectionDictionary("LANG_HEAD")->SetValue("CODE", code);
  content.SetValue("COUNTS_HEAD", page.format("staff.dash.counts", {{"month", dashboard.month}}));
  for (const staff::WorkRow& row : dashboard.works) {
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
      auto* shown = item->AddSectionDictionary(cell.state == staff::LanguageState::Stale ? "STALE" : "PRESENT");
      shown->SetValue("EDIT_URL", edit_url(cell.language, cell.slug));
      shown->SetValue("HISTORY_URL", history_url(cell.language, cell.slug));
    }
    work->SetValue("COUNTS", page.strings().number(page.lang(), row.views) + " / " +
                                 page.strings().number(page.lang(), row.downloads));
  }
  if (!dashboard.stats_available) content.ShowSection("NO_STATS");
}

// A list of guides in `section`, or its *_NONE paragraph when there are none.
void dashboard_guides(Page& page, const std::vector<staff::GuideRef>& guides, const std::string& section,
                      const std::string& none) {
  auto& content = page.content();
  if (guides.empty()) content.ShowSection(none);
  for (const staff::GuideRef& guide : guides) {
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
  for (const staff::BrokenLink& link : dashboard.broken_links) {
    auto* item = content.AddSectionDictionary("LINK");
    item->SetValue("EDIT_URL", edit_url(link.guide.language, link.guide.slug));
    item->SetValue("PATH", link.guide.path);
    item->SetIntValue("LINE", link.line);
    item->SetValue("TARGET", link.url);
  }
  if (dashboard.zero_searches.empty()) content.ShowSection("SEARCHES_NONE");
  for (const stats::ZeroResultSearch& search : dashboard.zero_searches) {
    auto* item = content.AddSectionDictionary("SEARCH");
    item->SetValue("QUERY", search.query);
    item->SetValue("LANG", search.language);
    item->SetValue("COUNT", page.format("staff.dash.searched", {{"n", page.strings().number(page.lang(), search.count)},
                                                                {"date", page.strings().date(page.lang(), search.last)}}));
  }
}

}  // namespace

std::string staff_dashboard(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                            const staff::Dashboard& dashboard) {
  const Engine& engine = pages.engine();
  Page page(engine, context, "staff_dashboard.tpl", engine.strings.get(context.ui_language, "staff.dash.title"));
  staff_frame(page, frame);
  page.content().SetValue("NEW_URL", "/staff/new");
  page.content().SetValue("UPLOAD_URL", "/staff/upload");
  dashboard_works(page, dashboard);
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
  } else {
    content.SetValueAndShowSection("MESSAGE", message, "PROBLEM");
  }
  return page.expand();
}

}  // namespace kc::render
