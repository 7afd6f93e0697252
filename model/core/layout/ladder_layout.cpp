// SPDX-License-Identifier: Apache-2.0
#include "layout/ladder_layout.h"

#include "analysis/diagnoser.h"
#include "net/transport.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace sipladder::core {

namespace {

constexpr std::uint16_t kMaxColumn = std::numeric_limits<std::uint16_t>::max();

struct RowSource {
    std::int64_t timestampNs = 0;
    LadderRow::Kind kind = LadderRow::Kind::Message;
    std::uint32_t index = 0;
    std::uint16_t callSlot = 0;
};

ArrowTone toneByClass(const MessageRecord& message)
{
    if (message.isRequest())
        return ArrowTone::Request;
    const auto status = message.statusCode;
    if (status < 200)
        return ArrowTone::Provisional;
    if (status < 300)
        return ArrowTone::Success;
    if (status < 400)
        return ArrowTone::Redirect;
    return ArrowTone::NonFinal;
}

// CONTRACT.md's outcome table applied to one message through its transaction's outcome.
ArrowTone toneOf(const CaptureSnapshot& snapshot, const MessageRecord& message)
{
    const auto& transactions = snapshot.transactions();
    if (message.transactionIndex < transactions.size()) {
        const Transaction& t = transactions[message.transactionIndex];
        const bool finalResponse = !message.isRequest() && t.finalStatus != 0 && message.statusCode == t.finalStatus;
        // The ACK of an error response shares the INVITE's transaction but is not the failing request.
        const bool ownRequest = message.isRequest() && message.method == t.method;
        if ((finalResponse || ownRequest) && isErrorOutcome(t.outcome))
            return ArrowTone::Error;
        if ((finalResponse || ownRequest) && t.outcome == Outcome::Cancelled)
            return ArrowTone::Cancelled;
        if (t.outcome == Outcome::Challenge && (message.statusCode == 401 || message.statusCode == 407))
            return ArrowTone::Challenge;
    }
    return toneByClass(message);
}

class ColumnSet {
public:
    ColumnSet(const CaptureSnapshot& snapshot, const LadderOptions& options, std::vector<LadderColumn>& columns)
        : m_snapshot(snapshot)
        , m_options(options)
        , m_columns(columns)
    {
    }

    std::uint16_t columnOf(const Endpoint& endpoint)
    {
        Endpoint key = endpoint;
        if (m_options.mergePerHost)
            key.port = 0;
        const auto found = m_byEndpoint.find(key);
        if (found != m_byEndpoint.end())
            return found->second;
        // A ladder of tens of thousands of lifelines is unreadable anyway; the overflow shares the last one.
        if (m_columns.size() >= kMaxColumn)
            return static_cast<std::uint16_t>(kMaxColumn - 1);
        const auto column = static_cast<std::uint16_t>(m_columns.size());
        // A host a text log only named is labelled with its name (see CaptureSnapshot::endpointText).
        const auto name = m_snapshot.hostName(key.address);
        m_columns.push_back({ key,
            m_options.mergePerHost ? (name.empty() ? key.address.toString() : std::string(name))
                                   : m_snapshot.endpointText(key) });
        m_byEndpoint.emplace(key, column);
        return column;
    }

private:
    const CaptureSnapshot& m_snapshot;
    const LadderOptions& m_options;
    std::vector<LadderColumn>& m_columns;
    std::map<Endpoint, std::uint16_t> m_byEndpoint;
};

void fillMessageRow(const CaptureSnapshot& snapshot, const MessageRecord& message, LadderRow& row)
{
    row.isRequest = message.isRequest();
    row.retransmission = message.has(MessageRetransmission);
    row.hasSdp = message.has(MessageHasSdp);
    row.malformed = message.has(MessageMalformed);
    row.tone = toneOf(snapshot, message);
    const auto uriOrReason = snapshot.text(message.requestUriOrReason);
    if (row.isRequest) {
        const auto method = snapshot.methodText(message);
        row.label.assign(method);
        row.firstLine.reserve(method.size() + uriOrReason.size() + 9);
        row.firstLine.append(method).append(" ").append(uriOrReason).append(" SIP/2.0");
    } else {
        row.label = std::to_string(message.statusCode);
        if (!uriOrReason.empty())
            row.label.append(" ").append(uriOrReason);
        row.firstLine = "SIP/2.0 " + row.label;
    }
}

void fillIcmpRow(const IcmpEvent& event, LadderRow& row)
{
    row.tone = ArrowTone::Icmp;
    row.label = std::string("ICMP ") + event.description();
    row.firstLine = row.label + " from " + event.reporter.address.toString() + " about "
        + std::string(transportName(event.quotedTransport)) + " " + event.quotedSource.toString() + " -> "
        + event.quotedDestination.toString();
}

} // namespace

