// SPDX-License-Identifier: Apache-2.0
#include "search/message_text_search.h"

#include "search/substring_finder.h"

#include <algorithm>
#include <string>

namespace sipladder::core {

namespace {

constexpr std::uint32_t kCancelCheckInterval = 256;

// Reports at most once per permille of the bytes, so a million messages do not mean a million signals.
class ThrottledProgress {
public:
    ThrottledProgress(ProgressSink* sink, std::uint64_t bytesTotal)
        : m_sink(sink)
    {
        m_progress.stage = LoadStage::Reading;
        m_progress.bytesTotal = bytesTotal;
    }

    void advance(std::uint64_t bytes, std::uint64_t messages, std::uint64_t calls)
    {
        m_progress.bytesDone += bytes;
        m_progress.framesDone += messages;
        m_progress.callsSoFar = calls;
        if (m_sink == nullptr || m_progress.bytesTotal == 0)
            return;
        const std::uint64_t permille = m_progress.bytesDone * 1000 / m_progress.bytesTotal;
        if (permille != m_lastPermille) {
            m_lastPermille = permille;
            m_sink->report(m_progress);
        }
    }

    void finish(std::uint64_t calls)
    {
        m_progress.stage = LoadStage::Finished;
        m_progress.bytesDone = m_progress.bytesTotal;
        m_progress.callsSoFar = calls;
        if (m_sink != nullptr)
            m_sink->report(m_progress);
    }

private:
    ProgressSink* m_sink = nullptr;
    LoadProgress m_progress;
    std::uint64_t m_lastPermille = ~std::uint64_t(0);
};

} // namespace

Result<MessageTextSearchResult> MessageTextSearch::run(
    const CaptureSnapshot& snapshot, std::string_view needle, ProgressSink* progress, const CancellationToken& token)
{
    MessageTextSearchResult result;
    if (needle.empty())
        return result;
    const SubstringFinder finder(foldedAsciiCase(needle));

    const auto& messages = snapshot.messages();
    std::vector<std::uint32_t> order;
    order.reserve(messages.size());
    std::uint64_t bytesTotal = 0;
    for (std::uint32_t i = 0; i < messages.size(); ++i) {
        const MessageRecord& message = messages[i];
        if (message.callIndex >= snapshot.calls().size() || message.has(MessageDuplicate))
            continue;
        order.push_back(i);
        bytesTotal += message.location.length;
    }
    // Time order is file order for one capture; merged files and reassembled messages are not.
    auto byLocation = [&](std::uint32_t a, std::uint32_t b) {
        const ByteLocation& x = messages[a].location;
        const ByteLocation& y = messages[b].location;
        return x.sourceIndex != y.sourceIndex ? x.sourceIndex < y.sourceIndex : x.offset < y.offset;
    };
    if (!std::is_sorted(order.begin(), order.end(), byLocation))
        std::sort(order.begin(), order.end(), byLocation);

    std::vector<bool> matched(snapshot.calls().size(), false);
    std::uint64_t matchedCount = 0;
    ThrottledProgress reporter(progress, bytesTotal);
    std::string text;
    std::uint32_t sinceCheck = 0;
    for (const std::uint32_t index : order) {
        if (++sinceCheck == kCancelCheckInterval) {
            sinceCheck = 0;
            if (token.isCancelled())
                return Error { ErrorCode::Cancelled, "The message text search was cancelled." };
        }
        const MessageRecord& message = messages[index];
        if (matched[message.callIndex]) {
            reporter.advance(message.location.length, 1, matchedCount);
            continue;
        }
        if (!snapshot.readMessage(message, text)) {
            ++result.messagesUnreadable;
            reporter.advance(message.location.length, 1, matchedCount);
            continue;
        }
        ++result.messagesSearched;
        foldAsciiCase(text.data(), text.size());
        if (finder.contains(text)) {
            matched[message.callIndex] = true;
            ++matchedCount;
        }
        reporter.advance(message.location.length, 1, matchedCount);
    }
    if (token.isCancelled())
        return Error { ErrorCode::Cancelled, "The message text search was cancelled." };

    result.calls.reserve(matchedCount);
    for (std::uint32_t call = 0; call < matched.size(); ++call) {
        if (matched[call])
            result.calls.push_back(call);
    }
    reporter.finish(matchedCount);
    return result;
}

} // namespace sipladder::core
