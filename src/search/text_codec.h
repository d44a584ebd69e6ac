#pragma once
// Each document's data (metadata and snippet text, internal to search/), packed with
// zstd. Every search result reads it, and Xapian's own zlib inflate of it was a fifth of
// a search's time. Xapian stores a tag as it is when zlib cannot shrink it, which is the
// case for zstd's entropy-coded output of the whole tag (not for LZ4's output, nor for
// plain JSON beside a packed text: Xapian inflated those again), so it is decoded once.
#include <string>
#include <string_view>

namespace kc::search {

// One zstd frame (level 3, with its content size and checksum).
std::string pack_text(std::string_view text);
// The text again; "" when `packed` is empty or damaged (a snippet is not worth an error).
std::string unpack_text(std::string_view packed);

}  // namespace kc::search