LadderLayout LadderLayout::build(const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes,
    const LadderOptions& options, const Diagnosis* diagnosis)
{
    LadderLayout layout;
    const auto callCount = snapshot.calls().size();
    for (const auto call : callIndexes) {
        if (call >= callCount || layout.m_callIndexes.size() >= kMaxColumn)
            continue;
        if (std::find(layout.m_callIndexes.begin(), layout.m_callIndexes.end(), call) == layout.m_callIndexes.end())
            layout.m_callIndexes.push_back(call);
    }

    const auto& messages = snapshot.messages();
    const auto& icmpEvents = snapshot.icmpEvents();
    std::vector<RowSource> sources;
    for (std::size_t slot = 0; slot < layout.m_callIndexes.size(); ++slot) {
        const auto call = layout.m_callIndexes[slot];
        for (const auto m : snapshot.messagesOfCall(call)) {
            if (m < messages.size())
                sources.push_back(
                    { messages[m].timestampNs, LadderRow::Kind::Message, m, static_cast<std::uint16_t>(slot) });
        }
        for (const auto e : snapshot.icmpEventsOfCall(call))
            sources.push_back(
                { icmpEvents[e].timestampNs, LadderRow::Kind::Icmp, e, static_cast<std::uint16_t>(slot) });
    }
    // Time order; at equal times messages in snapshot order, an ICMP error after the message it answers.
    std::sort(sources.begin(), sources.end(), [](const RowSource& a, const RowSource& b) {
        if (a.timestampNs != b.timestampNs)
            return a.timestampNs < b.timestampNs;
        if (a.kind != b.kind)
            return a.kind == LadderRow::Kind::Message;
        return a.index < b.index;
    });

    ColumnSet columns(snapshot, options, layout.m_columns);
    std::unordered_map<std::uint32_t, std::uint32_t> rowOfOriginal;
    layout.m_rows.reserve(sources.size());
    layout.m_rowOfMessage.reserve(sources.size());
    for (const auto& source : sources) {
        if (source.kind == LadderRow::Kind::Message) {
            const MessageRecord& message = messages[source.index];
            if (message.has(MessageDuplicate) && message.duplicateOf != kNoIndex) {
                const auto original = rowOfOriginal.find(message.duplicateOf);
                if (original != rowOfOriginal.end()) {
                    auto& copies = layout.m_rows[original->second].copies;
                    if (copies < std::numeric_limits<std::uint16_t>::max())
                        ++copies;
                    layout.m_rowOfMessage.emplace_back(source.index, original->second);
                    continue;
                }
            }
        }
        LadderRow row;
        row.kind = source.kind;
        row.index = source.index;
        row.timestampNs = source.timestampNs;
        row.deltaNs = layout.m_rows.empty() ? 0 : source.timestampNs - layout.m_rows.back().timestampNs;
        row.callSlot = source.callSlot;
        const auto rowIndex = static_cast<std::uint32_t>(layout.m_rows.size());
        if (source.kind == LadderRow::Kind::Message) {
            const MessageRecord& message = messages[source.index];
            row.fromColumn = columns.columnOf(snapshot.source(message));
            row.toColumn = columns.columnOf(snapshot.destination(message));
            fillMessageRow(snapshot, message, row);
            rowOfOriginal.emplace(source.index, rowIndex);
            layout.m_rowOfMessage.emplace_back(source.index, rowIndex);
        } else {
            const IcmpEvent& event = icmpEvents[source.index];
            row.fromColumn = columns.columnOf(event.reporter);
            row.toColumn = columns.columnOf(event.quotedSource);
            fillIcmpRow(event, row);
        }
        layout.m_rows.push_back(std::move(row));
    }
    std::sort(layout.m_rowOfMessage.begin(), layout.m_rowOfMessage.end());
    if (diagnosis)
        layout.applyDiagnosis(*diagnosis);
    return layout;
}

