// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_reader.h"
#include "support/capture_test_helpers.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace sipladder::core;
using namespace sipladder::testing;

namespace {

TEST(CaptureCorpus, EveryCaptureYieldsTsharksFrameCount)
{
    const auto corpus = corpusDir();
    if (!corpus)
        GTEST_SKIP() << "public corpus not present";
    std::ifstream table(*corpus / "expected.tsv");
    ASSERT_TRUE(table);
    std::string line;
    std::getline(table, line); // header
    int checked = 0;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string path;
        std::uint64_t frames = 0;
        if (!(fields >> path >> frames))
            continue;
        SCOPED_TRACE(path);
        const std::string file = (*corpus / path).string();
        auto reader = openCaptureReader(file);
        if (path == "sipnab/c07-sip-r2.cap") {
            ASSERT_FALSE(reader.ok());
            EXPECT_EQ(reader.error().code, ErrorCode::UnsupportedFormat);
            EXPECT_NE(reader.error().message.find("Network Monitor"), std::string::npos) << reader.error().message;
            EXPECT_NE(reader.error().message.find(file), std::string::npos);
            ++checked;
            continue;
        }
        ASSERT_TRUE(reader.ok()) << reader.error().message;
        const ReadAll all = readAllFrames(*reader.value());
        EXPECT_EQ(all.endStatus, ReadStatus::EndOfFile) << all.problem;
        EXPECT_EQ(all.frames.size(), frames);
        // Every frame's bytes can be found again through the byte source at its offset.
        auto source = reader.value()->byteSource();
        std::string readBack;
        for (const ReadFrame& frame : all.frames) {
            ASSERT_TRUE(source->read(frame.dataFileOffset, static_cast<std::uint32_t>(frame.bytes.size()), readBack))
                << "frame " << frame.frameNumber;
            ASSERT_EQ(readBack, std::string(frame.bytes.begin(), frame.bytes.end())) << "frame " << frame.frameNumber;
        }
        ++checked;
    }
    EXPECT_GE(checked, 40);
}

} // namespace
