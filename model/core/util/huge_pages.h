// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace sipladder::core {

// Asks the kernel to back a large, freshly reserved buffer with transparent huge pages where the
// system allows it on request ("madvise" mode): a million records then cost a few hundred page
// faults instead of a hundred thousand. A hint only; does nothing elsewhere.
void adviseHugePages(void* data, std::size_t bytes);

} // namespace sipladder::core
