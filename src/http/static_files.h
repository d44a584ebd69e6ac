#pragma once
// Serving files from a root folder safely: confine a decoded relative path to the root,
// name its media type, say whether it is worth compressing and whether its name is
// fingerprinted (cacheable for a year). confine() is the exact version of Omega's
// `vet_filename`: syntactic checks first, then canonicalisation, which catches symlinks
// that point out of the root. It reads the file system (stat, readlink) but never opens
// a file; the rest are pure. All functions are thread-safe and never throw except
// std::bad_alloc. Note the unavoidable race: a file swapped for a symlink between
// confine() and open() escapes the check, so the root must not be writable by strangers.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace kc::http {

inline constexpr std::size_t kMaxRelativePathBytes = 1024;

// The canonical absolute path of `relative` under `root`, or nullopt. `relative` is
// already percent-decoded (url.h), e.g. "guides/plan.pdf". Rejected without touching the
// disk: empty, longer than kMaxRelativePathBytes, NUL, backslash, absolute, an empty,
// "." or ".." segment, or a hidden segment (starting with '.'). Then rejected unless the
// canonical path exists, is a regular file (after following symlinks) and lies strictly
// under canonical(root).
std::optional<std::filesystem::path> confine(const std::filesystem::path& root,
                                             const std::string& relative);

// The Content-Type for a file name, from its extension (case-insensitive); text types
// carry "; charset=utf-8". Unknown → "application/octet-stream".
std::string content_type(const std::filesystem::path& file);

// True for media types worth gzipping: text/*, JSON, XML (including +json and +xml such
// as SVG) and JavaScript. Parameters (";charset=…") are ignored; Office's
// "…openxmlformats…" types are zips, not XML.
bool is_compressible(const std::string& content_type);

// True when the name carries a content hash: a dot-separated segment of 8 to 64 hex
// digits right before the extension, after a non-empty base name ("icon.3f2a9c1e.svg").
// Such files never change and may be cached as immutable for a year.
bool is_fingerprinted(const std::string& file_name);

}  // namespace kc::http
