#include "search/fold.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "content/text.h"

namespace kc::search {
namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Lower-cases ASCII letters; an apostrophe becomes a space, so that French elisions
// ("l'orpailleur", "d'eau") index and match the word itself.
std::string ascii_fold(std::string_view text) {
  std::string folded = content::ascii_lower(text);
  std::replace(folded.begin(), folded.end(), '\'', ' ');
  return folded;
}

struct Normalizers {
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

// ICU creates its normalizers once, behind its own once-flag; fetching them behind a
// C++ static as well makes that hand-over visible to ThreadSanitizer.
const Normalizers& normalizers() {
  static const Normalizers instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    Normalizers loaded{icu::Normalizer2::getNFDInstance(status), icu::Normalizer2::getNFCInstance(status)};
    return U_FAILURE(status) ? Normalizers{} : loaded;
  }();
  return instance;
}

}  // namespace

std::string fold(std::string_view text) {
  if (is_ascii(text)) return ascii_fold(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = normalizers().nfd;
  const icu::Normalizer2* nfc = normalizers().nfc;
  if (nfd == nullptr || nfc == nullptr) return ascii_fold(text);
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (c == '\'' || c == 0x2019 || c == 0x02BC) {
      stripped.append(UChar32(' '));  // typographic apostrophes, as ' above
    } else if (c == 0x2010 || c == 0x2011) {
      stripped.append(UChar32('-'));  // Unicode hyphens, so that hyphenated words join as with '-'
    } else if (c == 0x0153 || c == 0x0152) {
      stripped.append(u"oe", 2);  // NFD keeps the ligatures whole: "cœur" must meet "coeur"
    } else if (c == 0x00E6 || c == 0x00C6) {
      stripped.append(u"ae", 2);
    } else if (u_charType(c) != U_NON_SPACING_MARK) {
      stripped.append(c);
    }
    i += U16_LENGTH(c);
  }
  icu::UnicodeString composed = nfc->normalize(stripped, status);
  if (U_FAILURE(status)) return ascii_fold(text);
  composed.toLower(icu::Locale::getRoot());
  std::string folded;
  composed.toUTF8String(folded);
  return folded;
}

bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte);
}

namespace {

// A hyphen with a word character on both sides ("anti-retroviral", not "-word" or "a - b").
bool joins_words(std::string_view text, std::size_t pos) {
  return text[pos] == '-' && pos > 0 && pos + 1 < text.size() && is_word_byte(text[pos - 1]) &&
         is_word_byte(text[pos + 1]);
}

}  // namespace

std::vector<std::string> hyphenated_words(std::string_view folded) {
  std::vector<std::string> joined;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    if (!is_word_byte(folded[pos])) {
      ++pos;
      continue;
    }
    std::string word;
    bool hyphenated = false;
    while (pos < folded.size() && (is_word_byte(folded[pos]) || joins_words(folded, pos))) {
      if (folded[pos] == '-') {
        hyphenated = true;
      } else {
        word += folded[pos];
      }
      ++pos;
    }
    if (hyphenated) joined.push_back(std::move(word));
  }
  return joined;
}

std::string join_hyphens(std::string_view folded) {
  std::string joined;
  joined.reserve(folded.size());
  for (std::size_t pos = 0; pos < folded.size(); ++pos) {
    if (!joins_words(folded, pos)) joined += folded[pos];
  }
  return joined;
}

bool is_query_operator(std::string_view word) {
  static constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  return std::find(kOperators.begin(), kOperators.end(), word) != kOperators.end();
}

std::string fold_query(std::string_view text) {
  std::string folded;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t space = std::min(text.find(' ', pos), text.size());
    const std::string_view word = text.substr(pos, space - pos);
    folded += is_query_operator(word) ? std::string(word) : fold(word);
    if (space < text.size()) folded += ' ';
    pos = space + 1;
  }
  return folded;
}

}  // namespace kc::search
