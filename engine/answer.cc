#include "engine/answer.h"

#include <algorithm>

#include "engine/output.h"
#include "index/json_writer.h"

namespace alcor {
namespace {

constexpr int64_t kDefaultWindowUs = 60 * kMicrosPerSecond;

std::string utc_text(int64_t us) {
  Timestamp t;
  t.utc_us = us;
  return format_rfc3339_utc(t);
}

std::string lines_words(uint64_t n) { return std::to_string(n) + (n == 1 ? " line" : " lines"); }

std::string host_words(const Answer& a) {
  return a.query.url.host.empty() ? std::string("any host") : a.query.url.host;
}

std::string_view match_name(UrlMatch m) {
  switch (m) {
    case UrlMatch::kExact: return "exact";
    case UrlMatch::kPrefix: return "prefix";
    case UrlMatch::kRegex: return "regex";
  }
  return "?";
}

std::string_view reading_name(const Answer& a) {
  switch (a.asked.time.offset_source) {
    case OffsetSource::kLogged: return "offset";
    case OffsetSource::kZone: return "zone";
    case OffsetSource::kAmbiguous: return "ambiguous";
    case OffsetSource::kNonexistent: return "nonexistent";
  }
  return "?";
}

}  // namespace

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kMatch: return "match";
    case Outcome::kNoMatch: return "no_match";
    case Outcome::kNoLogs: return "no_logs";
    case Outcome::kError: return "error";
  }
  return "?";
}

Outcome Answer::outcome() const {
  if (!error.empty()) return Outcome::kError;
  if (!hits.empty()) return Outcome::kMatch;
  return coverage.no_logs() ? Outcome::kNoLogs : Outcome::kNoMatch;
}

namespace {

bool read_fields(const InquiryText& text, const std::optional<std::string>& default_zone, Answer* a) {
  auto bad = [&](std::string_view field, const std::string& why) {
    a->error_field = std::string(field);
    a->error = a->error_field + ": " + why;
    return false;
  };
  if (text.time.empty()) return bad("time", "missing");
  if (text.url.empty()) return bad("url", "missing");
  std::string error;
  std::string zone = !text.tz.empty() ? text.tz : default_zone.value_or("");
  auto asked = parse_asked_time(text.time, std::string_view(zone), &error);
  if (!asked) return bad("time", error);
  a->asked = *asked;
  a->zone_assumed = asked->time.offset_source != OffsetSource::kLogged && zone.empty();

  TimeUrlQuery& q = a->query;
  q.at_us = asked->time.utc_us;
  q.other_at_us = asked->other_utc_us;
  q.window_us = kDefaultWindowUs;
  if (!text.window.empty()) {
    auto w = parse_duration(text.window, &error);
    if (!w) return bad("window", error);
    q.window_us = *w;
  }
  if (text.url_match.empty() || text.url_match == "exact") {
    q.match = UrlMatch::kExact;
  } else if (text.url_match == "prefix") {
    q.match = UrlMatch::kPrefix;
  } else if (text.url_match == "regex") {
    q.match = UrlMatch::kRegex;
  } else {
    return bad("url_match", "unknown mode '" + text.url_match + "' (use exact, prefix or regex)");
  }
  if (q.match == UrlMatch::kRegex) {
    // The pattern is matched as written; a full URL in front of it selects the host.
    CanonicalUrl u;
    std::string_view pattern = text.url;
    if (pattern.starts_with("http://") || pattern.starts_with("https://")) {
      size_t scheme = pattern.find("://") + 3;
      size_t slash = pattern.find('/', scheme);
      u.host = canonicalize_host(pattern.substr(scheme, slash - scheme));
      pattern = slash == std::string_view::npos ? "/" : pattern.substr(slash);
    }
    u.path_query = std::string(pattern);
    q.url = std::move(u);
    if (!compile_url_regex(&q, &error)) return bad("url", error);
  } else {
    auto u = parse_query_url(text.url, &error);
    if (!u) return bad("url", error);
    q.url = std::move(*u);
  }
  q.method = text.method;
  if (!text.status.empty()) {
    auto s = parse_status_filter(text.status);
    if (!s) return bad("status", "cannot read '" + text.status + "' (use 200, 2xx, 301,302 or 400-499)");
    q.statuses = std::move(*s);
  }
  return true;
}

}  // namespace

Answer read_inquiry(const InquiryText& text, const std::optional<std::string>& default_zone) {
  Answer a;
  a.text = text;
  read_fields(text, default_zone, &a);
  return a;
}

void answer_inquiry(const IndexReader& index, Answer* a, QuerySession* session) {
  const TimeUrlQuery& q = a->query;
  const int64_t other = q.other_at_us.value_or(q.at_us);
  a->hits = find_time_url(index, q, nullptr, session);
  a->coverage = describe_coverage(index, q.url.host, std::min(q.at_us, other) - q.window_us,
                                  std::max(q.at_us, other) + q.window_us, /*count_lines=*/a->hits.empty(),
                                  session ? &session->blocks : nullptr);
}

