// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_method.h"

namespace sipladder::core {

namespace {

char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// `canonical` is upper case; `text` has the same length.
bool equalsUpper(std::string_view text, std::string_view canonical)
{
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (upper(text[i]) != canonical[i])
            return false;
    }
    return true;
}

} // namespace

SipMethod parseSipMethod(std::string_view text)
{
    if (text.size() < 3)
        return SipMethod::Unknown;
    // The length and first letter select one or two candidates; one comparison confirms.
    const char first = upper(text[0]);
    auto is = [&](std::string_view name, SipMethod method) {
        return equalsUpper(text, name) ? method : SipMethod::Unknown;
    };
    switch (text.size()) {
    case 3:
        if (first == 'A')
            return is("ACK", SipMethod::Ack);
        if (first == 'B')
            return is("BYE", SipMethod::Bye);
        break;
    case 4:
        if (first == 'I')
            return is("INFO", SipMethod::Info);
        break;
    case 5:
        if (first == 'P')
            return is("PRACK", SipMethod::Prack);
        if (first == 'R')
            return is("REFER", SipMethod::Refer);
        break;
    case 6:
        if (first == 'I')
            return is("INVITE", SipMethod::Invite);
        if (first == 'C')
            return is("CANCEL", SipMethod::Cancel);
        if (first == 'U')
            return is("UPDATE", SipMethod::Update);
        if (first == 'N')
            return is("NOTIFY", SipMethod::Notify);
        break;
    case 7:
        if (first == 'O')
            return is("OPTIONS", SipMethod::Options);
        if (first == 'P')
            return is("PUBLISH", SipMethod::Publish);
        if (first == 'M')
            return is("MESSAGE", SipMethod::Message);
        break;
    case 8:
        if (first == 'R')
            return is("REGISTER", SipMethod::Register);
        break;
    case 9:
        if (first == 'S')
            return is("SUBSCRIBE", SipMethod::Subscribe);
        break;
    default:
        break;
    }
    return SipMethod::Unknown;
}

std::string_view sipMethodName(SipMethod method)
{
    switch (method) {
    case SipMethod::Invite:
        return "INVITE";
    case SipMethod::Ack:
        return "ACK";
    case SipMethod::Bye:
        return "BYE";
    case SipMethod::Cancel:
        return "CANCEL";
    case SipMethod::Register:
        return "REGISTER";
    case SipMethod::Options:
        return "OPTIONS";
    case SipMethod::Info:
        return "INFO";
    case SipMethod::Update:
        return "UPDATE";
    case SipMethod::Prack:
        return "PRACK";
    case SipMethod::Subscribe:
        return "SUBSCRIBE";
    case SipMethod::Notify:
        return "NOTIFY";
    case SipMethod::Publish:
        return "PUBLISH";
    case SipMethod::Message:
        return "MESSAGE";
    case SipMethod::Refer:
        return "REFER";
    case SipMethod::Unknown:
        break;
    }
    return "UNKNOWN";
}

} // namespace sipladder::core
