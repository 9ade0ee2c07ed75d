#include "engine/report_document.h"

#include <algorithm>

namespace alcor {
namespace {

// Markdown text: characters with markup meaning are backslash-escaped and
// line breaks become spaces (a paragraph or cell is one line).
std::string md_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out.push_back(' ');
      continue;
    }
    if (std::string_view("\\`*_[]<>|#!~").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// A fence longer than any run of backticks in the text.
std::string md_fence(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string html_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void md_row(std::string& out, const Document::Row& cells) {
  out += "|";
  for (const auto& c : cells) out += " " + md_text(c) + " |";
  out += "\n";
}

void html_row(std::string& out, const Document::Row& cells, const char* tag) {
  out += "<tr>";
  for (const auto& c : cells) out += std::string("<") + tag + ">" + html_text(c) + "</" + tag + ">";
  out += "</tr>\n";
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;max-width:72em;margin:2em auto;line-height:1.45}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em;"
    "text-align:left;vertical-align:top}th{background:#eee}"
    "pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap;word-break:break-all}"
    ".outcome{font-weight:bold;font-size:1.1em}"
    ".alarm{border:3px solid #c00;background:#fee;padding:.5em}";

}  // namespace

void Document::heading(int level, std::string text) { blocks_.push_back({Kind::kHeading, level, std::move(text)}); }
void Document::paragraph(std::string text) { blocks_.push_back({Kind::kParagraph, 0, std::move(text)}); }
void Document::outcome(std::string text, bool alarm) {
  blocks_.push_back({alarm ? Kind::kAlarm : Kind::kOutcome, 0, std::move(text)});
}
void Document::code(std::string text) { blocks_.push_back({Kind::kCode, 0, std::move(text)}); }

void Document::fields(std::vector<std::pair<std::string, std::string>> label_values) {
  Block b{Kind::kFields};
  for (auto& [label, value] : label_values) b.rows.push_back({std::move(label), std::move(value)});
  blocks_.push_back(std::move(b));
}

void Document::table(Row headers, std::vector<Row> rows) {
  Block b{Kind::kTable};
  b.headers = std::move(headers);
  b.rows = std::move(rows);
  blocks_.push_back(std::move(b));
}

void Document::list(std::vector<std::string> items) {
  Block b{Kind::kList};
  for (auto& i : items) b.rows.push_back({std::move(i)});
  blocks_.push_back(std::move(b));
}

std::string Document::markdown() const {
  std::string out;
  for (const Block& b : blocks_) {
    switch (b.kind) {
      case Kind::kHeading: out += std::string(b.level, '#') + " " + md_text(b.text) + "\n\n"; break;
      case Kind::kParagraph: out += md_text(b.text) + "\n\n"; break;
      case Kind::kOutcome: out += "**" + md_text(b.text) + "**\n\n"; break;
      case Kind::kAlarm: out += "> **" + md_text(b.text) + "**\n\n"; break;
      case Kind::kFields:
        md_row(out, {"項目 Item", "内容 Value"});
        out += "|---|---|\n";
        for (const Row& r : b.rows) md_row(out, r);
        out += "\n";
        break;
      case Kind::kTable:
        md_row(out, b.headers);
        out += "|";
        for (size_t i = 0; i < b.headers.size(); ++i) out += "---|";
        out += "\n";
        for (const Row& r : b.rows) md_row(out, r);
        out += "\n";
        break;
      case Kind::kCode: {
        std::string fence = md_fence(b.text);
        out += fence + "text\n" + b.text + "\n" + fence + "\n\n";
        break;
      }
      case Kind::kList:
        for (const Row& r : b.rows) out += "- " + md_text(r[0]) + "\n";
        out += "\n";
        break;
    }
  }
  return out;
}

std::string Document::html(const std::string& title) const {
  std::string out = "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html_text(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  for (const Block& b : blocks_) {
    switch (b.kind) {
      case Kind::kHeading: {
        std::string tag = "h" + std::to_string(std::clamp(b.level, 1, 6));
        out += "<" + tag + ">" + html_text(b.text) + "</" + tag + ">\n";
        break;
      }
      case Kind::kParagraph: out += "<p>" + html_text(b.text) + "</p>\n"; break;
      case Kind::kOutcome: out += "<p class=\"outcome\">" + html_text(b.text) + "</p>\n"; break;
      case Kind::kAlarm: out += "<p class=\"outcome alarm\">" + html_text(b.text) + "</p>\n"; break;
      case Kind::kFields:
        out += "<table>\n";
        for (const Row& r : b.rows) {
          out += "<tr><th>" + html_text(r[0]) + "</th><td>" + html_text(r[1]) + "</td></tr>\n";
        }
        out += "</table>\n";
        break;
      case Kind::kTable:
        out += "<table>\n";
        html_row(out, b.headers, "th");
        for (const Row& r : b.rows) html_row(out, r, "td");
        out += "</table>\n";
        break;
      case Kind::kCode: out += "<pre>" + html_text(b.text) + "</pre>\n"; break;
      case Kind::kList:
        out += "<ul>\n";
        for (const Row& r : b.rows) out += "<li>" + html_text(r[0]) + "</li>\n";
        out += "</ul>\n";
        break;
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace alcor
