#pragma once
// The rules every response passes through after its handler (so handlers stay short):
// the UI language of a request; gzip for compressible bodies over 1400 bytes when the
// client accepts it (with Vary) and an ETag for in-memory bodies — the representation
// the response cache keeps; then If-None-Match → 304, per request. HEAD is GET without
// the body: server.cpp drops it after writing Content-Length.
#include "http/request.h"
#include "http/response.h"
#include "render/pages.h"

namespace kc::http {

// ?ui= when it names a UI language, else the best of Accept-Language, else English.
render::PageContext page_context(const Request& request);

// Compresses a handler's response and gives it its ETag.
void encode(const Request& request, Response& response);
// Turns an encoded 200 whose ETag the client already has into a 304.
void answer_conditional(const Request& request, Response& response);

}  // namespace kc::http
