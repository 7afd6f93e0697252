// SPDX-License-Identifier: Apache-2.0
// diagnosis-bench: times the failure diagnosis of a large capture (building the indexes, explaining
// every failure, re-explaining one against another working call) beside the load itself, and prints
// the figures. Run by hand: diagnosis-bench [CAPTURE] (default /tmp/sipladder-bench/sip-1g.pcap,
// which run_load_bench.sh or `sipladder-gen --calls 200000 --seed 1` makes).
#include "analysis/diagnoser.h"
#include "load/capture_loader.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

namespace {

using namespace sipladder::core;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::string path = argc > 1 ? argv[1] : "/tmp/sipladder-bench/sip-1g.pcap";
    LoadOptions options;
    options.paths = {path};
    auto start = Clock::now();
    const auto loaded = CaptureLoader::load(options);
    if (!loaded) {
        std::fprintf(stderr, "diagnosis-bench: %s\n", loaded.error().message.c_str());
        return 1;
    }
    const auto& snapshot = *loaded.value();
    std::printf("%s: %zu messages, %zu calls\n", path.c_str(), snapshot.messages().size(), snapshot.calls().size());
    std::printf("  %-44s %9.1f ms\n", "load", msSince(start));

    start = Clock::now();
    const Diagnoser diagnoser(snapshot);
    std::printf("  %-44s %9.1f ms\n", "indexes (baselines, reached users, REGISTERs)", msSince(start));

    start = Clock::now();
    const auto diagnosis = diagnoser.diagnoseAll();
    const double allMs = msSince(start);
    const auto count = diagnosis->failures().size();
    std::printf("  %-44s %9.1f ms  (%zu failures, %.1f us each)\n", "diagnoseAll", allMs, count,
        count ? allMs * 1000.0 / static_cast<double>(count) : 0.0);

    std::map<std::string, std::size_t> causes;
    for (const auto& failure : diagnosis->failures())
        ++causes[std::string(causeId(failure.explanation.cause))];
    for (const auto& [cause, n] : causes)
        std::printf("    %-20s %zu\n", cause.c_str(), n);

    if (count > 0) {
        const auto& failure = diagnosis->failures()[count / 2];
        start = Clock::now();
        const auto ranked = diagnoser.baselines().ranked(failure.callIndex, 20);
        std::printf("  %-44s %9.3f ms\n", "rank 20 working calls for one failure", msSince(start));
        if (!ranked.empty()) {
            start = Clock::now();
            const auto again = diagnoser.diagnose(failure.transactionIndex, ranked.back().callIndex);
            std::printf("  %-44s %9.3f ms\n", "re-diagnose against another working call", msSince(start));
            if (!again)
                return 1;
        }
    }
    return 0;
}
