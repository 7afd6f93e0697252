// SPDX-License-Identifier: Apache-2.0
// reference-loop: the physical-limit baseline for loading a capture. It does the least that
// grouping SIP into calls can do (libpcap -> Ethernet/IPv4/UDP -> SIP start line -> Call-ID ->
// hash map), so the loader's time can be judged against it.
#include <pcap/pcap.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

// A status line "SIP/2.0 NNN" or a request line ending in " SIP/2.0".
bool isSipStartLine(std::string_view payload, std::size_t& lineEnd)
{
    lineEnd = payload.find('\n');
    if (lineEnd == std::string_view::npos)
        return false;
    std::string_view line = payload.substr(0, lineEnd);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.size() >= 11 && line.compare(0, 8, "SIP/2.0 ") == 0)
        return true;
    return line.size() > 8 && line.compare(line.size() - 8, 8, " SIP/2.0") == 0;
}

std::string_view findCallId(std::string_view payload, std::size_t from)
{
    std::size_t pos = from;
    while (pos < payload.size()) {
        std::size_t end = payload.find('\n', pos);
        if (end == std::string_view::npos)
            end = payload.size();
        std::string_view line = payload.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            break; // end of headers
        std::size_t valueAt = 0;
        if (startsWithNoCase(line, "call-id:"))
            valueAt = 8;
        else if (startsWithNoCase(line, "i:"))
            valueAt = 2;
        if (valueAt) {
            std::string_view value = line.substr(valueAt);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.remove_suffix(1);
            return value;
        }
        pos = end + 1;
    }
    return {};
}

// Lets the map be searched with a string_view, so a message of a known call allocates nothing.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>()(text); }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fputs("usage: reference-loop FILE\n", stderr);
        return 2;
    }
    const auto began = std::chrono::steady_clock::now();
    char errors[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_open_offline(argv[1], errors);
    if (!pcap) {
        std::fprintf(stderr, "reference-loop: %s\n", errors);
        return 3;
    }
    if (pcap_datalink(pcap) != DLT_EN10MB) {
        std::fprintf(stderr, "reference-loop: only Ethernet captures\n");
        pcap_close(pcap);
        return 3;
    }

    struct MessageRef {
        std::uint64_t frame;
        std::int64_t timestampUs;
    };
    std::unordered_map<std::string, std::vector<MessageRef>, TextHash, std::equal_to<>> calls;
    std::uint64_t frames = 0;
    std::uint64_t messages = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(pcap, &header, &data)) == 1) {
        ++frames;
        const std::uint32_t length = header->caplen;
        if (length < 14 + 20 + 8 || data[12] != 0x08 || data[13] != 0x00)
            continue;
        const u_char* ip = data + 14;
        const std::uint32_t ipHeader = (ip[0] & 0x0Fu) * 4;
        if ((ip[0] >> 4) != 4 || ip[9] != 17 || ipHeader < 20 || (((ip[6] & 0x3F) << 8) | ip[7]) != 0)
            continue;
        const std::uint32_t ipTotal = (std::uint32_t(ip[2]) << 8) | ip[3];
        if (14 + ipTotal > length || ipTotal < ipHeader + 8)
            continue;
        const u_char* udp = ip + ipHeader;
        const std::uint32_t udpLength = (std::uint32_t(udp[4]) << 8) | udp[5];
        if (udpLength < 8 || udpLength > ipTotal - ipHeader)
            continue;
        const std::string_view payload(reinterpret_cast<const char*>(udp + 8), udpLength - 8);
        std::size_t lineEnd = 0;
        if (!isSipStartLine(payload, lineEnd))
            continue;
        const std::string_view callId = findCallId(payload, lineEnd + 1);
        if (callId.empty())
            continue;
        ++messages;
        const std::int64_t timestampUs = std::int64_t(header->ts.tv_sec) * 1000000 + header->ts.tv_usec;
        auto found = calls.find(callId);
        if (found == calls.end())
            found = calls.emplace(std::string(callId), std::vector<MessageRef>()).first;
        found->second.push_back({ frames, timestampUs });
    }
    if (status == -1)
        std::fprintf(stderr, "reference-loop: %s\n", pcap_geterr(pcap));
    pcap_close(pcap);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::printf("frames %llu messages %llu calls %zu seconds %.3f\n", static_cast<unsigned long long>(frames),
        static_cast<unsigned long long>(messages), calls.size(), seconds);
    return status == -1 ? 1 : 0;
}
