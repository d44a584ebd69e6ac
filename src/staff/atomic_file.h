#pragma once
// Durable file replacement on POSIX: readers (and a crash at any instant) see the old
// file or the new one, never a torn one. The bytes go to a temp file in the same folder
// (rename is atomic only within one file system), which is fsynced, renamed over the
// target, and the folder fsynced so the rename itself survives a power cut. Temp files
// are named ".<name>.kc-tmp-<random>": hidden, and not *.md, so an ingest never reads
// one; remove_stale_temp_files() clears those a crash left behind.
// Throws std::runtime_error naming the path and the system's reason.
#include <filesystem>
#include <string_view>

namespace kc::staff {

// Writes `bytes` to `path` atomically, creating its folder when missing.
void write_atomically(const std::filesystem::path& path, std::string_view bytes);

// Removes `path` (if present) and fsyncs its folder.
void remove_durably(const std::filesystem::path& path);

// Removes the temp files write_atomically leaves when killed, anywhere under `root`.
void remove_stale_temp_files(const std::filesystem::path& root);

}  // namespace kc::staff
