// SPDX-License-Identifier: Apache-2.0
#include "util/progress.h"

namespace sipladder::core {

const char* loadStageName(LoadStage stage)
{
    switch (stage) {
    case LoadStage::Reading:
        return "Reading";
    case LoadStage::Grouping:
        return "Grouping calls";
    case LoadStage::Classifying:
        return "Classifying";
    case LoadStage::Finished:
        return "Finished";
    }
    return "Reading";
}

} // namespace sipladder::core
