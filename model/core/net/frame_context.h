// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/raw_frame.h"

#include <cstdint>

namespace sipladder::core {

// The frame being dissected, as every stage sees it: identifies the frame and lets a consumer tell
// whether a payload is still a slice of the frame's bytes (then its file offset is known).
struct FrameContext {
    std::uint32_t fileIndex = 0;
    std::uint64_t frameNumber = 0;
    std::int64_t timestampNs = 0;
    ByteView frameData;
    std::uint64_t dataFileOffset = kUnknownFileOffset;

    // File offset of `slice` when it points into this frame's bytes, else kUnknownFileOffset.
    std::uint64_t fileOffsetOf(ByteView slice) const
    {
        if (dataFileOffset == kUnknownFileOffset || slice.empty())
            return kUnknownFileOffset;
        const auto* begin = frameData.data();
        const auto* end = begin + frameData.size();
        if (slice.data() < begin || slice.data() + slice.size() > end)
            return kUnknownFileOffset;
        return dataFileOffset + static_cast<std::uint64_t>(slice.data() - begin);
    }
};

} // namespace sipladder::core
