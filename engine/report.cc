#include "engine/report.h"

#include <simdjson.h>

#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "engine/json_lines.h"
#include "engine/registry_lookup.h"
#include "engine/time_input.h"
#include "parsers/registry_ip.h"

namespace alcor {
namespace {

using simdjson::dom::element;

constexpr int32_t kJstOffset = 9 * 3600;

// A field as text: strings as they are, numbers and booleans as written,
// "" for a missing or null field.
std::string text(element e, std::string_view key) {
  element v;
  if (e[key].get(v)) return "";
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v));
    case simdjson::dom::element_type::NULL_VALUE: return "";
    default: return simdjson::minify(v);
  }
}

element child(element e, std::string_view key) {
  element v;
  if (e[key].get(v)) throw std::runtime_error("answer has no '" + std::string(key) + "'");
  return v;
}

// An RFC 3339 time printed in JST at its own precision; "" when unreadable.
std::string in_jst(const std::string& rfc3339) {
  std::string error;
  auto t = parse_time_input(rfc3339, &error);
  if (!t) return "";
  t->offset_s = kJstOffset;
  return format_rfc3339(*t);
}

std::string or_dash(std::string s) { return s.empty() ? "-" : s; }

// What the operator should know before sending, worded for the provider's side.
class Warnings {
 public:
  void add(std::string w) {
    if (seen_.insert(w).second) items_.push_back(std::move(w));
  }
  const std::vector<std::string>& items() const { return items_; }

 private:
  std::set<std::string> seen_;
  std::vector<std::string> items_;
};

void check_match(element m, double window_s, const ReportOptions& o, Warnings& w) {
  const std::string ip = text(m, "ip"), port = text(m, "port");
  if (port.empty()) {
    w.add("送信元ポート番号が記録されていません。No source port is logged: behind carrier-grade NAT the provider "
          "may be unable to identify the subscriber from address and time alone.");
  } else if (port == "0") {
    w.add("ポート番号が0です（プロキシヘッダ由来のアドレスの可能性）。Port 0 is logged: the address was probably "
          "taken from a proxy header (mod_remoteip) and the client's real port is unknown.");
  }
  auto addr = IpAddress::parse(ip);
  if (ip.empty()) {
    w.add("送信元アドレスが記録されていません。No client address is logged for a matching request.");
  } else if (!addr) {
    w.add("送信元がホスト名で記録されています (" + ip + ")。The client was logged as a host name, not an address "
          "(HostnameLookups): resolve it with care, the mapping may have changed.");
  } else {
    for (const IpPrefix& p : o.proxies) {
      if (p.contains(*addr)) {
        w.add("送信元 " + ip + " は既知のプロキシ/ロードバランサ (" + p.to_string() + ") です。The client address is a "
              "known proxy or load balancer: it does not identify the user.");
      }
    }
  }
  const std::string offset = text(m, "time_offset");
  if (!offset.empty() && offset != "logged") {
    w.add("ログの時刻にUTCオフセットがありません（索引時のタイムゾーン指定で補完: " + offset + "）。The logged time "
          "carried no UTC offset; it was read in the zone given when indexing" +
          (offset == "zone" ? std::string(".") : ", and falls in a DST change (" + offset + ")."));
  }
  if (element source; !m["source"].get(source)) {
    if (const std::string note = text(source, "format_note"); !note.empty()) {
      w.add("ログ形式は自動判定で、次の仮定をしています（" + note + "）。The log format was detected, not given, and "
            "assumes: " + note + ". Confirm it against the server's LogFormat / log_format before sending the port "
            "or time above.");
    }
    if (const std::string damage = text(source, "damage"); !damage.empty()) {
      w.add("証拠のログファイルは破損しています（" + damage + "）。The log file this request was read from is "
            "damaged (" + damage + "): its lines may not be what the server wrote. Check the file before "
            "sending this address.");
    }
  }
  if (text(m, "time_precision") == "min") {
    w.add("ログの時刻は分単位で、秒が記録されていません。The log records times only to the minute: the request "
          "happened at some moment of that minute, which may be too coarse for the provider to single out one "
          "connection.");
  }
  const std::string local = text(m, "time");
  if (local.size() >= 6 && !local.ends_with("+09:00")) {
    w.add("サーバの時計は日本時間ではありません（ログのオフセット " +
          (local.ends_with("Z") ? std::string("UTC") : local.substr(local.size() - 6)) +
          "）。The server logged in another zone than JST: the JST times above are converted.");
  }
  // A time logged to the minute also reaches past the window (warned above).
  double offset_s = 0, duration_s = 0;
  if (!m["offset_s"].get(offset_s) && std::abs(offset_s) > window_s && !m["duration_s"].get(duration_s) &&
      duration_s > 0) {
    w.add("記録された処理時間により照会時刻の範囲に入った要求があります。A request matched only because its logged "
          "duration reaches the asked time (see distance).");
  }
}

