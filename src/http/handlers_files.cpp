#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "http/byte_range.h"
#include "http/errors.h"
#include "http/etag.h"
#include "http/gzip.h"
#include "http/handlers.h"
#include "http/static_files.h"

namespace kc::http {
namespace {

constexpr std::uint64_t kMaxGzipFileBytes = 1 << 20;  // larger files are streamed as they are

struct FileInfo {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::time_t modified = 0;
  std::string etag;
};

FileInfo find_file(const std::filesystem::path& root, const std::string& relative) {
  const auto path = confine(root, relative);
  struct stat status {};
  if (!path || ::stat(path->c_str(), &status) != 0) throw HttpError(404, "no such file");
  const std::int64_t mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
  return {*path, static_cast<std::uint64_t>(status.st_size), status.st_mtim.tv_sec,
          make_etag(static_cast<std::uint64_t>(status.st_size), mtime_ns)};
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A file response honouring If-None-Match/If-Modified-Since and `range` (the request's
// Range header, parsed); compressible small files are gzipped whole when the client
// accepts it and asked no range.
Response file_response(const Request& request, const FileInfo& file, const ByteRange& range,
                       const std::string& cache_control) {
  Response response;
  const std::string type = content_type(file.path);
  response.header("Content-Type", type);
  response.header("ETag", file.etag);
  response.header("Last-Modified", http_date(file.modified));
  response.header("Cache-Control", cache_control);
  if (not_modified(request.header("if-none-match"), request.header("if-modified-since"), file.etag, file.modified)) {
    response.status = 304;
    return response;
  }
  const bool compressible = is_compressible(type) && file.size > 1400 && file.size <= kMaxGzipFileBytes;
  if (compressible) response.header("Vary", "Accept-Encoding");
  const std::string range_header = request.header("range");
  if (compressible && range_header.empty() && accepts_gzip(request.header("accept-encoding"))) {
    response.body = gzip(read_whole(file.path));
    response.header("Content-Encoding", "gzip");
    return response;
  }
  response.header("Accept-Ranges", "bytes");
  switch (range.kind) {
    case ByteRange::Kind::Unsatisfiable:
      response.status = 416;
      response.header("Content-Range", content_range(range, file.size));
      return response;
    case ByteRange::Kind::Partial:
      response.status = 206;
      response.header("Content-Range", content_range(range, file.size));
      response.file = FileRange{file.path.string(), range.first, range.length};
      return response;
    case ByteRange::Kind::Full:
      response.file = FileRange{file.path.string(), 0, file.size};
      return response;
  }
  return response;
}

// The guides' work and topic when every guide listing the file agrees (DESIGN §6); with
// no index, the download still counts, without a guide.
void attribute_to_guides(stats::RequestFacts& facts, Context& context) {
  search::Searcher* searcher = context.ready_searcher();
  if (searcher == nullptr) return;
  search::FileGuides guides = searcher->file_guides(facts.file);
  facts.work = std::move(guides.work);
  facts.topic = std::move(guides.topic);
}

}  // namespace

Response download_file(const Request& request, Context& context) {
  const std::string relative = request.path.substr(std::string("/files/").size());
  stats::RequestFacts facts;
  facts.kind = stats::EventKind::Download;
  facts.file = "files/" + relative;
  facts.item = facts.file;
  Response response;
  try {
    const FileInfo file = find_file(context.site.options.content_dir / "files", relative);
    const ByteRange range = parse_range(request.header("range"), file.size);
    response = file_response(request, file, range, "no-cache");
    if (range.kind == ByteRange::Kind::Partial) facts.range_start = range.first;
    facts.bytes = response.file ? response.file->length : response.body.size();
    if (context.site.options.count_events) attribute_to_guides(facts, context);
  } catch (const HttpError& error) {
    response = error_response(request, context, error.status(), error.what());
  }
  context.site.metrics.count_download();
  response.effects.download = std::move(facts);
  return response;
}

Response static_file(const Request& request, Context& context) {
  const std::string relative = request.path.substr(std::string("/static/").size());
  const FileInfo file = find_file(context.site.options.web_dir / "static", relative);
  const bool immutable = is_fingerprinted(file.path.filename().string());
  return file_response(request, file, parse_range(request.header("range"), file.size),
                       immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
}

}  // namespace kc::http
