// SPDX-License-Identifier: Apache-2.0
#include "call_list_proxy_model.h"

#include "qt_conversions.h"
#include "search/substring_finder.h"
#include "util/fast_hash.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace sipladder::models {

namespace {

enum RowFlag : std::uint8_t {
    RowFailed = 1u << 0,
    RowInvite = 1u << 1,
    RowRegisterOrOptions = 1u << 2,
};

// Between the fields of one call in the filter text. Control characters never reach a needle
// (they are dropped from it), so a match never spans two fields or two calls.
constexpr char kFieldSeparator = '\x1f';
constexpr char kRowSeparator = '\n';

constexpr std::uint8_t kNoCause = 0xff;
static_assert(core::kCauseCount < kNoCause);

// Lower-cases the text appended since `from`: ASCII in place; a field with other UTF-8 through
// QString so that "É" finds "é" as it would in the needle.
void foldFrom(std::string& text, std::size_t from)
{
    const bool ascii = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(),
        [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        core::foldAsciiCase(text.data() + from, text.size() - from);
        return;
    }
    const std::string folded = toStdString(toQString(std::string_view(text).substr(from)).toLower());
    text.resize(from);
    text.append(folded);
}

// A field's own control characters (a stray tab or line feed) become spaces, so that only the
// separators separate.
void blankControls(std::string& text, std::size_t from)
{
    for (auto it = text.begin() + static_cast<std::ptrdiff_t>(from); it != text.end(); ++it) {
        if (static_cast<unsigned char>(*it) < 0x20)
            *it = ' ';
    }
}

// The first eight bytes as a big-endian integer (zero-padded): integer order is byte order.
std::uint64_t bigEndianPrefix(std::string_view text)
{
    std::uint64_t prefix = 0;
    const std::size_t count = std::min<std::size_t>(text.size(), 8);
    for (std::size_t i = 0; i < 8; ++i)
        prefix = (prefix << 8) | (i < count ? static_cast<unsigned char>(text[i]) : 0u);
    return prefix;
}

// Distinct texts of one column, each stored once, and their order. Open addressing keyed by a
// fast hash: a column of 200,000 calls interns in a few milliseconds.
class TextInterner {
public:
    explicit TextInterner(std::size_t expected)
    {
        std::size_t capacity = 1024;
        while (capacity < expected * 2)
            capacity *= 2;
        m_slots.assign(capacity, 0);
    }

    std::uint32_t intern(std::string_view text)
    {
        const std::uint64_t hash = core::fastHash(text.data(), text.size());
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const std::uint32_t slot = m_slots[i];
            if (slot == 0) {
                const auto id = static_cast<std::uint32_t>(m_texts.size());
                m_texts.push_back(
                    { hash, { static_cast<std::uint32_t>(m_arena.size()), static_cast<std::uint32_t>(text.size()) } });
                m_arena.append(text);
                m_slots[i] = id + 1;
                if (m_texts.size() * 2 > m_slots.size())
                    grow();
                return id;
            }
            const Text& known = m_texts[slot - 1];
            if (known.hash == hash && view(m_arena, known.span) == text)
                return slot - 1;
        }
    }

    // The rank of every distinct text: case-insensitive order, then byte order. Sixteen folded
    // bytes after the prefix that all texts share ride along as integers, so that most
    // comparisons never touch the texts (Request-URIs all start with "sip:").
    std::vector<std::uint32_t> ranks() const
    {
        const auto count = static_cast<std::uint32_t>(m_texts.size());
        std::string folded;
        std::vector<Span> foldedSpans;
        fold(folded, foldedSpans);
        auto foldedText = [&](std::uint32_t id) { return view(folded, foldedSpans[id]); };

        std::size_t common = count == 0 ? 0 : foldedSpans[0].length;
        for (std::uint32_t id = 1; id < count && common > 0; ++id) {
            const auto a = foldedText(0);
            const auto b = foldedText(id);
            std::size_t same = 0;
            while (same < common && same < b.size() && a[same] == b[same])
                ++same;
            common = same;
        }
        struct Key {
            std::uint64_t high;
            std::uint64_t low;
            std::uint32_t id;
        };
        std::vector<Key> keys(count);
        for (std::uint32_t id = 0; id < count; ++id) {
            const auto text = foldedText(id).substr(common);
            keys[id]
                = { bigEndianPrefix(text), bigEndianPrefix(text.size() > 8 ? text.substr(8) : std::string_view()), id };
        }
        std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
            if (a.high != b.high)
                return a.high < b.high;
            if (a.low != b.low)
                return a.low < b.low;
            if (const int c = foldedText(a.id).compare(foldedText(b.id)); c != 0)
                return c < 0;
            return view(m_arena, m_texts[a.id].span) < view(m_arena, m_texts[b.id].span);
        });
        std::vector<std::uint32_t> rank(count);
        for (std::uint32_t i = 0; i < count; ++i)
            rank[keys[i].id] = i;
        return rank;
    }