// Cells of the provider table for an address: holder, netname, range,
// abuse contact, the registry data it came from.
using ProviderCache = std::map<std::string, Document::Row>;

Document::Row provider_cells(const registry::RegistryIndex& registry, const IpAddress& ip) {
  registry::WhoisAnswer a = registry.whois(ip);
  if (a.provider < 0) return {"不明 unknown (no registry record)", "-", "-", "-", "-"};
  const registry::ChainLink& p = a.chain[a.provider];
  const std::string abuse = p.abuse.mailbox.empty() ? p.abuse.registry_mailbox : p.abuse.mailbox;
  const std::string snapshot = p.snapshot ? p.snapshot->file_name + " (" + p.snapshot->data_date + ")" : "";
  return {or_dash(p.holder), or_dash(p.network->netname), format_range(p.network->range), or_dash(abuse),
          or_dash(snapshot)};
}

void add_provider(element matches, const ReportOptions& o, ProviderCache& cache, Document& doc) {
  if (!o.registry) return;
  std::vector<Document::Row> rows;
  std::set<std::string> listed;
  for (element m : matches.get_array()) {
    std::string ip = text(m, "ip");
    auto addr = IpAddress::parse(ip);
    if (!addr || !listed.insert(ip).second) continue;
    auto [it, fresh] = cache.try_emplace(ip);
    if (fresh) it->second = provider_cells(*o.registry, *addr);
    Document::Row row = {ip};
    row.insert(row.end(), it->second.begin(), it->second.end());
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return;
  doc.heading(3, "接続事業者 / Access provider");
  doc.table({"IP", "事業者 Provider", "ネットワーク名 Netname", "範囲 Range", "連絡先 Abuse contact", "出典 Registry data"},
            std::move(rows));
}

void add_inquiry(element a, size_t number, const ReportOptions& o, ProviderCache& cache,
                 Document& doc) {
  const std::string id = text(a, "id"), outcome = text(a, "outcome");
  element asked = child(a, "asked");
  doc.heading(2, "照会 " + std::to_string(number) + " / Inquiry " + std::to_string(number) +
                     (id.empty() ? "" : ": " + id));
  Warnings warnings;
  if (outcome == "error") {
    doc.outcome("照会を読めませんでした / The inquiry could not be read: " + text(a, "error"), true);
    doc.fields({{"照会日時 Asked time", text(asked, "time")}, {"URL", text(asked, "url")}});
    return;
  }
  const std::string utc = text(asked, "utc");
  std::vector<std::pair<std::string, std::string>> asked_rows = {
      {"照会日時（原文）Asked time as written", text(asked, "time")},
      {"日本時間 JST", in_jst(utc)},
      {"UTC", utc},
      {"許容幅 Window", "±" + text(asked, "window_s") + " s"},
      {"URL", text(asked, "url") + " (" + text(asked, "match") + ")"},
  };
  if (!text(asked, "method").empty()) asked_rows.push_back({"メソッド Method", text(asked, "method")});
  if (!text(asked, "status").empty()) asked_rows.push_back({"ステータス Status", text(asked, "status")});
  if (!text(asked, "other_utc").empty()) {
    asked_rows.push_back({"別の解釈 Other reading (UTC)", text(asked, "other_utc")});
    warnings.add("照会時刻は夏時間の切替で" +
                 std::string(text(asked, "reading") == "ambiguous" ? "二通りある" : "存在しない") + "現地時刻です（" + text(asked, "zone") + "）。The asked local time is " + text(asked, "reading") +
                 " in " + text(asked, "zone") + " (DST change): both readings were searched; confirm with the requester.");
  }
  if (text(asked, "zone_assumed") == "true") {
    warnings.add("照会時刻にタイムゾーンの指定がなく、UTCとして検索しました。The asked time had no zone and was read "
                 "as UTC: confirm the zone with the requester.");
  }
  doc.fields(std::move(asked_rows));

  element matches = child(a, "matches");
  const size_t count = matches.get_array().size();
  if (outcome == "match") {
    doc.outcome("該当あり / Found: " + std::to_string(count) + (count == 1 ? " request" : " requests"), false);
  } else if (outcome == "no_match") {
    doc.outcome("該当なし（ログは照会時刻を含みます）/ No matching request: the logs cover the asked time.", false);
  } else {
    doc.outcome("該当時刻のログなし / NO LOGS FOR THAT TIME: the logs cannot show whether the request was made.",
                true);
  }

  if (count > 0) {
    double window_s = 0;
    if (asked["window_s"].get(window_s)) window_s = 0;
    doc.heading(3, "該当アクセス / Matching requests");
    std::vector<Document::Row> rows;
    size_t n = 0;
    for (element m : matches.get_array()) {
      rows.push_back({std::to_string(++n), in_jst(text(m, "time_utc")), text(m, "time_utc"), text(m, "time"),
                      or_dash(text(m, "ip")), or_dash(text(m, "port")), text(m, "method"),
                      or_dash(text(m, "status")), text(m, "distance_s"), or_dash(text(m, "user_agent"))});
      check_match(m, window_s, o, warnings);
    }
    doc.table({"#", "日本時間 JST", "UTC", "ログ記録 As logged", "IP", "ポート Port", "メソッド Method",
               "ステータス Status", "差 Distance (s)", "User-Agent"},
              std::move(rows));
    n = 0;
    for (element m : matches.get_array()) {
      element source = child(m, "source");
      const std::string number = std::to_string(++n);
      doc.heading(4, "証跡 " + number + " / Evidence " + number);
      std::vector<std::pair<std::string, std::string>> evidence = {
          {"ファイル File", text(source, "path")},
          {"SHA-256", text(source, "sha256")},
          {"行 Line", text(source, "line")},
          {"バイト位置 Byte offset", text(source, "offset")},
          {"ログ形式 Format", text(source, "format")},
          {"alcor", text(a, "alcor_version")},
          {"索引ID Index id", text(a, "index_id")},
      };
      if (!text(m, "raw_base64").empty()) evidence.push_back({"原文 (base64) Raw bytes", text(m, "raw_base64")});
      doc.fields(std::move(evidence));
      doc.code(text(m, "raw"));
    }
    add_provider(matches, o, cache, doc);
  }

  element coverage = child(a, "coverage");
  doc.heading(3, "ログの範囲 / Coverage");
  doc.paragraph(text(coverage, "statement"));
  std::vector<Document::Row> sources;
  for (element s : child(coverage, "sources").get_array()) {
    sources.push_back({text(s, "path"), text(s, "sha256"), text(s, "first_utc"), text(s, "last_utc"),
                       text(s, "records")});
  }
  if (!sources.empty()) {
    doc.table({"ファイル File", "SHA-256", "最初 First (UTC)", "最後 Last (UTC)", "行数 Lines"}, std::move(sources));
  }
  const std::string unparsed = text(coverage, "unparsed_near");
  if (!unparsed.empty() && unparsed != "0") {
    warnings.add("照会時刻付近に解析できない行が " + unparsed + " 行あります。" + unparsed +
                 (unparsed == "1" ? " line" : " lines") +
                 " near the asked time could not be parsed: a match among them cannot be ruled out.");
  }

  doc.heading(3, "送付前の確認事項 / Pre-flight warnings");
  if (warnings.items().empty()) {
    doc.paragraph("なし / None.");
  } else {
    doc.list(warnings.items());
  }
}

}  // namespace

Document build_report(std::string_view answers_jsonl, const ReportOptions& options) {
  Document doc;
  doc.heading(1, options.title);
  simdjson::dom::parser parser;
  ProviderCache provider_cache;  // each distinct IP looked up once
  size_t inquiries = 0;
  for_each_json_line(answers_jsonl, [&](uint64_t line_number, std::string_view line) {
    element a;
    if (parser.parse(simdjson::padded_string(line)).get(a) || !a.is_object() || a["outcome"].error()) {
      throw std::runtime_error("line " + std::to_string(line_number) +
                               " is not an answer (expected output of alcor batch or alcor query --at)");
    }
    try {
      add_inquiry(a, ++inquiries, options, provider_cache, doc);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("line " + std::to_string(line_number) + ": " + e.what());
    }
  });
  if (inquiries == 0) doc.paragraph("照会なし / No inquiries in the input.");
  return doc;
}

}  // namespace alcor
