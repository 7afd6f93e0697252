// SPDX-License-Identifier: Apache-2.0
#include "analysis/diagnoser.h"

#include "analysis/parsed_message.h"

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace sipladder::core {

namespace {

// The headers of a request that the diffs compare, kept as text so that a working call compared
// with many failures is read back once.
struct RequestHeaders {
    bool read = false;
    std::string requestUri;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> assertedIdentity;
    std::optional<std::string> route;

    void take(const CaptureSnapshot& snapshot, const ParsedMessage& request, std::uint32_t requestMessage)
    {
        if (requestMessage != kNoIndex)
            requestUri = std::string(snapshot.text(snapshot.messages()[requestMessage].requestUriOrReason));
        read = request.ok();
        if (!read)
            return;
        from = request.header(HeaderId::From);
        to = request.header(HeaderId::To);
        assertedIdentity = request.header(HeaderId::PAssertedIdentity);
        const auto routes = request.values(HeaderId::Route);
        if (!routes.empty())
            route = routes.front();
    }
};

using RequestHeadersCache = std::unordered_map<std::uint32_t, RequestHeaders>;

const RequestHeaders& baselineHeaders(const CaptureSnapshot& snapshot, std::uint32_t callIndex, RequestHeadersCache& cache)
{
    auto [it, inserted] = cache.try_emplace(callIndex);
    if (inserted) {
        const auto& call = snapshot.calls()[callIndex];
        const auto requestMessage = call.initialTransaction != kNoIndex
            ? snapshot.transactions()[call.initialTransaction].requestMessage
            : call.firstRequest;
        const ParsedMessage request(snapshot, requestMessage);
        it->second.take(snapshot, request, requestMessage);
        if (it->second.requestUri.empty())
            it->second.requestUri = std::string(snapshot.text(call.requestUri));
    }
    return it->second;
}

void addHeaderDiff(Failure& failure, const char* name, const std::optional<std::string>& failing,
    const std::optional<std::string>& baseline)
{
    if (!failing && !baseline)
        return;
    auto diff = diffNameAddrs(failing.value_or(std::string()), baseline.value_or(std::string()));
    if (!diff.identical())
        failure.headerDiffs.push_back(HeaderValueDiff{name, std::move(diff)});
}

// `chosen`: the user picked the baseline; otherwise a call the explanation cites as having reached the
// same user becomes the working call compared with, so the diff shows what the explanation says.
Failure buildFailure(const CaptureSnapshot& snapshot, const FailureExplainer& explainer, const BaselineFinder& baselines,
    std::uint32_t transactionIndex, std::optional<Baseline> baseline, bool chosen, RequestHeadersCache& cache)
{
    const auto& transaction = snapshot.transactions()[transactionIndex];
    const auto& call = snapshot.calls()[transaction.callIndex];
    const auto& messages = snapshot.messages();
    Failure failure;
    failure.callIndex = transaction.callIndex;
    failure.transactionIndex = transactionIndex;
    failure.requestMessage = transaction.requestMessage;
    failure.finalMessage = transaction.finalResponse;
    failure.initial = transactionIndex == call.initialTransaction;
    failure.method = transaction.method;
    const auto* first = transaction.requestMessage != kNoIndex ? &messages[transaction.requestMessage]
        : transaction.finalResponse != kNoIndex              ? &messages[transaction.finalResponse]
                                                             : &messages[transaction.firstMessage];
    failure.methodText = std::string(snapshot.methodText(*first));
    failure.cseq = std::to_string(transaction.cseqNumber) + " " + failure.methodText;
    if (transaction.requestMessage != kNoIndex)
        failure.requestUri = std::string(snapshot.text(messages[transaction.requestMessage].requestUriOrReason));
    else if (failure.initial)
        failure.requestUri = std::string(snapshot.text(call.requestUri));
    if (transaction.finalResponse != kNoIndex) {
        const auto& response = messages[transaction.finalResponse];
        (response.has(MessageFromTextLog) ? failure.line : failure.frame) = response.frameNumber;
        failure.status = response.statusCode;
        failure.reason = std::string(snapshot.text(response.requestUriOrReason));
    } else if (transaction.requestMessage != kNoIndex) {
        const auto& request = messages[transaction.requestMessage];
        (request.has(MessageFromTextLog) ? failure.line : failure.frame) = request.frameNumber;
    }
    failure.baseline = std::move(baseline);

    const ParsedMessage request(snapshot, transaction.requestMessage);
    const ParsedMessage response(snapshot, transaction.finalResponse);
    failure.explanation = explainer.explain(failure, request, response);
    const auto cited = failure.explanation.citedCall;
    if (!chosen && cited && baselines.isSuccessful(*cited)
        && (!failure.baseline || failure.baseline->callIndex != *cited)) {
        auto citedBaseline = baselines.score(transaction.callIndex, *cited);
        citedBaseline.reason = "the working call the explanation cites; " + citedBaseline.reason;
        failure.baseline = std::move(citedBaseline);
    }
    // Diffs compare a call's initial request with the working call's; a re-INVITE's or BYE's
    // Request-URI is a Contact, which says nothing against another call's.
    if (failure.baseline && failure.initial) {
        const auto& working = baselineHeaders(snapshot, failure.baseline->callIndex, cache);
        if (!failure.requestUri.empty() && !working.requestUri.empty())
            failure.uriDiff = diffUris(failure.requestUri, working.requestUri);
        if (request.ok() && working.read) {
            RequestHeaders failing;
            failing.take(snapshot, request, transaction.requestMessage);
            addHeaderDiff(failure, "To", failing.to, working.to);
            addHeaderDiff(failure, "From", failing.from, working.from);
            addHeaderDiff(failure, "P-Asserted-Identity", failing.assertedIdentity, working.assertedIdentity);
            addHeaderDiff(failure, "Route", failing.route, working.route);
        }
    }
    return failure;
}

} // namespace

std::vector<std::uint32_t> Diagnosis::failuresOfCall(std::uint32_t callIndex) const
{
    std::vector<std::uint32_t> out;
    if (callIndex >= m_firstOfCall.size() || m_firstOfCall[callIndex] == kNoIndex)
        return out;
    for (auto i = m_firstOfCall[callIndex]; i < m_failures.size() && m_failures[i].callIndex == callIndex; ++i)
        out.push_back(i);
    return out;
}

const Failure* Diagnosis::initialFailureOfCall(std::uint32_t callIndex) const
{
    if (callIndex >= m_initialOfCall.size() || m_initialOfCall[callIndex] == kNoIndex)
        return nullptr;
    return &m_failures[m_initialOfCall[callIndex]];
}

Diagnoser::Diagnoser(const CaptureSnapshot& snapshot, const ExplanationTexts& texts)
    : m_snapshot(snapshot)
    , m_texts(texts)
    , m_baselines(snapshot)
    , m_explainer(snapshot, texts, m_baselines)
{
}

DiagnosisPtr Diagnoser::diagnoseAll() const
{
    auto diagnosis = std::make_shared<Diagnosis>();
    const auto& calls = m_snapshot.calls();
    const auto& transactions = m_snapshot.transactions();
    diagnosis->m_firstOfCall.assign(calls.size(), kNoIndex);
    diagnosis->m_initialOfCall.assign(calls.size(), kNoIndex);

    // Which transactions to explain, in call order; a challenge answered by a retry is judged with its
    // retry, which carries the story.
    std::vector<std::uint32_t> failing;
    for (std::uint32_t c = 0; c < calls.size(); ++c) {
        for (const auto t : m_snapshot.transactionsOfCall(c)) {
            const auto& transaction = transactions[t];
            if (isFailure(transaction.outcome) && transaction.retryTransaction == kNoIndex)
                failing.push_back(t);
        }
    }
    auto& failures = diagnosis->m_failures;
    failures.resize(failing.size());

    // Failures are independent and everything they read is immutable (messages are read back with
    // pread), so contiguous slices are explained in parallel; each lands at its own index, so the result
    // does not depend on timing.
    auto explainSlice = [&](std::size_t begin, std::size_t end) {
        RequestHeadersCache cache;
        std::uint32_t lastCall = kNoIndex;
        std::optional<Baseline> baseline;
        for (std::size_t i = begin; i < end; ++i) {
            const auto callIndex = transactions[failing[i]].callIndex;
            if (callIndex != lastCall) {
                baseline = m_baselines.best(callIndex);
                lastCall = callIndex;
            }
            failures[i] = buildFailure(m_snapshot, m_explainer, m_baselines, failing[i], baseline, false, cache);
            if (cache.size() > 4096)
                cache.clear();
        }
    };
    constexpr std::size_t kMinPerThread = 256;
    const auto hardware = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = std::min<std::size_t>(std::min(hardware, 8u), std::max<std::size_t>(1, failing.size() / kMinPerThread));
    if (threads <= 1) {
        explainSlice(0, failing.size());
    } else {
        std::vector<std::thread> workers;
        const auto per = (failing.size() + threads - 1) / threads;
        for (std::size_t w = 1; w < threads; ++w)
            workers.emplace_back(explainSlice, std::min(failing.size(), w * per), std::min(failing.size(), (w + 1) * per));
        explainSlice(0, std::min(failing.size(), per));
        for (auto& worker : workers)
            worker.join();
    }

    for (std::uint32_t i = 0; i < failures.size(); ++i) {
        const auto c = failures[i].callIndex;
        if (diagnosis->m_firstOfCall[c] == kNoIndex)
            diagnosis->m_firstOfCall[c] = i;
        if (failures[i].transactionIndex == calls[c].initialTransaction)
            diagnosis->m_initialOfCall[c] = i;
    }
    return diagnosis;
}

std::optional<Failure> Diagnoser::diagnose(std::uint32_t transactionIndex, std::optional<std::uint32_t> baselineCall) const
{
    if (transactionIndex >= m_snapshot.transactions().size())
        return std::nullopt;
    const auto& transaction = m_snapshot.transactions()[transactionIndex];
    if (!isFailure(transaction.outcome))
        return std::nullopt;
    std::optional<Baseline> baseline;
    if (baselineCall) {
        // Only a working call can be compared with.
        if (*baselineCall == transaction.callIndex || !m_baselines.isSuccessful(*baselineCall))
            return std::nullopt;
        baseline = m_baselines.score(transaction.callIndex, *baselineCall);
    } else {
        baseline = m_baselines.best(transaction.callIndex);
    }
    RequestHeadersCache cache;
    return buildFailure(m_snapshot, m_explainer, m_baselines, transactionIndex, std::move(baseline),
        baselineCall.has_value(), cache);
}

} // namespace sipladder::core
