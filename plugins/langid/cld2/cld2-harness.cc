// Runs CLD2 over lines of text, for comparison in the eval and bench
// scripts only (not part of the build; libcld2 is C++).
//
//   cld2-harness classify < lines      one code a line ("un" when unknown)
//   cld2-harness best-effort < lines   the same, answering short texts too
//   cld2-harness bench LONG SENTENCES  medians of 5 runs, like langid-train
#include <cstdio>  // before cld2, whose header uses FILE without it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static const char *detect(const std::string &s) {
  bool reliable = false;
  CLD2::Language lang =
      CLD2::DetectLanguage(s.data(), (int)s.size(), true, &reliable);
  return CLD2::LanguageCode(lang);
}

// CLD2's best-effort mode: an answer even where it would say "unknown"
// for too little text, as the comparisons of short snippets need.
static const char *detect_best_effort(const std::string &s) {
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                          CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang3[3];
  int percent3[3], text_bytes;
  double score3[3];
  bool reliable = false;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      s.data(), (int)s.size(), true, &hints, CLD2::kCLDFlagBestEffort, lang3,
      percent3, score3, nullptr, &text_bytes, &reliable);
  return CLD2::LanguageCode(lang);
}

static std::string slurp(const char *path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// CPU time of this thread, as langid-train bench measures it.
static double seconds() {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc >= 2 && std::string(argv[1]) == "classify") {
    std::string line;
    while (std::getline(std::cin, line))
      std::printf("%s\n", detect(line));
    return 0;
  }
  if (argc >= 2 && std::string(argv[1]) == "best-effort") {
    std::string line;
    while (std::getline(std::cin, line))
      std::printf("%s\n", detect_best_effort(line));
    return 0;
  }
  if (argc >= 4 && std::string(argv[1]) == "bench") {
    std::string text = slurp(argv[2]), sents = slurp(argv[3]);
    std::vector<std::string> lines;
    std::istringstream in(sents);
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) lines.push_back(l);
    std::vector<double> t;
    const char *answer = "";
    for (int r = 0; r < 5; r++) {
      double t0 = seconds();
      answer = detect(text);
      t.push_back(seconds() - t0);
    }
    std::sort(t.begin(), t.end());
    std::printf("long_bytes=%zu\nlong_answer=%s\nlong_mb_s=%.1f\n", text.size(),
                answer, text.size() / t[2] / 1e6);
    t.clear();
    for (int r = 0; r < 5; r++) {
      double t0 = seconds();
      for (const auto &l : lines) detect(l);
      t.push_back(seconds() - t0);
    }
    std::sort(t.begin(), t.end());
    std::printf("sentences=%zu\nsentences_s=%.0f\nsentence_mb_s=%.1f\n",
                lines.size(), lines.size() / t[2], sents.size() / t[2] / 1e6);
    return 0;
  }
  std::fprintf(stderr,
               "usage: cld2-harness classify | best-effort | bench LONG SENTENCES\n");
  return 2;
}
