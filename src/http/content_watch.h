#pragma once
// `kc serve --watch`: a hand edit under content/ takes the path a staff save takes. The
// watcher (staff/content_watcher.h) calls back once the edits settle; the re-ingest goes
// through GuideStore::refresh, under the lock that serialises staff saves, and the new
// index revision is what every page, list, sitemap and search follows (the searchers
// reopen on it, the response cache empties on it). The cache is also emptied outright,
// as after an upload: an attachment replaced under its name changes no revision.
//
// Prints on stderr one `path:line: message` per problem (as `kc check`) while the last
// good index keeps being served, or one line saying what changed and how long it took.
#include <memory>

#include "http/context.h"
#include "staff/content_watcher.h"

namespace kc::http {

// Watches site.options.content_dir until the result is destroyed, which must happen
// before `site` is (Server::stop). Throws std::runtime_error when inotify refuses.
std::unique_ptr<staff::ContentWatcher> watch_content(Site& site);

}  // namespace kc::http