std::string coverage_statement(const Answer& a) {
  if (a.outcome() == Outcome::kError) return "";
  const Coverage& c = a.coverage;
  const std::string host = host_words(a);
  const std::string window = utc_text(c.from_us) + " to " + utc_text(c.to_us);
  std::string s;
  auto span_words = [&] {
    return "first " + utc_text(c.host_span->min_us) + ", last " + utc_text(c.host_span->max_us);
  };
  auto sources_words = [&] {
    return std::to_string(c.sources.size()) + (c.sources.size() == 1 ? " source" : " sources");
  };
  switch (c.state) {
    case CoverageState::kNoSource:
      return "No indexed log holds " + host + ": the index cannot answer for it.";
    case CoverageState::kOutside:
      return "No logs for that time: the window " + window + " is outside the indexed logs of " + host + " (" +
             span_words() + ").";
    case CoverageState::kGap:
      s = "No logs for that time: no lines at all from " + window + " (nor 5 minutes around it) in the logs of " +
          host + " (a gap;";
      s += c.before_us ? " last line before: " + utc_text(*c.before_us) : " no line before";
      s += c.after_us ? ", first line after: " + utc_text(*c.after_us) + ")." : ", no line after).";
      return s;
    case CoverageState::kPartial:
      s = "Partly covered: the window " + window + " runs past the indexed logs of " + host + " (" + span_words() +
          "); " + sources_words() + (c.sources.size() == 1 ? " covers" : " cover") + " the rest";
      break;
    case CoverageState::kCovered:
      s = "Covered: " + sources_words() + " of " + host + (c.sources.size() == 1 ? " spans" : " span") + " the window " +
          window;
      break;
  }
  if (c.quiet) {
    s += "; no line of " + host + " falls in the window itself (the site was quiet: last line before " +
         (c.before_us ? utc_text(*c.before_us) : "-") + ", first after " + (c.after_us ? utc_text(*c.after_us) : "-") +
         ")";
  } else if (c.lines_counted) {
    s += "; " + lines_words(c.host_lines) + " of " + host + " in the window";
  } else {
    s += "; " + lines_words(c.records_near) + " indexed near the time";
  }
  s += "; unparsed lines near the time: " + std::to_string(c.unparsed_near) + ".";
  if (!a.query.url.host.empty() && !c.sources.empty() &&
      std::none_of(c.sources.begin(), c.sources.end(), [](const SourceCover& sc) { return sc.host_logged; })) {
    s += " These logs name no host; they are taken to be " + host + "'s.";
  }
  return s;
}

