#include "http/options.h"

#include <stdexcept>

namespace kc::http {

void ServerOptions::validate() const {
  if (host.empty()) throw std::invalid_argument("host must not be empty");
  if (threads > 256) throw std::invalid_argument("threads must be at most 256");
  if (max_request_bytes < 1024) throw std::invalid_argument("max_request_bytes must be at least 1024");
  if (header_timeout.count() <= 0 || keepalive_timeout.count() <= 0) {
    throw std::invalid_argument("timeouts must be positive");
  }
  if (max_upload_bytes < 1024 || max_upload_bytes > (std::size_t{4} << 30)) {
    throw std::invalid_argument("max_upload_bytes must be between 1 KiB and 4 GiB");
  }
  if (upload_timeout.count() <= 0) throw std::invalid_argument("upload_timeout must be positive");
  log.validate();
}

}  // namespace kc::http
