#include "stats/journal_applier.h"

#include <algorithm>
#include <deque>
#include <iostream>
#include <optional>
#include <variant>

#include "stats/event_record.h"
#include "stats/schema.h"
#include "stats/stats_error.h"

namespace kc::stats {
namespace {

// How many events an apply holds back at most (see Statements::add): 2 MB or so.
constexpr std::size_t kHeldEvents = 4096;

constexpr const char* kInsertEvent =
    "INSERT INTO events (id, time, kind, item, file, document, work, language, topic, status, head, "
    "range_start, bytes, agent, visitor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
std::string remark_double_click_sql() {
  return std::string("UPDATE events SET reason = '") + to_string(Exclusion::DoubleClick) + "' WHERE id = ? AND reason = ''";
}
constexpr const char* kCountZeroSearch =
    "INSERT INTO zero_searches (day, query, language, count) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (day, query, language) DO UPDATE SET count = count + 1";
constexpr const char* kReadPosition = "SELECT segment, offset FROM journal_position";
constexpr const char* kWritePosition = "UPDATE journal_position SET segment = ?, offset = ?";

}  // namespace

struct JournalApplier::Statements {
  explicit Statements(SQLite::Database& db)
      : insert(db, kInsertEvent),
        remark(db, remark_double_click_sql()),
        count_search(db, kCountZeroSearch),
        read_position(db, kReadPosition),
        write_position(db, kWritePosition) {}

  // An event waits in `held` until kHeldEvents newer ones follow or the apply ends, so a
  // double click that re-marks an event still held changes it before its INSERT instead
  // of costing an UPDATE after it: most double clicks follow within seconds.
  void add(LoggedEvent event) {
    // Ids rise through a journal; should one not, what is held goes first, so that
    // `held` stays sorted for remark_earlier().
    if (!held.empty() && event.id <= held.back().id) write_held();
    if (event.remark) remark_earlier(*event.remark);
    held.push_back(std::move(event));
    if (held.size() > kHeldEvents) {
      insert_row(held.front());
      held.pop_front();
    }
  }

  void write_held() {
    for (const LoggedEvent& event : held) insert_row(event);
    held.clear();
  }

  void remark_earlier(std::int64_t id) {
    const auto earlier = std::lower_bound(held.begin(), held.end(), id,
                                          [](const LoggedEvent& event, std::int64_t wanted) { return event.id < wanted; });
    if (earlier != held.end() && earlier->id == id) {
      if (earlier->reason == Exclusion::None) earlier->reason = Exclusion::DoubleClick;
      return;
    }
    remark.reset();
    remark.bind(1, id);
    remark.exec();
  }

  // Strings are bound without a copy: the event outlives exec(), and every parameter is
  // bound again before the next exec().
  void insert_row(const LoggedEvent& event) {
    const RequestFacts& facts = event.facts;
    insert.reset();
    insert.bind(1, event.id);
    insert.bind(2, event.time);
    insert.bindNoCopy(3, to_string(facts.kind));
    insert.bindNoCopy(4, facts.item);
    insert.bindNoCopy(5, facts.file);
    insert.bindNoCopy(6, facts.document);
    insert.bindNoCopy(7, facts.work);
    insert.bindNoCopy(8, facts.language);
    insert.bindNoCopy(9, facts.topic);
    insert.bind(10, facts.status);
    insert.bind(11, facts.head ? 1 : 0);
    if (facts.range_start) {
      insert.bind(12, static_cast<std::int64_t>(*facts.range_start));
    } else {
      insert.bind(12);
    }
    insert.bind(13, static_cast<std::int64_t>(facts.bytes));
    insert.bindNoCopy(14, event.agent);
    insert.bindNoCopy(15, event.visitor);
    insert.bindNoCopy(16, to_string(event.reason));
    insert.exec();
  }

  void write(const ZeroResultSearch& search) {
    count_search.reset();
    count_search.bindNoCopy(1, search.day);
    count_search.bindNoCopy(2, search.query);
    count_search.bindNoCopy(3, search.language);
    count_search.exec();
  }

  SQLite::Statement insert;
  SQLite::Statement remark;
  SQLite::Statement count_search;
  SQLite::Statement read_position;
  SQLite::Statement write_position;
  std::deque<LoggedEvent> held;  // in id order; empty between applies
};

JournalApplier::JournalApplier(SQLite::Database& db, std::filesystem::path data_dir)
    : db_(db), data_dir_(std::move(data_dir)) {
  try {
    statements_ = std::make_unique<Statements>(db_);
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir_), "preparing the journal applier");
  }
}

JournalApplier::~JournalApplier() = default;

JournalPosition JournalApplier::position() {
  try {
    SQLite::Statement& read = statements_->read_position;
    read.reset();
    if (!read.executeStep()) throw StatsError(database_path(data_dir_).string() + " has no journal position");
    const JournalPosition stored{static_cast<std::uint64_t>(read.getColumn(0).getInt64()),
                                 static_cast<std::uint64_t>(read.getColumn(1).getInt64())};
    // A statement left on a row keeps its read snapshot open, and a later write on this
    // connection would then fail once another process has moved the position.
    read.reset();
    return stored;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir_), "reading the journal position");
  }
}

JournalPosition JournalApplier::apply(std::optional<JournalPosition> until) {
  try {
    statements_->held.clear();  // what a failed apply held was rolled back with it
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    const JournalPosition from = position();
    if (until && *until <= from) return from;
    JournalReader reader(data_dir_, from, until);
    while (const auto payload = reader.next()) {
      // A record that passed its checksum but does not decode was written by a kc that
      // this one does not understand: skip it loudly rather than stop every later event.
      std::optional<JournalRecord> record;
      try {
        record = decode(*payload);
      } catch (const StatsError& e) {
        std::cerr << "kc: " << segment_path(data_dir_, reader.position().segment).string() << " before offset "
                  << reader.position().offset << ": " << e.what() << "; skipped\n";
        continue;
      }
      if (auto* event = std::get_if<LoggedEvent>(&*record)) {
        statements_->add(std::move(*event));
      } else {
        statements_->write(std::get<ZeroResultSearch>(*record));
      }
    }
    statements_->write_held();
    const JournalPosition applied = reader.position();
    if (applied == from) return applied;
    SQLite::Statement& write = statements_->write_position;
    write.reset();
    write.bind(1, static_cast<std::int64_t>(applied.segment));
    write.bind(2, static_cast<std::int64_t>(applied.offset));
    write.exec();
    transaction.commit();
    return applied;
  } catch (const SQLite::Exception& e) {
    throw_stats_error(e, database_path(data_dir_), "applying the event journal");
  }
}

}  // namespace kc::stats
