// SPDX-License-Identifier: Apache-2.0
// sipladder-gen: writes a synthetic SIP (+ RTP) capture of any size for tests and benchmarks.
#include "support/capture_generator.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace {

using sipladder::testing::CaptureFileFormat;
using sipladder::testing::CaptureGenerator;
using sipladder::testing::CaptureGeneratorOptions;

constexpr const char* kUsage
    = "usage: sipladder-gen --calls N [--rtp-share F] [--format pcap|pcapng] [--seed S]\n"
      "                     [--start-time YYYY-MM-DDTHH:MM:SS[.frac]Z] [--rate CALLS_PER_S] -o FILE\n"
      "\n"
      "Writes a synthetic capture of N calls (Call-IDs) between carrier trunks, PBXs and\n"
      "phones, about 8 SIP messages each; with --rtp-share F, RTP of the answered calls makes\n"
      "up the fraction F of the file's bytes.\n";

// Days since 1970-01-01 of a proleptic Gregorian date (the usual era-based days-from-civil arithmetic).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

std::optional<std::int64_t> parseIsoUtc(std::string_view text)
{
    auto number = [&](std::size_t offset, std::size_t digits) -> std::optional<unsigned> {
        if (text.size() < offset + digits)
            return std::nullopt;
        unsigned value = 0;
        const auto result = std::from_chars(text.data() + offset, text.data() + offset + digits, value);
        if (result.ec != std::errc() || result.ptr != text.data() + offset + digits)
            return std::nullopt;
        return value;
    };
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':'
        || text[16] != ':')
        return std::nullopt;
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    const auto hour = number(11, 2);
    const auto minute = number(14, 2);
    const auto second = number(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 || *day < 1 || *day > 31
        || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    std::int64_t fraction = 0;
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        std::int64_t scale = 100000000;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10)
            fraction += (text[pos] - '0') * scale;
    }
    const std::string_view zone = text.substr(pos);
    if (!zone.empty() && zone != "Z" && zone != "+00:00")
        return std::nullopt;
    const std::int64_t days = daysFromCivil(*year, *month, *day);
    const std::int64_t seconds = days * 86400 + *hour * 3600 + *minute * 60 + *second;
    return seconds * 1000000000LL + fraction;
}

template <typename T> bool parseNumber(std::string_view text, T& out)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

int usageError(const std::string& message)
{
    std::fprintf(stderr, "sipladder-gen: %s\n%s", message.c_str(), kUsage);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    CaptureGeneratorOptions options;
    std::string output;
    bool haveCalls = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (i + 1 >= argc)
            return usageError("missing value after " + std::string(arg));
        const std::string_view value = argv[++i];
        if (arg == "--calls") {
            if (!parseNumber(value, options.calls) || options.calls == 0)
                return usageError("--calls needs a positive integer");
            haveCalls = true;
        } else if (arg == "--rtp-share") {
            char* end = nullptr;
            const std::string copy(value);
            options.rtpShare = std::strtod(copy.c_str(), &end);
            if (end != copy.c_str() + copy.size() || options.rtpShare < 0.0 || options.rtpShare > 0.995)
                return usageError("--rtp-share needs a fraction between 0 and 0.995");
        } else if (arg == "--rate") {
            char* end = nullptr;
            const std::string copy(value);
            options.callsPerSecond = std::strtod(copy.c_str(), &end);
            if (end != copy.c_str() + copy.size() || !(options.callsPerSecond > 0.0))
                return usageError("--rate needs a positive number of calls per second");
        } else if (arg == "--format") {
            if (value == "pcap")
                options.format = CaptureFileFormat::Pcap;
            else if (value == "pcapng")
                options.format = CaptureFileFormat::Pcapng;
            else
                return usageError("--format is pcap or pcapng");
        } else if (arg == "--seed") {
            if (!parseNumber(value, options.seed))
                return usageError("--seed needs an unsigned integer");
        } else if (arg == "--start-time") {
            const auto start = parseIsoUtc(value);
            if (!start)
                return usageError("--start-time needs an ISO UTC time such as 2026-11-24T10:00:00Z");
            options.startTimeNs = *start;
        } else if (arg == "-o" || arg == "--output") {
            output = value;
        } else {
            return usageError("unknown option " + std::string(arg));
        }
    }
    if (!haveCalls)
        return usageError("--calls is required");
    if (output.empty())
        return usageError("-o FILE is required");

    try {
        const auto began = std::chrono::steady_clock::now();
        const auto stats = CaptureGenerator(options).write(output);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
        std::fprintf(stderr,
            "sipladder-gen: wrote %s: %llu frames, %llu SIP messages (%llu retransmissions) in %llu calls "
            "(%llu answered, %llu over TCP), %llu RTP frames, %llu TCP control frames, %llu bytes "
            "(RTP %.1f %%), %.1f s of traffic, peak %llu calls in progress, in %.2f s\n",
            output.c_str(), static_cast<unsigned long long>(stats.frames),
            static_cast<unsigned long long>(stats.sipMessages), static_cast<unsigned long long>(stats.retransmissions),
            static_cast<unsigned long long>(stats.calls), static_cast<unsigned long long>(stats.answeredCalls),
            static_cast<unsigned long long>(stats.tcpCalls), static_cast<unsigned long long>(stats.rtpFrames),
            static_cast<unsigned long long>(stats.tcpControlFrames), static_cast<unsigned long long>(stats.fileBytes),
            100.0 * stats.rtpShare(), double(stats.lastTimestampNs - stats.firstTimestampNs) / 1e9,
            static_cast<unsigned long long>(stats.peakActiveCalls), seconds);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "sipladder-gen: %s\n", error.what());
        return 1;
    }
    return 0;
}
