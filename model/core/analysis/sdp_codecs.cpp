// SPDX-License-Identifier: Apache-2.0
#include "analysis/sdp_codecs.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

namespace sipladder::core {

namespace {

std::string_view staticPayloadName(int type)
{
    switch (type) {
    case 0:
        return "PCMU/8000";
    case 3:
        return "GSM/8000";
    case 4:
        return "G723/8000";
    case 5:
        return "DVI4/8000";
    case 6:
        return "DVI4/16000";
    case 7:
        return "LPC/8000";
    case 8:
        return "PCMA/8000";
    case 9:
        return "G722/8000";
    case 10:
        return "L16/44100";
    case 13:
        return "CN/8000";
    case 15:
        return "G728/8000";
    case 18:
        return "G729/8000";
    case 26:
        return "JPEG/90000";
    case 31:
        return "H261/90000";
    case 34:
        return "H263/90000";
    default:
        return {};
    }
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string_view nextToken(std::string_view& text)
{
    text = trim(text);
    const auto end = std::min(text.find(' '), text.size());
    const auto token = text.substr(0, end);
    text.remove_prefix(end);
    return token;
}

std::optional<int> toInt(std::string_view text)
{
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

struct MediaLine {
    std::string kind;
    bool active = false;
    bool rtp = false;
    std::vector<std::string> formats;
    std::map<int, std::string> rtpmap;
};

void addOnce(std::vector<std::string>& list, std::string name)
{
    if (std::find(list.begin(), list.end(), name) == list.end())
        list.push_back(std::move(name));
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "PCMU/8000/1" and "pcmu/8000" are the same codec: compare the name and clock rate.
std::string codecKey(std::string_view name)
{
    const auto first = name.find('/');
    if (first == std::string_view::npos)
        return lower(name);
    const auto second = name.find('/', first + 1);
    return lower(name.substr(0, second));
}

} // namespace

std::string SdpCodecs::joined() const
{
    std::string out;
    for (const auto* list : {&audio, &video, &other}) {
        for (const auto& name : *list) {
            if (!out.empty())
                out += ", ";
            out += name;
        }
    }
    return out;
}

SdpCodecs sdpCodecs(std::string_view sdp)
{
    std::vector<MediaLine> media;
    std::size_t pos = 0;
    while (pos < sdp.size()) {
        auto end = sdp.find('\n', pos);
        if (end == std::string_view::npos)
            end = sdp.size();
        auto line = trim(sdp.substr(pos, end - pos));
        pos = end + 1;
        if (line.size() < 2 || line[1] != '=')
            continue;
        const char type = line[0];
        line.remove_prefix(2);
        if (type == 'm') {
            MediaLine m;
            m.kind = std::string(nextToken(line));
            const auto port = nextToken(line);
            const auto portNumber = toInt(port.substr(0, port.find('/')));
            m.active = portNumber && *portNumber != 0;
            const auto protocol = nextToken(line);
            m.rtp = protocol.find("RTP") != std::string_view::npos;
            while (!trim(line).empty())
                m.formats.emplace_back(nextToken(line));
            media.push_back(std::move(m));
        } else if (type == 'a' && !media.empty() && line.substr(0, 7) == "rtpmap:") {
            line.remove_prefix(7);
            const auto payload = toInt(nextToken(line));
            const auto name = trim(line);
            if (payload && !name.empty())
                media.back().rtpmap[*payload] = std::string(name);
        }
    }
    SdpCodecs codecs;
    for (const auto& m : media) {
        if (!m.active)
            continue;
        auto& list = m.kind == "audio" ? codecs.audio : m.kind == "video" ? codecs.video : codecs.other;
        for (const auto& format : m.formats) {
            if (!m.rtp) {
                addOnce(list, m.kind + "/" + format); // "image/t38"
                continue;
            }
            const auto payload = toInt(format);
            if (!payload)
                continue;
            if (const auto mapped = m.rtpmap.find(*payload); mapped != m.rtpmap.end())
                addOnce(list, mapped->second);
            else if (const auto name = staticPayloadName(*payload); !name.empty())
                addOnce(list, std::string(name));
            else
                addOnce(list, "payload type " + format);
        }
    }
    return codecs;
}

std::vector<std::string> commonCodecs(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::string> out;
    for (const auto& name : a) {
        const auto key = codecKey(name);
        if (std::any_of(b.begin(), b.end(), [&](const std::string& other) { return codecKey(other) == key; }))
            out.push_back(name);
    }
    return out;
}

} // namespace sipladder::core
