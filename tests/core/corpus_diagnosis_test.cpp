// SPDX-License-Identifier: Apache-2.0
// The diagnosis over every capture of the public corpus: each failed transaction is explained with a
// cause that fits its status, every 404 of the captures (tshark's count in expected.tsv) is covered,
// and nothing is left unfilled.
#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace sipladder::core;
using sipladder::testing::corpusDir;

namespace {

struct Row {
    std::string path;
    std::uint64_t responses404 = 0;
};

std::vector<Row> readRows(const std::filesystem::path& dir)
{
    std::vector<Row> rows;
    std::ifstream in(dir / "expected.tsv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Row row;
        std::string skip, count404;
        std::getline(fields, row.path, '\t');
        for (int i = 0; i < 3; ++i)
            std::getline(fields, skip, '\t');
        std::getline(fields, count404, '\t');
        if (row.path.empty() || count404.empty())
            continue;
        row.responses404 = std::stoull(count404);
        rows.push_back(row);
    }
    return rows;
}

// The causes a status can lead to (CONTRACT.md), before any Q.850 refinement.
bool causeFitsStatus(const Failure& failure)
{
    const auto cause = failure.explanation.cause;
    if (!failure.status)
        return cause == Cause::Timeout || cause == Cause::NoAnswer;
    const int status = *failure.status;
    if (status == 404 || status == 604) {
        if (failure.method != SipMethod::Invite)
            return cause == Cause::NoSuchResource;
        return cause == Cause::NumberFormat || cause == Cause::DomainMismatch || cause == Cause::WrongServer
            || cause == Cause::UnknownUser;
    }
    if (status == 401 || status == 407)
        return cause == Cause::AuthFailed;
    if (status == 408 || status == 487)
        return cause == Cause::Timeout || cause == Cause::NoAnswer || cause == Cause::Cancelled;
    if (status == 403)
        return cause == Cause::Forbidden || cause == Cause::AuthFailed;
    if (status == 480)
        return cause == Cause::NotRegistered;
    if (status == 486 || status == 600)
        return cause == Cause::Busy;
    if (status == 488 || status == 415 || status == 606) {
        // Only a request that can carry an offer can fail on codecs; a REFER's 488 is something else.
        const bool offers = failure.method == SipMethod::Invite || failure.method == SipMethod::Update
            || failure.method == SipMethod::Prack;
        return offers ? cause == Cause::CodecMismatch : cause == Cause::Other;
    }
    if (status == 481)
        return cause == Cause::NoDialog;
    return true; // 500, 503, 603 may be refined by a Q.850 cause; the rest are checked by the unit tests
}

} // namespace

TEST(CorpusDiagnosis, EveryFailureIsExplainedAndEvery404Covered)
{
    const auto dir = corpusDir();
    if (!dir)
        GTEST_SKIP() << "public corpus not found beside the checkout";
    const auto rows = readRows(*dir);
    ASSERT_GT(rows.size(), 30u);
    std::size_t filesWith404 = 0;
    for (const auto& row : rows) {
        SCOPED_TRACE(row.path);
        LoadOptions options;
        options.paths = {(*dir / row.path).string()};
        const auto loaded = CaptureLoader::load(options);
        if (!loaded)
            continue; // unreadable formats are the conformance test's business
        const auto& snapshot = *loaded.value();
        const Diagnoser diagnoser(snapshot);
        const auto diagnosis = diagnoser.diagnoseAll();

        std::set<std::uint32_t> diagnosedTransactions;
        for (const auto& failure : diagnosis->failures()) {
            diagnosedTransactions.insert(failure.transactionIndex);
            EXPECT_TRUE(causeFitsStatus(failure))
                << failure.cseq << " " << failure.status.value_or(0) << " -> " << causeId(failure.explanation.cause);
            EXPECT_FALSE(failure.explanation.title.empty());
            EXPECT_FALSE(failure.explanation.summary.empty());
            for (const auto* text : {&failure.explanation.summary, &failure.explanation.explanation})
                EXPECT_EQ(text->find("{"), std::string::npos) << *text;
            for (const auto& evidence : failure.explanation.evidence) {
                if (evidence.messageIndex != kNoIndex) {
                    EXPECT_EQ(evidence.frame, snapshot.messages()[evidence.messageIndex].frameNumber);
                }
            }
            if (failure.baseline) {
                EXPECT_EQ(snapshot.calls()[failure.baseline->callIndex].state, CallState::Success);
            }
        }
        // Every final 404 answers a diagnosed transaction (or one a challenge retry continues).
        std::set<std::uint32_t> transactionsWith404;
        for (const auto& message : snapshot.messages()) {
            if (message.statusCode == 404 && message.transactionIndex != kNoIndex)
                transactionsWith404.insert(message.transactionIndex);
        }
        EXPECT_LE(transactionsWith404.size(), row.responses404);
        EXPECT_EQ(transactionsWith404.empty(), row.responses404 == 0);
        for (const auto t : transactionsWith404) {
            const auto& transaction = snapshot.transactions()[t];
            EXPECT_TRUE(diagnosedTransactions.count(t) == 1 || transaction.finalStatus != 404) << "transaction " << t;
        }
        filesWith404 += row.responses404 > 0;

        // Every failed call has its initial failure, and only failed calls do.
        for (std::uint32_t c = 0; c < snapshot.calls().size(); ++c) {
            const bool failed = isFailure(snapshot.calls()[c].outcome);
            EXPECT_EQ(diagnosis->initialFailureOfCall(c) != nullptr, failed) << "call " << c;
        }
    }
    EXPECT_GE(filesWith404, 3u);
}