private:
    struct Span {
        std::uint32_t offset;
        std::uint32_t length;
    };
    struct Text {
        std::uint64_t hash;
        Span span;
    };

    static std::string_view view(const std::string& arena, Span span)
    {
        return std::string_view(arena).substr(span.offset, span.length);
    }

    // The folded texts: the whole arena at once when it is ASCII (the usual case), else text by
    // text, as folding other UTF-8 may change lengths.
    void fold(std::string& folded, std::vector<Span>& spans) const
    {
        spans.resize(m_texts.size());
        const bool ascii
            = std::all_of(m_arena.begin(), m_arena.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) {
            folded = m_arena;
            core::foldAsciiCase(folded.data(), folded.size());
            for (std::size_t id = 0; id < m_texts.size(); ++id)
                spans[id] = m_texts[id].span;
            return;
        }
        folded.clear();
        for (std::size_t id = 0; id < m_texts.size(); ++id) {
            const std::size_t from = folded.size();
            folded.append(view(m_arena, m_texts[id].span));
            foldFrom(folded, from);
            spans[id] = { static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(folded.size() - from) };
        }
    }

    void grow()
    {
        std::vector<std::uint32_t> slots(m_slots.size() * 2, 0);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t id = 0; id < m_texts.size(); ++id) {
            std::size_t i = m_texts[id].hash & mask;
            while (slots[i] != 0)
                i = (i + 1) & mask;
            slots[i] = id + 1;
        }
        m_slots.swap(slots);
    }

    std::vector<std::uint32_t> m_slots; // id + 1; 0 when free
    std::vector<Text> m_texts;
    std::string m_arena;
};

