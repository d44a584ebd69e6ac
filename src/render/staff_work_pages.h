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

namespace kc::render {

// The upload form, and what became of the last upload.
struct UploadView {
  std::string action;  // where the form posts (the upload listener, http/options.h)
  std::string name;    // the fields as sent, kept on a refusal
  std::string guide;   // "<lang>/<slug>" or ""
  std::uint64_t max_bytes = 0;
  // "" (the empty form), or the outcome of a post: "done", "bad_name", "not_pdf",
  // "too_large", "confirm", "no_file", "bad_guide" (each a staff.upload.* string).
  std::string outcome;
  std::string file;                  // "files/<name>.pdf"
  std::uint64_t bytes = 0;           // written
  std::vector<std::string> used_by;  // guide ids using `file` (for "confirm")
};

std::string staff_dashboard(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                            const staff::Dashboard& dashboard);
std::string staff_upload(const Pages& pages, const PageContext& context, const StaffFrame& frame,
                         const UploadView& view);

}  // namespace kc::render
