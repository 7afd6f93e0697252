// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/capture_reader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sipladder::testing {

// A frame as a test keeps it after the reader has moved on.
struct ReadFrame {
    std::uint64_t frameNumber = 0;
    std::int64_t timestampNs = 0;
    std::uint32_t linkType = 0;
    std::uint32_t originalLength = 0;
    std::vector<std::uint8_t> bytes;
    std::uint64_t dataFileOffset = 0;
};

struct ReadAll {
    std::vector<ReadFrame> frames;
    core::ReadStatus endStatus = core::ReadStatus::EndOfFile;
    std::string problem;
};

// Reads every frame; `maxFrames` guards against a reader that never ends.
ReadAll readAllFrames(core::CaptureReader& reader, std::size_t maxFrames = 10'000'000);

// Deterministic frame bytes of `size` that differ per `seed`.
std::vector<std::uint8_t> makeFrameBytes(std::uint32_t seed, std::size_t size);

} // namespace sipladder::testing
