// SPDX-License-Identifier: Apache-2.0
#include "analysis/message_diff.h"

#include "sip/sip_message.h"
#include "sip/sip_parser.h"
#include "util/bytes.h"

#include <algorithm>
#include <map>
#include <utility>

namespace sipladder::core {

namespace {

// Cells of the LCS table (4 bytes each) a single comparison may use: 4 MB.
constexpr std::size_t kMaxLcsCells = std::size_t { 1 } << 20;
// An equal run this short between two changes reads better as part of the change ("alice" vs "bob"
// shares no meaningful "b").
constexpr std::size_t kMinEqualRun = 3;

enum class Step : std::uint8_t { Equal, Removed, Added };

// Longest common subsequence of two sequences given by length and an equality test, as edit steps
// (removals before additions where both are optimal). The caller keeps n * m within kMaxLcsCells.
template <typename Equal> std::vector<Step> lcsSteps(std::size_t n, std::size_t m, Equal equal)
{
    const std::size_t width = m + 1;
    std::vector<std::uint32_t> table((n + 1) * width, 0);
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            table[i * width + j] = equal(i, j) ? table[(i + 1) * width + j + 1] + 1
                                               : std::max(table[(i + 1) * width + j], table[i * width + j + 1]);
        }
    }
    std::vector<Step> steps;
    steps.reserve(n + m);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
        if (equal(i, j)) {
            steps.push_back(Step::Equal);
            ++i;
            ++j;
        } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
            steps.push_back(Step::Removed);
            ++i;
        } else {
            steps.push_back(Step::Added);
            ++j;
        }
    }
    steps.insert(steps.end(), n - i, Step::Removed);
    steps.insert(steps.end(), m - j, Step::Added);
    return steps;
}

// Edit steps over the whole of two sequences: the common ends are trimmed first, and a middle too
// large for the budget becomes all removals then all additions.
template <typename Equal> std::vector<Step> boundedSteps(std::size_t n, std::size_t m, Equal equal)
{
    std::size_t prefix = 0;
    while (prefix < n && prefix < m && equal(prefix, prefix))
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && equal(n - 1 - suffix, m - 1 - suffix))
        ++suffix;
    const auto midN = n - prefix - suffix;
    const auto midM = m - prefix - suffix;
    std::vector<Step> steps(prefix, Step::Equal);
    if (midN == 0 || midM == 0 || midN > kMaxLcsCells / midM) {
        steps.insert(steps.end(), midN, Step::Removed);
        steps.insert(steps.end(), midM, Step::Added);
    } else {
        const auto middle
            = lcsSteps(midN, midM, [&](std::size_t i, std::size_t j) { return equal(prefix + i, prefix + j); });
        steps.insert(steps.end(), middle.begin(), middle.end());
    }
    steps.insert(steps.end(), suffix, Step::Equal);
    return steps;
}

class SegmentBuilder {
public:
    void equal(std::string_view text) { append(DiffSegment::Kind::Equal, text); }
    void removed(std::string_view text) { append(DiffSegment::Kind::Removed, text); }
    void added(std::string_view text) { append(DiffSegment::Kind::Added, text); }
    std::vector<DiffSegment> take() { return std::move(m_segments); }

private:
    void append(DiffSegment::Kind kind, std::string_view text)
    {
        if (text.empty())
            return;
        if (!m_segments.empty() && m_segments.back().kind == kind)
            m_segments.back().text.append(text);
        else
            m_segments.push_back({ kind, std::string(text) });
    }

    std::vector<DiffSegment> m_segments;
};

