#include "search/text_codec.h"

#include <zstd.h>

#include <memory>

namespace kc::search {
namespace {

constexpr int kLevel = 3;
constexpr unsigned long long kMaxTextBytes = 1 << 20;  // far above schema::kSnippetTextBytes

// One context per thread: creating one per call costs more than decoding a snippet.
struct Contexts {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> compress{ZSTD_createCCtx(), ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> decompress{ZSTD_createDCtx(), ZSTD_freeDCtx};
};

Contexts& contexts() {
  thread_local Contexts per_thread;
  return per_thread;
}

}  // namespace

std::string pack_text(std::string_view text) {
  if (text.empty()) return {};
  ZSTD_CCtx* context = contexts().compress.get();
  // The checksum (4 bytes) makes a damaged frame an error rather than garbled text.
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, kLevel);
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
  std::string packed(ZSTD_compressBound(text.size()), '\0');
  const std::size_t written = ZSTD_compress2(context, packed.data(), packed.size(), text.data(), text.size());
  packed.resize(ZSTD_isError(written) ? 0 : written);
  return packed;
}

std::string unpack_text(std::string_view packed) {
  if (packed.empty()) return {};
  const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxTextBytes) return {};
  std::string text(static_cast<std::size_t>(size), '\0');
  const std::size_t read =
      ZSTD_decompressDCtx(contexts().decompress.get(), text.data(), text.size(), packed.data(), packed.size());
  if (ZSTD_isError(read) || read != text.size()) return {};
  return text;
}

}  // namespace kc::search
