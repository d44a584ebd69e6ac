#pragma once
// The rules every response passes through after its handler (so handlers stay short):
// the UI language of a request; ETag + If-None-Match → 304 for in-memory bodies; gzip
// for compressible bodies over 1400 bytes when the client accepts it (with Vary). HEAD
// is GET without the body: server.cpp drops it after writing Content-Length.
#include "http/request.h"
#include "http/response.h"
#include "render/pages.h"

namespace kc::http {

// ?ui= when it names a UI language, else the best of Accept-Language, else English.
render::PageContext page_context(const Request& request);

// Applies conditional requests and compression to a handler's response.
void finalize(const Request& request, Response& response);

}  // namespace kc::http