// Folds short equal runs between changes into the change, and orders each change as its removal
// then its addition.
std::vector<DiffSegment> cleanUp(const std::vector<DiffSegment>& raw)
{
    SegmentBuilder out;
    std::string removed;
    std::string added;
    auto flush = [&] {
        out.removed(removed);
        out.added(added);
        removed.clear();
        added.clear();
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto& segment = raw[i];
        if (segment.kind == DiffSegment::Kind::Removed) {
            removed += segment.text;
        } else if (segment.kind == DiffSegment::Kind::Added) {
            added += segment.text;
        } else {
            const bool betweenChanges = (!removed.empty() || !added.empty()) && i + 1 < raw.size();
            if (betweenChanges && segment.text.size() < kMinEqualRun) {
                removed += segment.text;
                added += segment.text;
            } else {
                flush();
                out.equal(segment.text);
            }
        }
    }
    flush();
    return out.take();
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        auto line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

LineDiff compareBlocks(std::string_view left, std::string_view right)
{
    LineDiff diff;
    diff.left = left;
    diff.right = right;
    if (left == right)
        diff.state = DiffState::Equal;
    else if (right.empty())
        diff.state = DiffState::OnlyLeft;
    else if (left.empty())
        diff.state = DiffState::OnlyRight;
    else {
        diff.state = DiffState::Changed;
        diff.segments = MessageDiff::diffCharacters(left, right);
    }
    return diff;
}

// What pairs a removed line with an added one inside a changed run: the SDP type and attribute
// ("m=", "a=rtpmap"), or the text up to the first space or colon.
std::string_view lineKey(std::string_view line)
{
    const auto end = line.find_first_of(" :");
    return line.substr(0, end == std::string_view::npos ? line.size() : end);
}

std::vector<LineDiff> diffLines(const std::vector<std::string_view>& left, const std::vector<std::string_view>& right)
{
    std::vector<LineDiff> out;
    const auto steps
        = boundedSteps(left.size(), right.size(), [&](std::size_t i, std::size_t j) { return left[i] == right[j]; });
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t s = 0;
    while (s < steps.size()) {
        if (steps[s] == Step::Equal) {
            out.push_back({ DiffState::Equal, std::string(left[i]), std::string(right[j]), {} });
            ++i;
            ++j;
            ++s;
            continue;
        }
        // A run of changes: pair its removed and added lines by key, so a changed m= line shows as
        // one changed line with its character differences.
        std::vector<std::string_view> removed;
        std::vector<std::string_view> added;
        for (; s < steps.size() && steps[s] != Step::Equal; ++s) {
            if (steps[s] == Step::Removed)
                removed.push_back(left[i++]);
            else
                added.push_back(right[j++]);
        }
        const auto pairing = boundedSteps(removed.size(), added.size(),
            [&](std::size_t a, std::size_t b) { return lineKey(removed[a]) == lineKey(added[b]); });
        std::size_t a = 0;
        std::size_t b = 0;
        for (const auto step : pairing) {
            if (step == Step::Equal)
                out.push_back(compareBlocks(removed[a++], added[b++]));
            else if (step == Step::Removed)
                out.push_back({ DiffState::OnlyLeft, std::string(removed[a++]), {}, {} });
            else
                out.push_back({ DiffState::OnlyRight, {}, std::string(added[b++]), {} });
        }
    }
    return out;
}

std::string headerKey(const SipHeader& header)
{
    if (header.id != HeaderId::Other)
        return std::string(1, '\x01') + static_cast<char>(header.id);
    std::string key(header.name);
    std::transform(key.begin(), key.end(), key.begin(),
        [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return key;
}

std::vector<HeaderDiff> pairHeaders(const std::vector<SipHeader>& left, const std::vector<SipHeader>& right)
{
    constexpr std::size_t kUnpaired = static_cast<std::size_t>(-1);
    // The k-th left header of a key pairs with the k-th right header of that key.
    std::map<std::string, std::vector<std::size_t>> rightByKey;
    for (std::size_t j = 0; j < right.size(); ++j)
        rightByKey[headerKey(right[j])].push_back(j);
    std::map<std::string, std::size_t> used;
    std::vector<std::size_t> leftMatch(left.size(), kUnpaired);
    std::vector<std::size_t> rightMatch(right.size(), kUnpaired);
    for (std::size_t i = 0; i < left.size(); ++i) {
        const auto key = headerKey(left[i]);
        const auto found = rightByKey.find(key);
        auto& next = used[key];
        if (found != rightByKey.end() && next < found->second.size()) {
            leftMatch[i] = found->second[next++];
            rightMatch[leftMatch[i]] = i;
        }
    }

    auto rightOnly = [&](std::size_t j) {
        HeaderDiff diff;
        diff.state = DiffState::OnlyRight;
        diff.id = right[j].id;
        diff.rightName = right[j].name;
        diff.rightValue = right[j].value;
        return diff;
    };
    // Right-only headers go after the right header they follow, so an added header shows where it
    // was added; those before any paired header come first.
    std::vector<std::vector<std::size_t>> rightOnlyAfter(left.size());
    std::vector<HeaderDiff> out;
    std::size_t anchor = kUnpaired;
    for (std::size_t j = 0; j < right.size(); ++j) {
        if (rightMatch[j] != kUnpaired)
            anchor = rightMatch[j];
        else if (anchor == kUnpaired)
            out.push_back(rightOnly(j));
        else
            rightOnlyAfter[anchor].push_back(j);
    }
    for (std::size_t i = 0; i < left.size(); ++i) {
        HeaderDiff diff;
        diff.id = left[i].id;
        diff.leftName = left[i].name;
        diff.leftValue = left[i].value;
        if (leftMatch[i] == kUnpaired) {
            diff.state = DiffState::OnlyLeft;
        } else {
            const auto& other = right[leftMatch[i]];
            diff.rightName = other.name;
            diff.rightValue = other.value;
            if (diff.leftValue == diff.rightValue) {
                diff.state = DiffState::Equal;
            } else {
                diff.state = DiffState::Changed;
                diff.segments = MessageDiff::diffCharacters(diff.leftValue, diff.rightValue);
            }
        }
        out.push_back(std::move(diff));
        for (const auto j : rightOnlyAfter[i])
            out.push_back(rightOnly(j));
    }
    return out;
}

} // namespace

std::vector<DiffSegment> MessageDiff::diffCharacters(std::string_view left, std::string_view right)
{
    const auto steps
        = boundedSteps(left.size(), right.size(), [&](std::size_t i, std::size_t j) { return left[i] == right[j]; });
    std::vector<DiffSegment> raw;
    std::size_t i = 0;
    std::size_t j = 0;
    for (const auto step : steps) {
        DiffSegment::Kind kind = DiffSegment::Kind::Equal;
        char c = 0;
        if (step == Step::Equal) {
            c = left[i++];
            ++j;
        } else if (step == Step::Removed) {
            kind = DiffSegment::Kind::Removed;
            c = left[i++];
        } else {
            kind = DiffSegment::Kind::Added;
            c = right[j++];
        }
        if (!raw.empty() && raw.back().kind == kind)
            raw.back().text += c;
        else
            raw.push_back({ kind, std::string(1, c) });
    }
    return cleanUp(raw);
}

MessageDiff MessageDiff::compare(std::string_view left, std::string_view right)
{
    MessageDiff diff;
    SipParser parser;
    SipMessage leftMessage;
    SipMessage rightMessage;
    const bool leftOk = parser.parse(asBytes(left), leftMessage, false);
    const bool rightOk = parser.parse(asBytes(right), rightMessage, false);
    if (!leftOk || !rightOk) {
        diff.m_bodyKind = BodyKind::Text;
        diff.m_body = diffLines(splitLines(left), splitLines(right));
        return diff;
    }

    diff.m_startLine = compareBlocks(leftMessage.startLine(), rightMessage.startLine());
    diff.m_headers = pairHeaders(leftMessage.headers(), rightMessage.headers());
    if (leftMessage.hasSdp() && rightMessage.hasSdp()) {
        diff.m_bodyKind = BodyKind::Sdp;
        diff.m_body = diffLines(splitLines(leftMessage.sdp()), splitLines(rightMessage.sdp()));
    } else if (!leftMessage.body().empty() || !rightMessage.body().empty()) {
        diff.m_bodyKind = BodyKind::Other;
        diff.m_body.push_back(compareBlocks(leftMessage.body(), rightMessage.body()));
    }
    return diff;
}

bool MessageDiff::identical() const
{
    return differenceCount() == 0;
}

std::size_t MessageDiff::differenceCount() const
{
    std::size_t count = m_startLine.state == DiffState::Equal ? 0 : 1;
    for (const auto& header : m_headers)
        count += header.state == DiffState::Equal ? 0 : 1;
    for (const auto& line : m_body)
        count += line.state == DiffState::Equal ? 0 : 1;
    return count;
}

} // namespace sipladder::core
