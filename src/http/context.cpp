#include "http/context.h"

#include <iostream>

#include "http/errors.h"

namespace kc::http {

Site::Site(ServerOptions server_options)
    : options(std::move(server_options)), trusted_proxies(options.trusted_proxies), pages(options.web_dir),
      log(options.log, options.clock),
      cache(options.response_cache_bytes),
      guides(staff::StoreOptions{options.content_dir, options.index_dir, options.stop_words_dir}) {}

search::Searcher* Context::ready_searcher() {
  if (!searcher_) {
    try {
      search::SearchLimits limits;
      limits.clock = site.options.clock;  // scheduled guides appear on the server's "today"
      searcher_ = std::make_unique<search::Searcher>(site.options.index_dir, limits);
    } catch (const search::SearchError& error) {
      std::cerr << "kc serve: " << error.what() << '\n';
      return nullptr;
    }
  }
  return searcher_.get();
}

search::Searcher& Context::searcher() {
  if (search::Searcher* ready = ready_searcher()) return *ready;
  throw HttpError(503, "the search index is not ready: run kc ingest");
}

}  // namespace kc::http
