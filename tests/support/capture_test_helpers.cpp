// SPDX-License-Identifier: Apache-2.0
#include "support/capture_test_helpers.h"

namespace sipladder::testing {

ReadAll readAllFrames(core::CaptureReader& reader, std::size_t maxFrames)
{
    ReadAll result;
    core::RawFrame frame;
    for (std::size_t i = 0; i <= maxFrames; ++i) {
        const core::ReadStatus status = reader.next(frame);
        if (status != core::ReadStatus::Frame) {
            result.endStatus = status;
            result.problem = reader.problem();
            return result;
        }
        result.frames.push_back({ frame.frameNumber, frame.timestampNs, frame.linkType, frame.originalLength,
            std::vector<std::uint8_t>(frame.data.begin(), frame.data.end()), frame.dataFileOffset });
    }
    result.endStatus = core::ReadStatus::Corrupt;
    result.problem = "test helper: reader did not stop";
    return result;
}

std::vector<std::uint8_t> makeFrameBytes(std::uint32_t seed, std::size_t size)
{
    std::vector<std::uint8_t> bytes(size);
    std::uint32_t state = seed * 2654435761u + 12345u;
    for (auto& byte : bytes) {
        state = state * 1103515245u + 12345u;
        byte = static_cast<std::uint8_t>(state >> 24);
    }
    return bytes;
}

} // namespace sipladder::testing