std::string neededText(const QString& text)
{
    std::string needle = toStdString(text.toLower());
    std::erase_if(needle, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    return needle;
}

// Stable counting sort of rows by a dense rank: ties stay in row (snapshot) order.
void orderByRank(const std::vector<std::uint32_t>& rankOfRow, std::uint32_t rankCount, std::vector<std::uint32_t>& rows,
    std::vector<bool>& runStart)
{
    std::vector<std::uint32_t> start(rankCount + 1, 0);
    for (const auto rank : rankOfRow)
        ++start[rank + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    rows.resize(rankOfRow.size());
    runStart.assign(rankOfRow.size(), false);
    for (std::uint32_t rank = 0; rank < rankCount; ++rank) {
        if (start[rank] < start[rank + 1])
            runStart[start[rank]] = true;
    }
    for (std::uint32_t row = 0; row < rankOfRow.size(); ++row)
        rows[start[rankOfRow[row]]++] = row;
}

// Orders ids of distinct keys and returns each id's rank.
template <typename Less> std::vector<std::uint32_t> ranksOfDistinct(std::uint32_t count, Less less)
{
    std::vector<std::uint32_t> ids(count);
    std::iota(ids.begin(), ids.end(), 0u);
    std::sort(ids.begin(), ids.end(), less);
    std::vector<std::uint32_t> rank(count);
    for (std::uint32_t i = 0; i < count; ++i)
        rank[ids[i]] = i;
    return rank;
}

bool lessEndpoint(const core::Endpoint& a, const core::Endpoint& b)
{
    // IPv4 before IPv6, then address bytes, then port: 10.0.0.9 before 10.0.0.10.
    if (a.address.isV6 != b.address.isV6)
        return !a.address.isV6;
    if (a.address.bytes != b.address.bytes)
        return a.address.bytes < b.address.bytes;
    return a.port < b.port;
}

} // namespace

CallListProxyModel::CallListProxyModel(QObject* parent)
    : QAbstractProxyModel(parent)
{
}

CallListProxyModel::~CallListProxyModel() = default;

void CallListProxyModel::setSourceModel(QAbstractItemModel* sourceModel)
{
    beginResetModel();
    for (const auto& connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(sourceModel);
    m_source = qobject_cast<CallListModel*>(sourceModel);
    if (m_source) {
        m_connections.append(connect(
            m_source, &QAbstractItemModel::modelAboutToBeReset, this, &CallListProxyModel::sourceAboutToBeReset));
        m_connections.append(
            connect(m_source, &QAbstractItemModel::modelReset, this, &CallListProxyModel::sourceReset));
        m_connections.append(connect(m_source, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_source = nullptr;
            m_filter.calls.reset();
            buildKeys();
            endResetModel();
        }));
    }
    m_filter.calls.reset();
    buildKeys();
    endResetModel();
}

void CallListProxyModel::sourceAboutToBeReset()
{
    beginResetModel();
}

void CallListProxyModel::sourceReset()
{
    // Call indexes of another snapshot mean nothing here.
    const bool restricted = m_filter.calls.has_value();
    m_filter.calls.reset();
    buildKeys();
    endResetModel();
    if (restricted)
        Q_EMIT filterChanged();
}

int CallListProxyModel::sourceRowCount() const
{
    return m_source ? m_source->rowCount() : 0;
}

void CallListProxyModel::buildKeys()
{
    const auto rows = static_cast<std::size_t>(sourceRowCount());
    m_flags.assign(rows, 0);
    m_causes.assign(rows, kNoCause);
    if (rows > 0) {
        const auto& calls = m_source->snapshot()->calls();
        for (std::size_t r = 0; r < rows; ++r) {
            const core::CallFlow& call = calls[r];
            std::uint8_t flags = 0;
            if (core::isFailure(call.outcome))
                flags |= RowFailed;
            if (call.initialMethod == core::SipMethod::Invite)
                flags |= RowInvite;
            if (call.initialMethod == core::SipMethod::Register || call.initialMethod == core::SipMethod::Options)
                flags |= RowRegisterOrOptions;
            m_flags[r] = flags;
            if (const auto cause = m_source->causeOf(static_cast<int>(r)))
                m_causes[r] = static_cast<std::uint8_t>(*cause);
        }
    }
    // The column orders and the filter text are independent: build them side by side.
    std::vector<int> tasks(CallListModel::ColumnCount + 1);
    std::iota(tasks.begin(), tasks.end(), 0);
    auto build = [this](int task) {
        if (task == CallListModel::ColumnCount)
            buildHaystack();
        else
            buildColumnOrder(task);
    };
    if (rows < 4096)
        std::for_each(tasks.begin(), tasks.end(), build);
    else
        QtConcurrent::blockingMap(tasks, build);

    m_restriction.clear();
    computeTextMatches();
    computeSortedRows();
    computeVisibleRows();
}

void CallListProxyModel::buildColumnOrder(int column)
{
    ColumnOrder& order = m_orders[static_cast<std::size_t>(column)];
    const auto rows = static_cast<std::uint32_t>(sourceRowCount());
    order.rows.clear();
    order.runStart.clear();
    if (rows == 0)
        return;
    const CallListModel& model = *m_source;
    switch (CallListModel::keyKind(column)) {
    case CallListModel::KeyKind::Number: {
        std::vector<std::pair<std::int64_t, std::uint32_t>> keyed(rows);
        for (std::uint32_t r = 0; r < rows; ++r)
            keyed[r] = { model.numberKey(static_cast<int>(r), column), r };
        if (!std::is_sorted(keyed.begin(), keyed.end()))
            std::sort(keyed.begin(), keyed.end());
        order.rows.resize(rows);
        order.runStart.resize(rows);
        for (std::uint32_t i = 0; i < rows; ++i) {
            order.rows[i] = keyed[i].second;
            order.runStart[i] = i == 0 || keyed[i].first != keyed[i - 1].first;
        }
        break;
    }
    case CallListModel::KeyKind::Endpoint: {
        // Few distinct addresses (trunks, proxies) serve many calls: rank the distinct ones.
        std::unordered_map<core::Endpoint, std::uint32_t> idOf;
        std::vector<const core::Endpoint*> distinct;
        std::vector<std::uint32_t> idOfRow(rows);
        for (std::uint32_t r = 0; r < rows; ++r) {
            const core::Endpoint& endpoint = model.endpointKey(static_cast<int>(r), column);
            const auto [it, inserted] = idOf.try_emplace(endpoint, static_cast<std::uint32_t>(distinct.size()));
            if (inserted)
                distinct.push_back(&endpoint);
            idOfRow[r] = it->second;
        }
        const auto rank = ranksOfDistinct(static_cast<std::uint32_t>(distinct.size()),
            [&](std::uint32_t a, std::uint32_t b) { return lessEndpoint(*distinct[a], *distinct[b]); });
        for (auto& id : idOfRow)
            id = rank[id];
        orderByRank(idOfRow, static_cast<std::uint32_t>(distinct.size()), order.rows, order.runStart);
        break;
    }
    case CallListModel::KeyKind::Text: {
        // Each distinct text is ranked once (case-insensitively, then by bytes); rows then follow
        // their text's rank by a counting sort, which keeps ties in snapshot order.
        std::string raw;
        std::vector<std::uint32_t> idOfRow(rows);
        TextInterner interner(rows);
        std::string text;
        for (std::uint32_t r = 0; r < rows; ++r) {
            text.clear();
            model.appendKeyText(static_cast<int>(r), column, text);
            idOfRow[r] = interner.intern(text);
        }
        const auto rank = interner.ranks();
        for (auto& id : idOfRow)
            id = rank[id];
        orderByRank(idOfRow, static_cast<std::uint32_t>(rank.size()), order.rows, order.runStart);
        break;
    }
    }
}

void CallListProxyModel::buildHaystack()
{
    const auto rows = static_cast<std::uint32_t>(sourceRowCount());
    m_haystack.clear();
    m_rowStarts.assign(1, 0);
    if (rows == 0)
        return;
    const CallListModel& model = *m_source;
    m_rowStarts.reserve(rows + 1);
    constexpr std::uint32_t kSampleRows = 1024;
    for (std::uint32_t r = 0; r < rows; ++r) {
        const std::size_t from = m_haystack.size();
        for (int column = 0; column < CallListModel::ColumnCount; ++column) {
            const std::size_t field = m_haystack.size();
            model.appendFilterText(static_cast<int>(r), column, m_haystack);
            blankControls(m_haystack, field);
            m_haystack.push_back(kFieldSeparator);
        }
        const std::size_t hidden = m_haystack.size();
        model.appendHiddenFilterText(static_cast<int>(r), m_haystack);
        blankControls(m_haystack, hidden);
        // Folding keeps the separators (control characters have no case).
        foldFrom(m_haystack, from);
        m_haystack.push_back(kRowSeparator);
        m_rowStarts.push_back(static_cast<std::uint32_t>(m_haystack.size()));
        if (r + 1 == kSampleRows && rows > kSampleRows)
            m_haystack.reserve(m_haystack.size() / kSampleRows * rows * 9 / 8);
    }
}

void CallListProxyModel::computeTextMatches()
{
    const std::string needle = neededText(m_filter.text);
    m_textMatches.clear();
    if (needle.empty())
        return;
    const auto rows = m_rowStarts.size() - 1;
    m_textMatches.assign(rows, 0);
    const core::SubstringFinder finder(needle);
    const std::string_view haystack(m_haystack);
    const int column = m_filter.column;
    std::size_t row = 0;
    std::size_t position = 0;
    while (row < rows) {
        position = finder.find(haystack, position);
        if (position == std::string_view::npos)
            break;
        // Hits come in increasing order, so the row only moves forward.
        while (m_rowStarts[row + 1] <= position)
            ++row;
        if (column < 0) {
            m_textMatches[row] = 1;
            position = m_rowStarts[row + 1];
            continue;
        }
        const auto rowText = haystack.substr(m_rowStarts[row], position - m_rowStarts[row]);
        const auto field = std::count(rowText.begin(), rowText.end(), kFieldSeparator);
        if (field == column) {
            m_textMatches[row] = 1;
            position = m_rowStarts[row + 1];
        } else {
            // Skip to the next field; a hit in a later column does not count either, but is cheap to rule out.
            const auto next = haystack.find(kFieldSeparator, position);
            position = next == std::string_view::npos ? haystack.size() : next + 1;
        }
    }
}

void CallListProxyModel::computeSortedRows()
{
    const auto rows = static_cast<std::size_t>(sourceRowCount());
    m_sortedRows.resize(rows);
    if (m_sortColumn < 0 || m_orders[static_cast<std::size_t>(m_sortColumn)].rows.size() != rows) {
        std::iota(m_sortedRows.begin(), m_sortedRows.end(), 0u);
        return;
    }
    const ColumnOrder& order = m_orders[static_cast<std::size_t>(m_sortColumn)];
    if (m_sortOrder == Qt::AscendingOrder) {
        std::copy(order.rows.begin(), order.rows.end(), m_sortedRows.begin());
        return;
    }
    // Runs of equal keys in reverse order, each run still in snapshot order.
    auto out = m_sortedRows.begin();
    std::size_t end = rows;
    for (std::size_t i = rows; i-- > 0;) {
        if (order.runStart[i]) {
            out = std::copy(order.rows.begin() + static_cast<std::ptrdiff_t>(i),
                order.rows.begin() + static_cast<std::ptrdiff_t>(end), out);
            end = i;
        }
    }
}

void CallListProxyModel::computeVisibleRows()
{
    const bool byText = !m_textMatches.empty();
    const bool restricted = !m_restriction.empty();
    std::uint8_t required = 0;
    if (m_filter.failedOnly)
        required |= RowFailed;
    if (m_filter.inviteOnly)
        required |= RowInvite;
    const std::uint8_t excluded = m_filter.hideRegisterOptions ? RowRegisterOrOptions : 0;
    const std::uint8_t cause = m_filter.cause ? static_cast<std::uint8_t>(*m_filter.cause) : kNoCause;

    m_proxyToSource.clear();
    m_proxyToSource.reserve(m_sortedRows.size());
    for (const std::uint32_t row : m_sortedRows) {
        const std::uint8_t flags = m_flags[row];
        if ((flags & required) != required || (flags & excluded) != 0)
            continue;
        if ((byText && !m_textMatches[row]) || (restricted && !m_restriction[row]))
            continue;
        if (cause != kNoCause && m_causes[row] != cause)
            continue;
        m_proxyToSource.push_back(row);
    }
    m_sourceToProxy.assign(m_sortedRows.size(), -1);
    for (std::size_t i = 0; i < m_proxyToSource.size(); ++i)
        m_sourceToProxy[m_proxyToSource[i]] = static_cast<std::int32_t>(i);
}

void CallListProxyModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= CallListModel::ColumnCount)
        column = -1;
    if (column == m_sortColumn && (column < 0 || order == m_sortOrder))
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::uint32_t> sourceRows;
    sourceRows.reserve(static_cast<std::size_t>(before.size()));
    for (const QModelIndex& index : before)
        sourceRows.push_back(m_proxyToSource[static_cast<std::size_t>(index.row())]);

    m_sortColumn = column;
    m_sortOrder = order;
    computeSortedRows();
    computeVisibleRows();

    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(createIndex(m_sourceToProxy[sourceRows[static_cast<std::size_t>(i)]], before[i].column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CallListProxyModel::applyFilter(const CallListFilter& filter)
{
    if (filter == m_filter)
        return;
    const bool textChanged = filter.text != m_filter.text || filter.column != m_filter.column;
    const bool restrictionChanged = filter.calls != m_filter.calls;
    beginResetModel();
    m_filter = filter;
    if (textChanged)
        computeTextMatches();
    if (restrictionChanged) {
        m_restriction.clear();
        if (m_filter.calls) {
            m_restriction.assign(m_flags.size(), 0);
            for (const quint32 call : std::as_const(*m_filter.calls)) {
                if (call < m_restriction.size())
                    m_restriction[call] = 1;
            }
        }
    }
    computeVisibleRows();
    endResetModel();
    Q_EMIT filterChanged();
}

void CallListProxyModel::setFilter(const CallListFilter& filter)
{
    applyFilter(filter);
}

void CallListProxyModel::setFilterText(const QString& text)
{
    auto filter = m_filter;
    filter.text = text;
    applyFilter(filter);
}

void CallListProxyModel::setFilterColumn(int column)
{
    auto filter = m_filter;
    filter.column = column >= 0 && column < CallListModel::ColumnCount ? column : -1;
    applyFilter(filter);
}

void CallListProxyModel::setFailedOnly(bool on)
{
    auto filter = m_filter;
    filter.failedOnly = on;
    applyFilter(filter);
}

void CallListProxyModel::setInviteOnly(bool on)
{
    auto filter = m_filter;
    filter.inviteOnly = on;
    applyFilter(filter);
}

void CallListProxyModel::setHideRegisterOptions(bool on)
{
    auto filter = m_filter;
    filter.hideRegisterOptions = on;
    applyFilter(filter);
}

void CallListProxyModel::setCause(std::optional<core::Cause> cause)
{
    auto filter = m_filter;
    filter.cause = cause;
    applyFilter(filter);
}

void CallListProxyModel::setCauseId(const QString& causeId)
{
    setCause(causeId.isEmpty() ? std::nullopt : core::causeFromId(toStdString(causeId)));
}

void CallListProxyModel::setCallRestriction(const QList<quint32>& calls)
{
    auto filter = m_filter;
    filter.calls = calls;
    applyFilter(filter);
}

void CallListProxyModel::clearCallRestriction()
{
    auto filter = m_filter;
    filter.calls.reset();
    applyFilter(filter);
}

quint32 CallListProxyModel::callIndex(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_proxyToSource.size())
        return core::kNoIndex;
    return m_source->callIndex(static_cast<int>(m_proxyToSource[static_cast<std::size_t>(row)]));
}

int CallListProxyModel::rowOfCall(quint32 callIndex) const
{
    if (!m_source)
        return -1;
    const int sourceRow = m_source->rowOfCall(callIndex);
    return sourceRow < 0 ? -1 : m_sourceToProxy[static_cast<std::size_t>(sourceRow)];
}

QList<int> CallListProxyModel::rowsOfLinkedCalls(int row) const
{
    QList<int> rows;
    const quint32 first = callIndex(row);
    if (first == core::kNoIndex)
        return rows;
    const auto& calls = m_source->snapshot()->calls();
    std::vector<quint32> pending { first };
    std::vector<quint32> seen { first };
    while (!pending.empty()) {
        const quint32 call = pending.back();
        pending.pop_back();
        for (const std::uint32_t linked : calls[call].linkedCalls) {
            if (linked >= calls.size() || std::find(seen.begin(), seen.end(), linked) != seen.end())
                continue;
            seen.push_back(linked);
            pending.push_back(linked);
            const int linkedRow = rowOfCall(linked);
            if (linkedRow >= 0)
                rows.append(linkedRow);
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

QModelIndex CallListProxyModel::mapToSource(const QModelIndex& proxyIndex) const
{
    if (!m_source || !proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const auto row = static_cast<std::size_t>(proxyIndex.row());
    if (row >= m_proxyToSource.size())
        return {};
    return m_source->index(static_cast<int>(m_proxyToSource[row]), proxyIndex.column());
}

QModelIndex CallListProxyModel::mapFromSource(const QModelIndex& sourceIndex) const
{
    if (!m_source || !sourceIndex.isValid() || sourceIndex.model() != m_source)
        return {};
    const auto sourceRow = static_cast<std::size_t>(sourceIndex.row());
    if (sourceRow >= m_sourceToProxy.size() || m_sourceToProxy[sourceRow] < 0)
        return {};
    return createIndex(m_sourceToProxy[sourceRow], sourceIndex.column());
}

QModelIndex CallListProxyModel::index(int row, int column, const QModelIndex& parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex CallListProxyModel::parent(const QModelIndex&) const
{
    return {};
}

QModelIndex CallListProxyModel::sibling(int row, int column, const QModelIndex& index) const
{
    return index.isValid() ? this->index(row, column) : QModelIndex();
}

int CallListProxyModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_proxyToSource.size());
}

int CallListProxyModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

bool CallListProxyModel::hasChildren(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_proxyToSource.empty() && columnCount() > 0;
}

QVariant CallListProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && m_source)
        return m_source->headerData(section, orientation, role);
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace sipladder::models
