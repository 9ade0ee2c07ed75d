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

TEST(ByteBuffer, BuffersOnTheirOwnMappingKeepTheirBytesThroughGrowthCopiesAndMoves) {
  // From kHugePageBytes on, a buffer is a mapping of its own (huge pages).
  const size_t big = ByteBuffer::kHugePageBytes + 12345;
  std::string pattern(big, '\0');
  for (size_t i = 0; i < big; ++i) pattern[i] = static_cast<char>('a' + i % 23);
  ByteBuffer b;
  b.assign(std::string_view(pattern).substr(0, 1000));  // on the heap
  b.append(pattern.data() + 1000, big - 1000);          // grows onto its mapping
  b.resize_for_overwrite(3 * ByteBuffer::kHugePageBytes);  // a second mapping
  b.resize_for_overwrite(big);
  ASSERT_EQ(std::string_view(b), pattern);
  ByteBuffer copy = b;
  ByteBuffer small;
  small.assign("on the heap");
  copy = small;  // a mapped buffer overwritten by a heap one's bytes
  EXPECT_EQ(std::string_view(copy), "on the heap");
  ByteBuffer moved = std::move(b);
  EXPECT_EQ(std::string_view(moved), pattern);
  EXPECT_TRUE(b.empty());
  small = std::move(moved);  // the heap buffer it held is freed as heap memory
  EXPECT_EQ(std::string_view(small), pattern);
}

}  // namespace
}  // namespace alcor
