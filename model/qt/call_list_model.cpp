// SPDX-License-Identifier: Apache-2.0
#include "call_list_model.h"

#include "model_roles.h"
#include "qt_conversions.h"
#include "util/time_format.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace sipladder::models {

namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

void appendNumber(std::string& out, std::int64_t value)
{
    char text[24];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    out.append(text, end);
}

void appendPadded(std::string& out, std::int64_t value, int digits)
{
    char text[8];
    for (int i = digits - 1; i >= 0; --i) {
        text[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(text, static_cast<std::size_t>(digits));
}

// "10:00:00.123": the UTC time of day with milliseconds, without the C library's calendar code
// (the proxy formats it for every call of a snapshot).
void appendTimeOfDay(std::string& out, std::int64_t ns)
{
    std::int64_t ms = ns / kNsPerMs - (ns % kNsPerMs < 0 ? 1 : 0);
    ms %= kMsPerDay;
    if (ms < 0)
        ms += kMsPerDay;
    appendPadded(out, ms / 3'600'000, 2);
    out.push_back(':');
    appendPadded(out, ms / 60'000 % 60, 2);
    out.push_back(':');
    appendPadded(out, ms / 1000 % 60, 2);
    out.push_back('.');
    appendPadded(out, ms % 1000, 3);
}

// "1.234 s", always in seconds so that a column of durations lines up.
void appendDuration(std::string& out, std::int64_t ns)
{
    const std::int64_t ms = ns > 0 ? ns / kNsPerMs : 0;
    appendNumber(out, ms / 1000);
    out.push_back('.');
    appendPadded(out, ms % 1000, 3);
    out.append(" s");
}

void appendEndpoint(std::string& out, const core::Endpoint& endpoint)
{
    char text[core::Endpoint::kMaxTextLength];
    out.append(text, endpoint.formatTo(text));
}

constexpr std::string_view kNoFinal = "\u2014"; // an em dash: no final response

void appendFinal(std::string& out, const core::CaptureSnapshot& snapshot, const core::CallFlow& call)
{
    if (call.finalStatus == 0) {
        out.append(kNoFinal);
        return;
    }
    appendNumber(out, call.finalStatus);
    const auto reason = snapshot.text(call.finalReason);
    if (!reason.empty()) {
        out.push_back(' ');
        out.append(reason);
    }
}

std::string_view stateWords(core::CallState state)
{
    switch (state) {
    case core::CallState::InProgress:
        return "In progress";
    case core::CallState::Success:
        return "Success";
    case core::CallState::Failed:
        return "Failed";
    case core::CallState::Cancelled:
        return "Cancelled";
    case core::CallState::Redirected:
        return "Redirected";
    }
    return {};
}

bool isSchemeBefore(std::string_view text, std::size_t colon)
{
    auto endsWith = [&](std::string_view scheme) {
        if (colon < scheme.size())
            return false;
        for (std::size_t i = 0; i < scheme.size(); ++i) {
            const char c = text[colon - scheme.size() + i];
            if ((c | 0x20) != scheme[i])
                return false;
        }
        // The scheme starts the value or follows '<', a space or a quote, not "xsip:".
        const std::size_t start = colon - scheme.size();
        return start == 0 || text[start - 1] == '<' || text[start - 1] == ' ' || text[start - 1] == '"';
    };
    return endsWith("sip") || endsWith("sips") || endsWith("tel");
}

// The number (user part) of a From/To value: what follows the first sip:, sips: or tel: up to '@'
// (or, for tel:, up to a parameter); for a URI without a user part, the URI itself
// ("sip:carrier.example"); the whole value when there is no URI. One pass over the colons: the
// proxy ranks this text for every call of a snapshot.
std::string_view numberOf(std::string_view value)
{
    for (std::size_t colon = value.find(':'); colon != std::string_view::npos; colon = value.find(':', colon + 1)) {
        if (!isSchemeBefore(value, colon))
            continue;
        const bool telephone = (value[colon - 1] | 0x20) == 'l';
        const auto rest = value.substr(colon + 1);
        const auto end = rest.find_first_of("@;>? ,");
        if (telephone || (end != std::string_view::npos && rest[end] == '@'))
            return rest.substr(0, end);
        const std::size_t schemeStart = colon - ((value[colon - 1] | 0x20) == 's' ? 4 : 3);
        const auto uriEnd = rest.find_first_of(";>? ,");
        return value.substr(schemeStart, colon + 1 - schemeStart + std::min(uriEnd, rest.size()));
    }
    return value;
}

QString fromStd(const std::string& text)
{
    return toQString(text);
}

} // namespace

CallListModel::CallListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CallListModel::setSnapshot(core::SnapshotPtr snapshot, core::DiagnosisPtr diagnosis)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    m_diagnosis = m_snapshot ? std::move(diagnosis) : nullptr;
    endResetModel();
}

const core::Failure* CallListModel::initialFailure(int row) const
{
    if (!m_diagnosis || !m_snapshot || row < 0 || static_cast<std::size_t>(row) >= m_snapshot->calls().size())
        return nullptr;
    return m_diagnosis->initialFailureOfCall(callIndex(row));
}

std::optional<core::Cause> CallListModel::causeOf(int row) const
{
    if (const core::Failure* failure = initialFailure(row))
        return failure->explanation.cause;
    return std::nullopt;
}

std::vector<std::pair<core::Cause, int>> CallListModel::causeCounts() const
{
    std::vector<std::pair<core::Cause, int>> counts;
    if (!m_diagnosis)
        return counts;
    std::array<int, core::kCauseCount> perCause {};
    for (const core::Failure& failure : m_diagnosis->failures()) {
        if (failure.initial)
            ++perCause[static_cast<std::size_t>(failure.explanation.cause)];
    }
    for (std::size_t cause = 0; cause < perCause.size(); ++cause) {
        if (perCause[cause] > 0)
            counts.emplace_back(static_cast<core::Cause>(cause), perCause[cause]);
    }
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return counts;
}

void CallListModel::clear()
{
    setSnapshot(nullptr);
}

int CallListModel::rowOfCall(quint32 callIndex) const
{
    return m_snapshot && callIndex < m_snapshot->calls().size() ? static_cast<int>(callIndex) : -1;
}

int CallListModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_snapshot)
        return 0;
    return static_cast<int>(m_snapshot->calls().size());
}

int CallListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const core::CallFlow& flow = call(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::ToolTipRole:
        return toolTipData(row, column);
    case Qt::TextAlignmentRole:
        if (column == Messages || column == Duration)
            return QVariant::fromValue(int(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case CallIndexRole:
        return QVariant::fromValue(callIndex(row));
    case FailureCauseRole:
        if (const core::Failure* failure = initialFailure(row))
            return static_cast<int>(failure->explanation.cause);
        return {};
    case FailureSeverityRole:
        if (const core::Failure* failure = initialFailure(row))
            return static_cast<int>(failure->explanation.severity);
        return {};
    case CallStateRole:
        return static_cast<int>(flow.state);
    case CallOutcomeRole:
        return static_cast<int>(flow.outcome);
    case IsFailedRole:
        return core::isFailure(flow.outcome);
    case SortKeyRole:
        switch (keyKind(column)) {
        case KeyKind::Number:
            return QVariant::fromValue(static_cast<qlonglong>(numberKey(row, column)));
        case KeyKind::Endpoint:
        case KeyKind::Text:
            return displayData(row, column);
        }
        return {};
    default:
        return {};
    }
}

QVariant CallListModel::displayData(int row, int column) const
{
    const core::CallFlow& flow = call(row);
    const core::CaptureSnapshot& snapshot = *m_snapshot;
    std::string text;
    switch (column) {
    case Start:
        appendTimeOfDay(text, flow.startNs);
        return fromStd(text);
    case Method:
        return toQString(methodOf(flow));
    case From:
        return toQString(numberOf(snapshot.text(flow.from)));
    case To:
        return toQString(numberOf(snapshot.text(flow.to)));
    case RequestUri:
        return toQString(snapshot.text(flow.requestUri));
    case Source:
        appendEndpoint(text, flow.source);
        return fromStd(text);
    case Destination:
        appendEndpoint(text, flow.destination);
        return fromStd(text);
    case Messages:
        return QString::number(flow.messageCount);
    case Duration:
        return durationText(flow.endNs - flow.startNs);
    case Final:
        appendFinal(text, snapshot, flow);
        return fromStd(text);
    case State:
        return stateText(flow.state);
    case Diagnosis:
        appendKeyText(row, Diagnosis, text);
        return fromStd(text);
    default:
        return {};
    }
}

QVariant CallListModel::toolTipData(int row, int column) const
{
    const core::CallFlow& flow = call(row);
    const core::CaptureSnapshot& snapshot = *m_snapshot;
    switch (column) {
    case Start:
        return toQString(core::formatIsoUtc(flow.startNs));
    case From:
        return toQString(snapshot.text(flow.from));
    case To:
        return toQString(snapshot.text(flow.to));
    case RequestUri:
        return toQString(snapshot.text(flow.requestUri));
    case Source:
    case Destination:
        return QString(displayData(row, column).toString() + QStringLiteral(" (")
            + toQString(core::transportName(flow.transport)).toUpper() + QLatin1Char(')'));
    case Messages:
        return tr("%1 messages, %2 retransmissions, %3 duplicates")
            .arg(flow.messageCount)
            .arg(flow.retransmissions)
            .arg(flow.duplicates);
    case Duration:
        return QString(toQString(core::formatIsoUtc(flow.startNs)) + QStringLiteral(" \u2013 ")
            + toQString(core::formatIsoUtc(flow.endNs)));
    case Final:
        return QString(displayData(row, column).toString() + QStringLiteral(" (")
            + toQString(core::outcomeName(flow.outcome)) + QLatin1Char(')'));
    case State:
        return toQString(core::outcomeName(flow.outcome));
    case Diagnosis:
        if (const core::Failure* failure = initialFailure(row))
            return toQString(failure->explanation.summary);
        return {};
    default:
        return {};
    }
}

QVariant CallListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole && (section == Messages || section == Duration))
        return QVariant::fromValue(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case Start:
        return tip ? tr("Time of the first message (UTC)") : tr("Start");
    case Method:
        return tip ? tr("Method of the first request") : tr("Method");
    case From:
        return tip ? tr("From of the first request (number; the full value in the tooltip)") : tr("From");
    case To:
        return tip ? tr("To of the first request (number; the full value in the tooltip)") : tr("To");
    case RequestUri:
        return tip ? tr("Request-URI of the first request") : tr("Request-URI");
    case Source:
        return tip ? tr("Sender of the first request") : tr("Source");
    case Destination:
        return tip ? tr("Receiver of the first request") : tr("Destination");
    case Messages:
        return tip ? tr("SIP messages of the call, retransmissions and duplicates included") : tr("Messages");
    case Duration:
        return tip ? tr("From the first to the last message") : tr("Duration");
    case Final:
        return tip ? tr("Final response to the initial request") : tr("Final");
    case State:
        return tip ? tr("Outcome of the initial request") : tr("State");
    case Diagnosis:
        return tip ? tr("Why the initial request failed (cause id; the summary in the tooltip)") : tr("Diagnosis");
    default:
        return {};
    }
}

