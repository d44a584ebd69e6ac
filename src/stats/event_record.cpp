#include "stats/event_record.h"

#include "stats/stats_error.h"

namespace kc::stats {
namespace {

constexpr char kEventType = 'E';
constexpr char kSearchType = 'S';

void put(std::string& out, std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(bits >> (8 * i));
  out.append(bytes, sizeof bytes);
}

void put(std::string& out, std::string_view text) {
  const auto size = static_cast<std::uint32_t>(text.size());
  const char bytes[4] = {static_cast<char>(size), static_cast<char>(size >> 8), static_cast<char>(size >> 16),
                         static_cast<char>(size >> 24)};
  out.append(bytes, sizeof bytes);
  out.append(text);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  char type() { return take(1).front(); }

  std::int64_t integer() {
    std::uint64_t bits = 0;
    const std::string_view raw = take(8);
    for (int i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(raw[i])) << (8 * i);
    return static_cast<std::int64_t>(bits);
  }

  std::string text() {
    std::uint32_t size = 0;
    const std::string_view raw = take(4);
    for (int i = 0; i < 4; ++i) size |= static_cast<std::uint32_t>(static_cast<unsigned char>(raw[i])) << (8 * i);
    return std::string(take(size));
  }

  void expect_end() const {
    if (!bytes_.empty()) malformed();
  }

 private:
  std::string_view take(std::size_t size) {
    if (bytes_.size() < size) malformed();
    const std::string_view taken = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return taken;
  }
  [[noreturn]] static void malformed() { throw StatsError("an event journal record is malformed"); }

  std::string_view bytes_;
};

template <typename T>
T parsed(const std::optional<T>& value, const char* what) {
  if (!value) throw StatsError(std::string("an event journal record has an unknown ") + what);
  return *value;
}

LoggedEvent decode_event(Reader& in) {
  LoggedEvent event;
  RequestFacts& facts = event.facts;
  event.id = in.integer();
  event.time = in.integer();
  if (const std::int64_t remark = in.integer(); remark != 0) event.remark = remark;
  facts.status = static_cast<int>(in.integer());
  facts.bytes = static_cast<std::uint64_t>(in.integer());
  if (const std::int64_t start = in.integer(); start >= 0) facts.range_start = static_cast<std::uint64_t>(start);
  facts.head = in.integer() != 0;
  facts.kind = parsed(parse_event_kind(in.text()), "kind");
  event.reason = parsed(parse_exclusion(in.text()), "reason");
  event.agent = in.text();
  facts.item = in.text();
  facts.file = in.text();
  facts.document = in.text();
  facts.work = in.text();
  facts.language = in.text();
  facts.topic = in.text();
  event.visitor = in.text();
  return event;
}

}  // namespace

void encode(const LoggedEvent& event, std::string& out) {
  const RequestFacts& facts = event.facts;
  out.push_back(kEventType);
  put(out, event.id);
  put(out, event.time);
  put(out, event.remark.value_or(0));
  put(out, static_cast<std::int64_t>(facts.status));
  put(out, static_cast<std::int64_t>(facts.bytes));
  put(out, facts.range_start ? static_cast<std::int64_t>(*facts.range_start) : -1);
  put(out, std::int64_t{facts.head ? 1 : 0});
  put(out, to_string(facts.kind));
  put(out, to_string(event.reason));
  put(out, event.agent);
  put(out, facts.item);
  put(out, facts.file);
  put(out, facts.document);
  put(out, facts.work);
  put(out, facts.language);
  put(out, facts.topic);
  put(out, event.visitor);
}

void encode(const ZeroResultSearch& search, std::string& out) {
  out.push_back(kSearchType);
  put(out, search.day);
  put(out, search.query);
  put(out, search.language);
}

JournalRecord decode(std::string_view bytes) {
  Reader in(bytes);
  JournalRecord record;
  switch (in.type()) {
    case kEventType:
      record = decode_event(in);
      break;
    case kSearchType: {
      ZeroResultSearch search;
      search.day = in.text();
      search.query = in.text();
      search.language = in.text();
      record = std::move(search);
      break;
    }
    default:
      throw StatsError("an event journal record has an unknown type");
  }
  in.expect_end();
  return record;
}

}  // namespace kc::stats
