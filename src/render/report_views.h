#pragma once
// The statistics contract (DESIGN §6) as JSON and CSV: /api/stats/downloads (JSON or CSV),
// /api/indicators and /api/stats/searches?zero=1, and `kc report`. Built with
// nlohmann/json; pure functions, thread-safe, nothing thrown but std::bad_alloc.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "stats/indicators.h"
#include "stats/reports.h"

namespace kc::render {

// {"from","to","group","kind","rows":[{"key","counted","unique","excluded":{…},"spike"?}]};
// "spike" ("high", "low" or null) only with group=month.
nlohmann::json report_json(const stats::Report& report);

// RFC 4180 (CRLF line ends, quotes doubled), UTF-8, header
// key,counted,unique,excluded_failed,…,excluded_double_click (+ ",spike" for group=month).
// A key that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
// gets a leading apostrophe.
std::string report_csv(const stats::Report& report);

// {"indicators":[{"id","label" (English),"labels":{lang: text},"goal" (English or null),
// "goals":{lang: text},"counts","of":{"file"|"doc"|"topic": value} or {"files":[…]},
// "set_by" ("plan", "project" or null),"first_due" (a plan target's first deadline or null),
// "target","from","by","counted","share","expected","status","projected",
// "months":[{"month","counted"}]}]}
nlohmann::json indicators_json(const std::vector<stats::IndicatorProgress>& progress);

// {"rows":[{"query","language","count","last"}]}
nlohmann::json zero_searches_json(const std::vector<stats::ZeroResultSearch>& rows);

}  // namespace kc::render
