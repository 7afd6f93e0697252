// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace sipladder::core {

enum class LoadStage {
    Reading,
    Grouping,
    Classifying,
    Finished,
};

const char* loadStageName(LoadStage stage);

struct LoadProgress {
    LoadStage stage = LoadStage::Reading;
    std::uint64_t bytesDone = 0;
    std::uint64_t bytesTotal = 0;
    std::uint64_t framesDone = 0;
    std::uint64_t callsSoFar = 0;
    int fileIndex = 0;
    int fileCount = 1;
};

class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    virtual void report(const LoadProgress& progress) = 0;
};

} // namespace sipladder::core
