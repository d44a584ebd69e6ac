#include "staff/uploads.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc ≥ 2.28)
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>
#include <stdexcept>
#include <system_error>

namespace kc::staff {
namespace {

constexpr std::string_view kPdfSuffix = ".pdf";

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::system_error disk_error(const std::string& what, const std::filesystem::path& path) {
  return std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Closes the descriptor and removes the temp file unless the rename made it the real one.
struct TempFile {
  std::filesystem::path path;
  int fd = -1;
  bool kept = false;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!kept) ::unlink(path.c_str());
  }
};

std::filesystem::path temp_name(const std::filesystem::path& folder) {
  std::random_device random;
  // A dot file with a random name in the same folder (so the rename is atomic): no guide
  // links it, and a crash leaves only this behind.
  return folder / (".upload-" + std::to_string(random()) + std::to_string(random()) + ".tmp");
}

void write_all(TempFile& temp, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = ::write(temp.fd, bytes.data(), bytes.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) throw disk_error("writing", temp.path);
    bytes.remove_prefix(static_cast<std::size_t>(wrote));
  }
  if (::fsync(temp.fd) != 0) throw disk_error("syncing", temp.path);
}

void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename is done; only its durability on power loss is weaker
  ::fsync(fd);
  ::close(fd);
}

// Writes `bytes` as `target` in one step. Without `replace`, an existing target is left
// alone (returns false): the check before and this rename agree even when two uploads race.
bool write_atomically(const std::filesystem::path& target, std::string_view bytes, bool replace) {
  const std::filesystem::path folder = target.parent_path();
  std::filesystem::create_directories(folder);
  TempFile temp{temp_name(folder)};
  temp.fd = ::open(temp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (temp.fd < 0) throw disk_error("creating", temp.path);
  write_all(temp, bytes);
  ::close(temp.fd);
  temp.fd = -1;
  const int rc = ::renameat2(AT_FDCWD, temp.path.c_str(), AT_FDCWD, target.c_str(), replace ? 0 : RENAME_NOREPLACE);
  if (rc != 0 && errno == EEXIST) return false;
  if (rc != 0) throw disk_error("renaming onto", target);
  temp.kept = true;
  sync_folder(folder);
  return true;
}

std::vector<std::string> guides_attaching(const content::Corpus& corpus, const std::string& file) {
  std::vector<std::string> ids;
  for (const content::Document& doc : corpus.documents) {
    for (const content::Attachment& attachment : doc.attachments) {
      if (attachment.file == file) ids.push_back(doc.id());
    }
  }
  return ids;
}

}  // namespace

bool is_safe_pdf_name(std::string_view name) {
  if (name.size() > kMaxFileNameBytes || !ends_with(name, kPdfSuffix)) return false;
  const std::string_view stem = name.substr(0, name.size() - kPdfSuffix.size());
  if (stem.empty() || stem.front() == '-') return false;
  return std::all_of(stem.begin(), stem.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string stored_pdf_name(std::string_view given) {
  std::string name(given);
  if (!ends_with(name, kPdfSuffix)) name += kPdfSuffix;
  return is_safe_pdf_name(name) ? name : std::string();
}

bool looks_like_pdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

UploadResult store_upload(const content::Corpus& corpus, const Upload& upload) {
  UploadResult result;
  const std::string name = stored_pdf_name(upload.name);
  if (name.empty()) return result;  // BadName
  result.file = "files/" + name;
  result.used_by = guides_attaching(corpus, result.file);
  if (upload.bytes.size() > upload.max_bytes) {
    result.outcome = UploadOutcome::TooLarge;
    return result;
  }
  if (!looks_like_pdf(upload.bytes)) {
    result.outcome = UploadOutcome::NotPdf;
    return result;
  }
  const std::filesystem::path target = corpus.root / result.file;
  std::error_code error;
  const bool exists = std::filesystem::exists(target, error);
  const bool only_this_guide =
      !upload.for_guide.empty() && result.used_by == std::vector<std::string>{upload.for_guide};
  const bool replace = exists && (upload.replace || only_this_guide);
  if (exists && !replace) {
    result.outcome = UploadOutcome::NeedsConfirm;
    return result;
  }
  if (!write_atomically(target, upload.bytes, replace)) {
    result.outcome = UploadOutcome::NeedsConfirm;  // it appeared meanwhile
    return result;
  }
  result.outcome = replace ? UploadOutcome::Replaced : UploadOutcome::Written;
  result.bytes = upload.bytes.size();
  return result;
}

}  // namespace kc::staff
