// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/cause.h"
#include "load/capture_snapshot.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sipladder::core {

// How an arrow is coloured, following the outcome table of CONTRACT.md. The view maps tones to
// colours; the layout never knows colours.
enum class ArrowTone : std::uint8_t {
    Request, // a request that is not part of a failure
    Provisional, // 1xx
    Success, // 2xx
    Redirect, // 3xx
    Challenge, // 401/407 answered by an accepted retry (neutral, not an error)
    Cancelled, // 487 after the caller's own CANCEL, and that INVITE: informational, not red
    Error, // the final error response of a failed transaction, and the request it answers
    NonFinal, // another 4xx-6xx that is not the transaction's final word (e.g. a forked branch)
    Icmp, // an ICMP error quoting a message of the call
};

struct LadderOptions {
    // One lifeline per host instead of per address:port.
    bool mergePerHost = false;
};

// One lifeline.
struct LadderColumn {
    Endpoint endpoint; // port 0 when merged per host
    std::string label; // "198.51.100.20:5060" or "198.51.100.20" when merged
};

// One row of the ladder: a message (duplicates folded into it) or an ICMP event.
struct LadderRow {
    enum class Kind : std::uint8_t { Message, Icmp };
    Kind kind = Kind::Message;
    std::uint32_t index = 0; // into snapshot.messages() or snapshot.icmpEvents()
    std::int64_t timestampNs = 0;
    std::int64_t deltaNs = 0; // since the previous row (0 for the first)
    std::uint16_t fromColumn = 0;
    std::uint16_t toColumn = 0; // equal to fromColumn for a message to itself (drawn as a loop)
    std::uint16_t callSlot = 0; // position of its call among the calls drawn (tells legs apart)
    std::uint16_t copies = 1; // 1 + duplicates folded into this row (drawn "×N" when above 1)
    ArrowTone tone = ArrowTone::Request;
    bool isRequest = false;
    bool retransmission = false;
    bool hasSdp = false;
    bool malformed = false;
    std::string label; // "INVITE", "404 Not Found", "ICMP port unreachable"
    std::string firstLine; // the full start line ("INVITE sip:+1555...@pbx SIP/2.0"), for tooltips
    // The diagnosis's mark on a failure's final error response (or, for a time-out without one, on
    // its request): the cause id ("number-format"), drawn beside the label; empty on other rows.
    std::string causeBadge;
    Severity causeSeverity = Severity::Error; // of that failure: info is drawn muted
    std::uint32_t failureIndex = kNoIndex; // into Diagnosis::failures(), with the badge
};

// The ladder of one or several calls in abstract units (columns and rows), built from the snapshot
// alone; geometry and painting live in the render library.
class Diagnosis;

class LadderLayout {
public:
    // With a diagnosis (of the same snapshot), each failure of the calls drawn gets its cause badge.
    static LadderLayout build(const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes,
        const LadderOptions& options = {}, const Diagnosis* diagnosis = nullptr);

    // A layout from ready-made parts (tests, benchmarks, exports of synthetic ladders).
    static LadderLayout fromParts(std::vector<LadderColumn> columns, std::vector<LadderRow> rows);

    const std::vector<LadderColumn>& columns() const { return m_columns; }
    const std::vector<LadderRow>& rows() const { return m_rows; }
    const std::vector<std::uint32_t>& callIndexes() const { return m_callIndexes; }

    // The row showing a message (or the row a duplicate was folded into), if drawn.
    std::optional<std::size_t> rowOfMessage(std::uint32_t messageIndex) const;
    // The next / previous row after / before `row` whose tone is Error (N/P navigation).
    std::optional<std::size_t> nextFailure(std::optional<std::size_t> row) const;
    std::optional<std::size_t> previousFailure(std::optional<std::size_t> row) const;
    // Rows that carry a cause badge, in row order.
    std::vector<std::size_t> badgeRows() const;

private:
    void applyDiagnosis(const Diagnosis& diagnosis);

    std::vector<LadderColumn> m_columns;
    std::vector<LadderRow> m_rows;
    std::vector<std::uint32_t> m_callIndexes;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_rowOfMessage; // sorted (message, row)
};

} // namespace sipladder::core
