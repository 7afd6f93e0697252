// SPDX-License-Identifier: Apache-2.0
// call-list-bench: times the call list over a large snapshot (issue 3: 200k calls, sort by any
// column and filter by column text under 100 ms each) and the raw message text search. Prints
// figures; run by hand: call-list-bench [CAPTURE] (default: a 200,000-call capture in
// /tmp/sipladder-bench, generated when missing).
#include "call_list_model.h"
#include "call_list_proxy_model.h"
#include "load/capture_loader.h"
#include "search/message_text_search.h"
#include "support/capture_generator.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

namespace {

using namespace sipladder;
using Clock = std::chrono::steady_clock;
constexpr double kTargetMs = 100.0;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int g_slow = 0;

template <typename F> double timed(const char* what, F&& work, bool target = true)
{
    const auto start = Clock::now();
    work();
    const double ms = msSince(start);
    const bool slow = target && ms >= kTargetMs;
    g_slow += slow ? 1 : 0;
    std::printf("  %-46s %9.1f ms%s\n", what, ms, target ? (slow ? "  SLOW" : "") : "  (no target)");
    return ms;
}

std::string defaultCapture()
{
    const std::filesystem::path existing = "/tmp/sipladder-bench/sip-1g.pcap";
    if (std::filesystem::exists(existing))
        return existing.string();
    const std::filesystem::path generated = "/tmp/sipladder-bench/calls-200k.pcap";
    if (!std::filesystem::exists(generated)) {
        std::filesystem::create_directories(generated.parent_path());
        std::printf("generating %s (200,000 calls)...\n", generated.c_str());
        testing::CaptureGeneratorOptions options;
        options.calls = 200'000;
        testing::CaptureGenerator(options).write(generated);
    }
    return generated.string();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::string path = argc > 1 ? argv[1] : defaultCapture();

    core::LoadOptions options;
    options.paths = { path };
    core::SnapshotPtr snapshot;
    const auto loadStart = Clock::now();
    auto loaded = core::CaptureLoader::load(options);
    if (!loaded) {
        std::fprintf(stderr, "call-list-bench: %s\n", loaded.error().message.c_str());
        return 3;
    }
    snapshot = loaded.value();
    std::printf("%s: %zu calls, %zu messages, loaded in %.0f ms\n", path.c_str(), snapshot->calls().size(),
        snapshot->messages().size(), msSince(loadStart));

    models::CallListModel model;
    models::CallListProxyModel proxy;
    proxy.setSourceModel(&model);

    std::printf("\nsnapshot\n");
    timed(
        "setSnapshot (keys for every column + filter text)", [&] { model.setSnapshot(snapshot); }, false);
    std::printf("  rows %d\n", proxy.rowCount());

    std::printf("\nsort, all %d rows\n", proxy.rowCount());
    for (int column = 0; column < models::CallListModel::ColumnCount; ++column) {
        const std::string name = model.headerData(column, Qt::Horizontal).toString().toStdString();
        timed((name + " ascending").c_str(), [&] { proxy.sort(column, Qt::AscendingOrder); });
        timed((name + " descending").c_str(), [&] { proxy.sort(column, Qt::DescendingOrder); });
    }
    timed("snapshot order (column -1)", [&] { proxy.sort(-1); });

    std::printf("\nfilter by text, any column (sorted by From)\n");
    proxy.sort(models::CallListModel::From, Qt::AscendingOrder);
    for (const char* text : { "5551", "404", "invite", "Not Found", "203.0.113.1", "10:2", "zz-no-such-text", "" }) {
        const std::string what = std::string("\"") + text + "\"";
        timed(what.c_str(), [&] { proxy.setFilterText(QString::fromUtf8(text)); });
        std::printf("  %-46s %9d rows\n", "", proxy.rowCount());
    }

    std::printf("\nfilter by text in one column\n");
    const struct {
        int column;
        const char* text;
    } columnFilters[] = { { models::CallListModel::From, "5551" }, { models::CallListModel::Final, "404" },
        { models::CallListModel::Method, "invite" }, { models::CallListModel::RequestUri, "pbx" },
        { models::CallListModel::State, "fail" } };
    for (const auto& f : columnFilters) {
        const std::string what
            = model.headerData(f.column, Qt::Horizontal).toString().toStdString() + " \"" + f.text + "\"";
        timed(what.c_str(), [&] {
            models::CallListFilter filter = proxy.filter();
            filter.column = f.column;
            filter.text = QString::fromUtf8(f.text);
            proxy.setFilter(filter);
        });
        std::printf("  %-46s %9d rows\n", "", proxy.rowCount());
    }
    proxy.setFilter({});

    std::printf("\ntoggles\n");
    timed("failed only", [&] { proxy.setFailedOnly(true); });
    std::printf("  %-46s %9d rows\n", "", proxy.rowCount());
    timed("failed only + INVITE only", [&] { proxy.setInviteOnly(true); });
    timed("+ hide REGISTER/OPTIONS", [&] { proxy.setHideRegisterOptions(true); });
    std::printf("  %-46s %9d rows\n", "", proxy.rowCount());
    timed("all toggles off", [&] { proxy.setFilter({}); });
    QList<quint32> some;
    for (quint32 i = 0; i < snapshot->calls().size(); i += 20)
        some.append(i);
    timed("restriction to every 20th call", [&] { proxy.setCallRestriction(some); });
    std::printf("  %-46s %9d rows\n", "", proxy.rowCount());
    proxy.setFilter({});

    std::printf("\nsort while filtered (\"5551\")\n");
    proxy.setFilterText(QStringLiteral("5551"));
    for (int column :
        { int(models::CallListModel::Start), int(models::CallListModel::To), int(models::CallListModel::Duration) }) {
        const std::string name = model.headerData(column, Qt::Horizontal).toString().toStdString();
        timed((name + " descending").c_str(), [&] { proxy.sort(column, Qt::DescendingOrder); });
    }
    proxy.setFilter({});

    std::printf("\nlinked legs\n");
    timed("rowsOfLinkedCalls for 10,000 rows", [&] {
        std::size_t total = 0;
        for (int row = 0; row < std::min(proxy.rowCount(), 10'000); ++row)
            total += static_cast<std::size_t>(proxy.rowsOfLinkedCalls(row).size());
        std::printf("  (%zu linked rows)\n", total);
    });

    std::printf("\nraw message text search (background in the app)\n");
    for (const char* needle : { "asterisk pbx", "x-no-such-header" }) {
        const std::string what = std::string("\"") + needle + "\"";
        std::size_t found = 0;
        timed(
            what.c_str(),
            [&] {
                const auto result = core::MessageTextSearch::run(*snapshot, needle);
                found = result ? result.value().calls.size() : 0;
            },
            false);
        std::printf("  %-46s %9zu calls\n", "", found);
    }
    {
        core::CancellationToken token;
        std::atomic<bool> done { false };
        Clock::time_point cancelledAt;
        std::thread worker([&] {
            core::MessageTextSearch::run(*snapshot, "x-no-such-header", nullptr, token);
            done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancelledAt = Clock::now();
        token.cancel();
        worker.join();
        std::printf("  %-46s %9.1f ms\n", "cancel latency", msSince(cancelledAt));
    }

    std::printf("\n%s: %d operation(s) at or over %.0f ms\n", g_slow ? "FAIL" : "OK", g_slow, kTargetMs);
    return g_slow ? 1 : 0;
}
