#pragma once
// Stores a PDF uploaded by staff under content/files/ (issue 14): a safe file name, a
// type check on the bytes (a PDF starts with "%PDF-", whatever its name says), a size
// limit, written atomically (a temp file in the same folder, fsync, rename), and never
// over another guide's file unless the uploader confirmed it. Nothing is written unless
// every check passed. Knows no HTTP: the outcome says what happened, http/ picks the status.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/corpus.h"

namespace kc::staff {

inline constexpr std::size_t kDefaultMaxUploadBytes = 50u << 20;  // 50 MB
inline constexpr std::size_t kMaxFileNameBytes = 200;

// A stored name: lower-case ASCII letters, digits and hyphens, then ".pdf"; at most 200
// bytes in all; no leading hyphen. (So no "..", "/", "%", NUL or space can ever reach a path.)
bool is_safe_pdf_name(std::string_view name);
// What staff typed (or the browser sent as the file name) → the stored name: "manual" and
// "manual.pdf" both give "manual.pdf". Returns "" when the result is not safe: the name is
// never silently changed into another one.
std::string stored_pdf_name(std::string_view given);
bool looks_like_pdf(std::string_view bytes);  // starts with "%PDF-"

struct Upload {
  std::string name;       // as typed (see stored_pdf_name)
  std::string bytes;      // the file
  std::string for_guide;  // "<lang>/<slug>" the upload is for, "" when none
  bool replace = false;   // the uploader confirmed replacing an existing file
  std::size_t max_bytes = kDefaultMaxUploadBytes;
};

enum class UploadOutcome {
  Written,       // a new file
  Replaced,      // over an existing file (its own guide's, or confirmed)
  BadName,       // not a safe name
  NotPdf,        // not a PDF by its bytes (or empty)
  TooLarge,      // over max_bytes
  NeedsConfirm,  // the file exists and is not only this guide's: ask before replacing
};

struct UploadResult {
  UploadOutcome outcome = UploadOutcome::BadName;
  std::string file;                  // "files/<name>.pdf" (when the name was safe)
  std::vector<std::string> used_by;  // ids ("<lang>/<slug>") of the guides attaching that file
  std::uintmax_t bytes = 0;          // the size written
};

// `corpus` tells which guides attach which file (load it fresh: files change under us).
// Throws std::runtime_error (naming the path) when the disk refuses the write; a temp file
// is removed then.
UploadResult store_upload(const content::Corpus& corpus, const Upload& upload);

}  // namespace kc::staff
