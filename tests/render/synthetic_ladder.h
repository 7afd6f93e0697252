// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "layout/ladder_layout.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sipladder::synthetic {

inline core::LadderColumn syntheticColumn(std::uint8_t host, std::uint16_t port = 5060)
{
    core::LadderColumn column;
    column.endpoint = { core::IpAddress::v4(198, 51, 100, host), port };
    column.label = column.endpoint.toString();
    return column;
}

inline core::LadderRow syntheticRow(
    std::uint16_t from, std::uint16_t to, core::ArrowTone tone, std::string label, std::string firstLine = {})
{
    core::LadderRow row;
    row.fromColumn = from;
    row.toColumn = to;
    row.tone = tone;
    row.isRequest = tone == core::ArrowTone::Request;
    row.firstLine = firstLine.empty() ? label + (row.isRequest ? " sip:bob@example.test SIP/2.0" : "") : firstLine;
    row.label = std::move(label);
    return row;
}

// Rows numbered in time order from 10:00:00 UTC, 110 ms apart, with message indexes equal to rows.
inline void numberRows(std::vector<core::LadderRow>& rows)
{
    constexpr std::int64_t kStartNs = 1795514400LL * 1'000'000'000;
    constexpr std::int64_t kStepNs = 110'000'000;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i].index = static_cast<std::uint32_t>(i);
        rows[i].timestampNs = kStartNs + static_cast<std::int64_t>(i) * kStepNs;
        rows[i].deltaNs = i == 0 ? 0 : kStepNs;
    }
}

// A ladder of `rowCount` rows repeating a call through an SBC with every kind of row: SDP, provisional,
// success, a 404 failure, a retransmission, duplicates, a self-message and an ICMP error. Calls
// alternate between `callSlots` slots.
inline core::LadderLayout syntheticLadder(std::size_t rowCount, std::uint16_t callSlots = 1)
{
    using core::ArrowTone;
    std::vector<core::LadderColumn> columns
        = { syntheticColumn(10), syntheticColumn(1), syntheticColumn(1, 5080), syntheticColumn(20) };
    struct Step {
        std::uint16_t from;
        std::uint16_t to;
        ArrowTone tone;
        const char* label;
        bool sdp;
    };
    static constexpr std::array<Step, 16> kPattern = { {
        { 0, 1, ArrowTone::Request, "INVITE", true },
        { 1, 0, ArrowTone::Provisional, "100 Trying", false },
        { 1, 2, ArrowTone::Request, "INVITE", true },
        { 2, 3, ArrowTone::Request, "INVITE", true },
        { 3, 2, ArrowTone::Provisional, "180 Ringing", false },
        { 2, 1, ArrowTone::Provisional, "180 Ringing", false },
        { 1, 0, ArrowTone::Provisional, "183 Session Progress", true },
        { 3, 2, ArrowTone::Success, "200 OK", true },
        { 1, 0, ArrowTone::Success, "200 OK", true },
        { 0, 1, ArrowTone::Request, "ACK", false },
        { 1, 1, ArrowTone::Request, "OPTIONS", false },
        { 0, 1, ArrowTone::Error, "INVITE", true },
        { 1, 0, ArrowTone::Error, "404 Not Found", false },
        { 0, 1, ArrowTone::Request, "ACK", false },
        { 3, 2, ArrowTone::Icmp, "ICMP port unreachable", false },
        { 0, 1, ArrowTone::Request, "BYE", false },
    } };
    std::vector<core::LadderRow> rows;
    rows.reserve(rowCount);
    for (std::size_t i = 0; i < rowCount; ++i) {
        const Step& step = kPattern[i % kPattern.size()];
        core::LadderRow row = syntheticRow(step.from, step.to, step.tone, step.label);
        row.hasSdp = step.sdp;
        row.callSlot = static_cast<std::uint16_t>((i / kPattern.size()) % callSlots);
        if (step.tone == ArrowTone::Icmp) {
            row.kind = core::LadderRow::Kind::Icmp;
            row.firstLine = row.label;
        }
        row.retransmission = i % kPattern.size() == 2 && (i / kPattern.size()) % 3 == 1;
        row.copies = i % kPattern.size() == 9 ? 2 : 1;
        rows.push_back(std::move(row));
    }
    numberRows(rows);
    return core::LadderLayout::fromParts(std::move(columns), std::move(rows));
}

} // namespace sipladder::synthetic