std::string answer_to_json(const Answer& a, const IndexReader& index) {
  JsonWriter w;
  w.begin_object();
  w.field("id", a.text.id).field("outcome", outcome_name(a.outcome()));
  if (a.outcome() == Outcome::kError) w.field("error", a.error);

  w.key("asked").begin_object();
  w.field("time", a.text.time).field("url", a.text.url);
  w.field("url_match", a.text.url_match.empty() ? "exact" : a.text.url_match);
  w.key("method");
  a.text.method.empty() ? w.null() : w.value(a.text.method);
  w.key("status");
  a.text.status.empty() ? w.null() : w.value(a.text.status);
  if (a.outcome() != Outcome::kError) {
    w.field("utc", format_rfc3339_utc(a.asked.time)).field("local", format_rfc3339(a.asked.time));
    w.field("reading", reading_name(a));
    w.key("zone");
    a.asked.zone.empty() && a.asked.time.offset_source == OffsetSource::kLogged ? w.null()
                                                                                : w.value(a.asked.zone.empty() ? "UTC" : a.asked.zone);
    w.field("zone_assumed", a.zone_assumed);
    w.key("other_utc");
    a.asked.other_utc_us ? w.value(utc_text(*a.asked.other_utc_us)) : w.null();
    w.field("window_s", a.query.window_us / kMicrosPerSecond);
    w.key("host");
    a.query.url.host.empty() ? w.null() : w.value(a.query.url.host);
    w.field("path_query", a.query.url.path_query).field("match", match_name(a.query.match));
  }
  w.end_object();

  w.key("matches").begin_array();
  for (const Hit& h : a.hits) write_hit_json(w, h, /*ranked=*/true);
  w.end_array();

  if (a.outcome() != Outcome::kError) {
    const Coverage& c = a.coverage;
    w.key("coverage").begin_object();
    w.field("state", coverage_state_name(c.state)).field("statement", coverage_statement(a));
    w.field("from_utc", utc_text(c.from_us)).field("to_utc", utc_text(c.to_us));
    w.field("sources_for_host", static_cast<uint64_t>(c.sources_for_host));
    w.key("host_first_utc");
    c.host_span ? w.value(utc_text(c.host_span->min_us)) : w.null();
    w.key("host_last_utc");
    c.host_span ? w.value(utc_text(c.host_span->max_us)) : w.null();
    w.field("records_near", c.records_near).field("unparsed_near", c.unparsed_near);
    w.key("host_lines");
    c.lines_counted ? w.value(c.host_lines) : w.null();
    w.field("quiet", c.quiet);
    w.key("before_utc");
    c.before_us ? w.value(utc_text(*c.before_us)) : w.null();
    w.key("after_utc");
    c.after_us ? w.value(utc_text(*c.after_us)) : w.null();
    w.key("sources").begin_array();
    for (const SourceCover& s : c.sources) {
      w.begin_object();
      w.field("path", s.source->path).field("sha256", s.source->sha256);
      w.field("first_utc", utc_text(s.span.min_us)).field("last_utc", utc_text(s.span.max_us));
      w.field("records", s.span.records).field("host_logged", s.host_logged);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.field("index_id", index.manifest().index_id).field("alcor_version", ALCOR_VERSION);
  w.end_object();
  return w.take();
}

namespace {

const std::vector<std::string> kAnswerColumns = {"id", "outcome", "rank", "distance_s", "offset_s", "widened_by_s"};
const std::vector<std::string> kAnswerTail = {"coverage", "coverage_statement", "error"};

}  // namespace

void write_answer_csv_header(FILE* out) {
  std::vector<std::string> header = kAnswerColumns;
  header.insert(header.end(), hit_csv_header().begin(), hit_csv_header().end());
  header.insert(header.end(), kAnswerTail.begin(), kAnswerTail.end());
  write_all(out, csv_row(header));
}

void write_answer_csv(FILE* out, const Answer& a) {
  const std::string outcome(outcome_name(a.outcome()));
  const std::string state(a.outcome() == Outcome::kError ? "" : coverage_state_name(a.coverage.state));
  const std::vector<std::string> tail = {state, coverage_statement(a), a.error};
  auto row = [&](std::vector<std::string> head, std::vector<std::string> hit) {
    head.insert(head.end(), hit.begin(), hit.end());
    head.insert(head.end(), tail.begin(), tail.end());
    write_all(out, csv_row(head));
  };
  if (a.hits.empty()) {
    row({a.text.id, outcome, "", "", "", ""}, std::vector<std::string>(hit_csv_header().size()));
    return;
  }
  for (size_t i = 0; i < a.hits.size(); ++i) {
    const Hit& h = a.hits[i];
    row({a.text.id, outcome, std::to_string(i + 1), seconds_text(h.distance_us), seconds_text(h.offset_us),
         seconds_text(std::max<int64_t>(0, std::llabs(h.offset_us) - h.distance_us))},
        hit_csv_values(h));
  }
}

void write_answer_table(FILE* out, const Answer& a) {
  std::string head = a.text.id.empty() ? "" : "[" + a.text.id + "] ";
  if (a.outcome() == Outcome::kError) {
    write_all(out, head + "ERROR: " + a.error + "\n");
    return;
  }
  head += "asked " + format_rfc3339(a.asked.time) + " (" + format_rfc3339_utc(a.asked.time) + ")";
  if (a.asked.other_utc_us) head += " or " + utc_text(*a.asked.other_utc_us) + " [" + std::string(reading_name(a)) + " local time]";
  head += " +-" + seconds_text(a.query.window_us) + "s  " + a.text.url + "\n";
  write_all(out, head);
  if (a.zone_assumed) write_all(out, "warning: the time has no offset and no zone was given: read as UTC\n");
  switch (a.outcome()) {
    case Outcome::kMatch: {
      std::vector<std::string> header = {"distance_s"};
      header.insert(header.end(), hit_table_header().begin(), hit_table_header().end());
      std::vector<std::vector<std::string>> rows;
      for (const Hit& h : a.hits) {
        std::vector<std::string> row = {seconds_text(h.distance_us)};
        std::vector<std::string> cells = hit_table_cells(h);
        row.insert(row.end(), cells.begin(), cells.end());
        rows.push_back(std::move(row));
      }
      write_text_table(out, header, rows);
      write_all(out, "MATCH: " + std::to_string(a.hits.size()) + (a.hits.size() == 1 ? " request" : " requests") + "\n");
      break;
    }
    case Outcome::kNoMatch:
      write_all(out, "NO MATCH: the logs cover this time and hold no such request\n");
      break;
    case Outcome::kNoLogs:
      write_all(out, "NO LOGS FOR THAT TIME: the index cannot say whether the request was made\n");
      break;
    case Outcome::kError:
      break;
  }
  write_all(out, "coverage: " + coverage_statement(a) + "\n");
}

}  // namespace alcor
