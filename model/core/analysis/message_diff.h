// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sip/header_names.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// A piece of a character-level difference: text both sides share, text only the left has, or text
// only the right has. The left side reads as the Equal + Removed segments in order, the right as
// the Equal + Added ones.
struct DiffSegment {
    enum class Kind : std::uint8_t { Equal, Removed, Added };
    Kind kind = Kind::Equal;
    std::string text;

    bool operator==(const DiffSegment&) const = default;
};

enum class DiffState : std::uint8_t {
    Equal,
    Changed, // both sides have it, with different text (see segments)
    OnlyLeft,
    OnlyRight,
};

// A start line, an SDP line or a non-SDP body compared as one block.
struct LineDiff {
    DiffState state = DiffState::Equal;
    std::string left;
    std::string right;
    std::vector<DiffSegment> segments; // Changed only
};

// One header of the left message paired with one of the right (by HeaderId, so the compact and long
// forms pair; unknown headers by case-insensitive name; repeated headers in order).
struct HeaderDiff {
    DiffState state = DiffState::Equal;
    HeaderId id = HeaderId::Other;
    std::string leftName; // as written ("i", "Call-ID", "x-foo"); empty when only the right has it
    std::string rightName;
    std::string leftValue;
    std::string rightValue;
    std::vector<DiffSegment> segments; // Changed only
};

// A header-aware comparison of two SIP messages, pure data for the message pane and reports:
// start lines compared by character, headers paired and compared, SDP bodies line by line.
class MessageDiff {
public:
    enum class BodyKind : std::uint8_t {
        None, // neither message has a body
        Sdp, // both carry SDP: compared line by line
        Other, // compared as one block
        Text, // a side is not SIP at all: the whole texts compared line by line
    };

    static MessageDiff compare(std::string_view left, std::string_view right);

    // Character differences of two strings, merged into runs. The cost is bounded: after the common
    // prefix and suffix, a middle part longer than the budget allows becomes one Removed and one
    // Added segment.
    static std::vector<DiffSegment> diffCharacters(std::string_view left, std::string_view right);

    const LineDiff& startLine() const { return m_startLine; }
    // In the left message's order, each right-only header after the right header it follows.
    const std::vector<HeaderDiff>& headers() const { return m_headers; }
    BodyKind bodyKind() const { return m_bodyKind; }
    const std::vector<LineDiff>& body() const { return m_body; }

    // Nothing differs (header names written differently, "i" against "Call-ID", still count as equal).
    bool identical() const;
    // Headers and lines that are not Equal.
    std::size_t differenceCount() const;

private:
    LineDiff m_startLine;
    std::vector<HeaderDiff> m_headers;
    BodyKind m_bodyKind = BodyKind::None;
    std::vector<LineDiff> m_body;
};

} // namespace sipladder::core