CallListModel::KeyKind CallListModel::keyKind(int column)
{
    switch (column) {
    case Start:
    case Messages:
    case Duration:
    case Final:
        return KeyKind::Number;
    case Source:
    case Destination:
        return KeyKind::Endpoint;
    default:
        return KeyKind::Text;
    }
}

std::int64_t CallListModel::numberKey(int row, int column) const
{
    const core::CallFlow& flow = call(row);
    switch (column) {
    case Start:
        return flow.startNs;
    case Messages:
        return flow.messageCount;
    case Duration:
        return flow.endNs - flow.startNs;
    case Final:
        return flow.finalStatus;
    default:
        return 0;
    }
}

const core::Endpoint& CallListModel::endpointKey(int row, int column) const
{
    const core::CallFlow& flow = call(row);
    return column == Destination ? flow.destination : flow.source;
}

void CallListModel::appendKeyText(int row, int column, std::string& out) const
{
    const core::CallFlow& flow = call(row);
    const core::CaptureSnapshot& snapshot = *m_snapshot;
    switch (column) {
    case Start:
        appendTimeOfDay(out, flow.startNs);
        break;
    case Method:
        out.append(methodOf(flow));
        break;
    case From:
        out.append(numberOf(snapshot.text(flow.from)));
        break;
    case To:
        out.append(numberOf(snapshot.text(flow.to)));
        break;
    case RequestUri:
        out.append(snapshot.text(flow.requestUri));
        break;
    case Source:
    case Destination:
        appendEndpoint(out, endpointKey(row, column));
        break;
    case Messages:
        appendNumber(out, flow.messageCount);
        break;
    case Duration:
        appendDuration(out, flow.endNs - flow.startNs);
        break;
    case Final:
        appendFinal(out, snapshot, flow);
        break;
    case State:
        out.append(stateWords(flow.state));
        break;
    case Diagnosis:
        if (m_diagnosis) {
            if (const core::Failure* failure = m_diagnosis->initialFailureOfCall(callIndex(row)))
                out.append(core::causeId(failure->explanation.cause));
        }
        break;
    default:
        break;
    }
}

void CallListModel::appendFilterText(int row, int column, std::string& out) const
{
    const core::CallFlow& flow = call(row);
    switch (column) {
    case From:
        out.append(m_snapshot->text(flow.from));
        break;
    case To:
        out.append(m_snapshot->text(flow.to));
        break;
    default:
        appendKeyText(row, column, out);
        break;
    }
}

void CallListModel::appendHiddenFilterText(int row, std::string& out) const
{
    out.append(m_snapshot->callId(call(row)));
}

QString CallListModel::durationText(std::int64_t nanoseconds)
{
    std::string text;
    appendDuration(text, nanoseconds);
    return fromStd(text);
}

QString CallListModel::stateText(core::CallState state)
{
    return toQString(stateWords(state));
}

std::string_view CallListModel::methodOf(const core::CallFlow& flow) const
{
    if (flow.initialMethod != core::SipMethod::Unknown)
        return core::sipMethodName(flow.initialMethod);
    return m_snapshot->text(flow.initialMethodText);
}

} // namespace sipladder::models