void LadderLayout::applyDiagnosis(const Diagnosis& diagnosis)
{
    const auto& failures = diagnosis.failures();
    for (const std::uint32_t call : m_callIndexes) {
        for (const std::uint32_t index : diagnosis.failuresOfCall(call)) {
            if (index >= failures.size())
                continue;
            const Failure& failure = failures[index];
            // The final word of the failure; a time-out has none, so its request carries the mark.
            const std::uint32_t message
                = failure.finalMessage != kNoIndex ? failure.finalMessage : failure.requestMessage;
            const auto row = message != kNoIndex ? rowOfMessage(message) : std::nullopt;
            if (!row)
                continue;
            LadderRow& marked = m_rows[*row];
            marked.causeBadge.assign(causeId(failure.explanation.cause));
            marked.causeSeverity = failure.explanation.severity;
            marked.failureIndex = index;
        }
    }
}

std::vector<std::size_t> LadderLayout::badgeRows() const
{
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!m_rows[i].causeBadge.empty())
            rows.push_back(i);
    }
    return rows;
}

LadderLayout LadderLayout::fromParts(std::vector<LadderColumn> columns, std::vector<LadderRow> rows)
{
    LadderLayout layout;
    layout.m_columns = std::move(columns);
    layout.m_rows = std::move(rows);
    // Every row must land on a lifeline, so consumers can index columns() without checking.
    std::size_t needed = layout.m_columns.size();
    for (const auto& row : layout.m_rows)
        needed = std::max<std::size_t>(needed, std::max(row.fromColumn, row.toColumn) + std::size_t { 1 });
    while (layout.m_columns.size() < needed)
        layout.m_columns.push_back({ Endpoint {}, "?" });
    for (std::uint32_t i = 0; i < layout.m_rows.size(); ++i) {
        if (layout.m_rows[i].kind == LadderRow::Kind::Message)
            layout.m_rowOfMessage.emplace_back(layout.m_rows[i].index, i);
    }
    std::sort(layout.m_rowOfMessage.begin(), layout.m_rowOfMessage.end());
    return layout;
}

std::optional<std::size_t> LadderLayout::rowOfMessage(std::uint32_t messageIndex) const
{
    const auto found = std::lower_bound(
        m_rowOfMessage.begin(), m_rowOfMessage.end(), std::pair<std::uint32_t, std::uint32_t>(messageIndex, 0));
    if (found == m_rowOfMessage.end() || found->first != messageIndex)
        return std::nullopt;
    return found->second;
}

std::optional<std::size_t> LadderLayout::nextFailure(std::optional<std::size_t> row) const
{
    for (std::size_t i = row ? *row + 1 : 0; i < m_rows.size(); ++i) {
        if (m_rows[i].tone == ArrowTone::Error)
            return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> LadderLayout::previousFailure(std::optional<std::size_t> row) const
{
    for (std::size_t i = row ? std::min(*row, m_rows.size()) : m_rows.size(); i > 0; --i) {
        if (m_rows[i - 1].tone == ArrowTone::Error)
            return i - 1;
    }
    return std::nullopt;
}

} // namespace sipladder::core
