// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace sipladder::testing {

// The calls of the sample capture, in order of their first message (which is their call index).
enum SampleCall : std::uint32_t {
    SampleAnswered, // INVITE +12125550147 -> 5551234567, 200 OK, BYE
    SampleNotFound, // INVITE +12125550100 -> 5550000404, 404 Not Found
    SampleCancelled, // INVITE "Émile" <alice> -> bob, CANCEL by the caller, 487
    SampleRegister, // REGISTER carol, 401 then 200
    SampleOptions, // OPTIONS keep-alive, 200
    SampleBusy, // INVITE +4930123456 -> 030999999, 486 Busy Here; its caller's User-Agent is kSampleRareAgent
    SampleLegA, // INVITE +13125550111 -> 7735550122 into an SBC, answered
    SampleLegB, // the same conversation out of the SBC (another Call-ID), answered; linked to SampleLegA
    SampleInProgress, // INVITE +12125550199 -> 5559876543 sent three times, unanswered when the capture ends
    SampleCallCount,
};

// Only the messages of SampleBusy's caller carry this text.
inline constexpr std::string_view kSampleRareAgent = "RareAgent/7.1";
// The first message of the first call (2026-11-24T10:00:00Z); calls start one second apart.
inline constexpr std::int64_t kSampleStartNs = 1795514400LL * 1'000'000'000;

// Writes the sample capture (Ethernet/IPv4/UDP pcap) at `path`; throws std::runtime_error when it
// cannot be written.
void writeSampleCalls(const std::filesystem::path& path);
// Writes the sample capture at `path` and loads it; throws std::runtime_error when either fails.
core::SnapshotPtr loadSampleCalls(const std::filesystem::path& path);

} // namespace sipladder::testing
