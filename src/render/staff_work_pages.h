#pragma once
// The staff pages about the content as a whole (issue 14): the dashboard (/staff), the
// PDF upload form (/staff/upload) and a guide's history (/staff/history/{lang}/{slug}),
// on the staff frame (staff_pages.h). Thread-safe (Pages is immutable).
#include <cstdint>
#include <string>
#include <vector>

#include "render/pages.h"
#include "render/staff_pages.h"
#include "staff/dashboard.h"
#include "staff/history.h"

namespace kc::render {

// The upload form, and what became of the last upload.
struct UploadView {
  std::string action;  // where the form posts (the upload listener, http/options.h)
  std::string name;    // the fields as sent, kept on a refusal
  std::string guide;   // "<lang>/<slug>" or ""
  std::string title;   // the attachment's title on that guide ("" : the file name)
  std::uint64_t max_bytes = 0;
  // "" (the empty form), or the outcome of a post: "done", "bad_name", "not_pdf",
  // "too_large", "confirm", "no_file", "bad_guide" (each a staff.upload.* string).
  std::string outcome;
  std::string file;                  // "files/<name>.pdf"
  std::uint64_t bytes = 0;           // written
  std::vector<std::string> used_by;  // guide ids using `file` (for "confirm")
  bool attached = false;             // "done": `guide` now lists the file under attachments:
};

// A guide's history: its versions, one compared with the current version, and the
// outcome of a restore.
struct HistoryView {
  std::string language;
  std::string slug;
  std::string title;     // the guide's current title ("" when it was removed)
  std::string revision;  // the current file's revision, sent back with a restore (If-Match)
  std::vector<staff::Version> versions;  // newest first
  std::string compared;  // the commit compared with the current version ("" for none)
  std::string diff;      // the unified diff from `compared` to the current version
  std::int64_t restored_time = 0;  // set after a restore: the time of the version restored
  std::string problem;   // why a restore was refused ("" when it was not)
};

// Which part of the works table the dashboard shows: a page of kWorksPerPage works, all of
// them or only those with a missing or out-of-date translation. The other lists show their
// first kListItems items and say how many more there are (kc check lists every broken link).
struct DashboardView {
  bool only_todo = false;
  int page = 1;
};
inline constexpr std::size_t kWorksPerPage = 50;
inline constexpr std::size_t kListItems = 50;

std::string staff_dashboard(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                            const staff::Dashboard& dashboard, const DashboardView& view);
std::string staff_upload(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                         const UploadView& view);

std::string staff_history(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                          const HistoryView& view);

}  // namespace kc::render
