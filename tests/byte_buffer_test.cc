#include "parsers/byte_buffer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>

namespace alcor {
namespace {

TEST(ByteBuffer, GrowingKeepsTheBytesAlreadyThere) {
  ByteBuffer b;
  b.assign("line one\n");
  b.resize_for_overwrite(4096);  // past the first allocation
  std::memcpy(b.data() + 9, "line two\n", 9);
  b.resize_for_overwrite(18);
  EXPECT_EQ(std::string_view(b), "line one\nline two\n");
  EXPECT_EQ(b.back(), '\n');
}

TEST(ByteBuffer, AssignFromItsOwnTailMovesTheBytesDown) {
  // ChunkReader keeps the unfinished last line this way.
  ByteBuffer b;
  b.assign("complete\nhalf");
  b.assign(std::string_view(b).substr(9));
  EXPECT_EQ(std::string_view(b), "half");
}

TEST(ByteBuffer, CopiesOwnTheirBytesAndMovesLeaveTheSourceEmpty) {
  ByteBuffer a;
  a.append("abc", 3);
  ByteBuffer copy = a;
  copy.data()[0] = 'x';
  EXPECT_EQ(std::string_view(a), "abc");
  EXPECT_EQ(std::string_view(copy), "xbc");
  ByteBuffer moved = std::move(a);
  EXPECT_EQ(std::string_view(moved), "abc");
  EXPECT_TRUE(a.empty());  // the documented moved-from state
  copy = std::move(moved);
  EXPECT_EQ(std::string_view(copy), "abc");
  EXPECT_TRUE(moved.empty());
}

}  // namespace
}  // namespace alcor
