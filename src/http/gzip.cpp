#include "http/gzip.h"
#include "http/header_tokens.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <stdexcept>

#include "content/text.h"
#include "http/accept_language.h"

namespace kc::http {
namespace {

// The weight of one Accept-Encoding entry's parameters ("" → 1000); nullopt if malformed.
std::optional<int> weight_of(std::string_view parameters) {
  int weight = 1000;
  while (!parameters.empty()) {
    const std::size_t semicolon = parameters.find(';');
    const std::string_view parameter = trim_whitespace(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? std::string_view()
                                                     : parameters.substr(semicolon + 1);
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    if (!content::equals_ignoring_ascii_case(trim_whitespace(parameter.substr(0, equals)), "q")) continue;
    const auto parsed = parse_qvalue(trim_whitespace(parameter.substr(equals + 1)));
    if (!parsed) return std::nullopt;
    weight = *parsed;
  }
  return weight;
}

class Deflater {
 public:
  explicit Deflater(int level) {
    // windowBits 15 + 16: zlib writes a gzip header and trailer instead of its own.
    const int status = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) throw std::runtime_error(std::string("gzip: deflateInit2 failed: ") + zError(status));
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
};

}  // namespace

bool accepts_gzip(const std::string& accept_encoding) {
  std::optional<int> gzip_weight, star_weight;
  std::string_view list = accept_encoding;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view entry = trim_whitespace(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    const std::size_t semicolon = entry.find(';');
    const std::string_view coding = trim_whitespace(entry.substr(0, semicolon));
    if (coding.empty()) continue;
    const auto weight = weight_of(semicolon == std::string_view::npos ? std::string_view()
                                                                       : entry.substr(semicolon + 1));
    if (!weight) continue;
    if (content::equals_ignoring_ascii_case(coding, "gzip") || content::equals_ignoring_ascii_case(coding, "x-gzip")) {
      gzip_weight = std::max(gzip_weight.value_or(0), *weight);
    } else if (coding == "*") {
      star_weight = std::max(star_weight.value_or(0), *weight);
    }
  }
  if (gzip_weight) return *gzip_weight > 0;  // a named coding overrides "*" (§5.3.4)
  return star_weight.value_or(0) > 0;
}

std::string gzip(std::string_view data, int level) {
  Deflater deflater(level);
  z_stream& stream = deflater.stream();
  std::string out;
  out.resize(deflateBound(&stream, static_cast<uLong>(std::min<std::size_t>(
                                        data.size(), std::numeric_limits<uLong>::max()))) +
             64);
  std::size_t consumed = 0;
  std::size_t produced = 0;
  int status = Z_OK;
  // avail_in and avail_out are 32-bit: feed and drain in slices so any size works.
  constexpr std::size_t kSlice = std::numeric_limits<uInt>::max();
  while (status != Z_STREAM_END) {
    if (stream.avail_in == 0 && consumed < data.size()) {
      const std::size_t slice = std::min(kSlice, data.size() - consumed);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      stream.avail_in = static_cast<uInt>(slice);
      consumed += slice;
    }
    if (produced == out.size()) out.resize(out.size() * 2);
    const std::size_t room = std::min(kSlice, out.size() - produced);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(room);
    status = deflate(&stream, consumed == data.size() ? Z_FINISH : Z_NO_FLUSH);
    produced += room - stream.avail_out;
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
      throw std::runtime_error(std::string("gzip: deflate failed: ") + zError(status));
    }
  }
  out.resize(produced);
  return out;
}

}  // namespace kc::http
