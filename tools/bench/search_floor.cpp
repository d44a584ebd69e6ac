// The engine floor: the same searches as the HTTP benchmarks, through the library
// in-process (no HTTP, no load generator on the cores), one Searcher per thread.
//   kc_bench_search INDEX QUERIES_FILE [THREADS=2] [SECONDS=5] [--api|--no-facets]
// Prints searches/s, p50 and p99 in milliseconds. --api also renders the JSON, as
// /api/search does, so the difference to the HTTP figures is the HTTP layer alone.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "render/json_views.h"
#include "search/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s INDEX QUERIES_FILE [THREADS] [SECONDS] [--api|--no-facets]\n", argv[0]);
    return 2;
  }
  const std::string index = argv[1];
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  const int threads = argc > 3 ? std::stoi(argv[3]) : 2;
  const int seconds = argc > 4 ? std::stoi(argv[4]) : 5;
  const std::string mode = argc > 5 ? argv[5] : "";
  const bool api = mode == "--api";
  kc::search::SearchLimits limits;
  if (mode == "--no-facets") limits.facet_threshold = 0;  // to see what exact facets cost
  if (queries.empty()) return 2;

  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      kc::search::Searcher searcher(index, limits);
      auto& mine = latencies[static_cast<std::size_t>(t)];
      for (std::size_t i = static_cast<std::size_t>(t); !stop; i += static_cast<std::size_t>(threads)) {
        kc::search::SearchRequest request;
        request.query = queries[i % queries.size()];
        const auto start = std::chrono::steady_clock::now();
        const auto response = searcher.search(request);
        if (api) kc::render::search_json(response).dump();
        mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& worker : workers) worker.join();
  std::vector<double> all;
  for (const auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
  std::sort(all.begin(), all.end());
  const auto at = [&](double q) { return all[static_cast<std::size_t>(q * static_cast<double>(all.size() - 1))]; };
  std::printf("threads %d, searches %zu, %.0f searches/s, p50 %.3f ms, p99 %.3f ms\n", threads, all.size(),
              static_cast<double>(all.size()) / seconds, at(0.5), at(0.99));
  return 0;
}
