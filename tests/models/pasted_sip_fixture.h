// SPDX-License-Identifier: Apache-2.0
#pragma once
// SIP messages as an engineer pastes them from a ticket: no capture around them, one after another
// with blank lines between. Two calls from a carrier (192.0.2.10) to a PBX (198.51.100.5): the
// INVITE to +15551234567 gets 404 Not Found, the one to 5551234567 is answered and hung up. Included
// as "models/pasted_sip_fixture.h" by the window tests too.

#include <QString>

namespace sipladder::testing::pasted {

inline constexpr int kCalls = 2;
inline constexpr int kMessages = 10;

inline QString text()
{
    return QStringLiteral(R"(INVITE sip:+15551234567@pbx.example.test SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-1
Max-Forwards: 70
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-1
To: <sip:+15551234567@pbx.example.test>
Call-ID: pasted-404@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:+12125550147@192.0.2.10:5060>
Content-Length: 0

SIP/2.0 100 Trying
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-1
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-1
To: <sip:+15551234567@pbx.example.test>
Call-ID: pasted-404@192.0.2.10
CSeq: 1 INVITE
Content-Length: 0

SIP/2.0 404 Not Found
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-1
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-1
To: <sip:+15551234567@pbx.example.test>;tag=pbx-1
Call-ID: pasted-404@192.0.2.10
CSeq: 1 INVITE
Content-Length: 0

ACK sip:+15551234567@pbx.example.test SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-1
Max-Forwards: 70
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-1
To: <sip:+15551234567@pbx.example.test>;tag=pbx-1
Call-ID: pasted-404@192.0.2.10
CSeq: 1 ACK
Content-Length: 0

INVITE sip:5551234567@pbx.example.test SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-2
Max-Forwards: 70
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
To: <sip:5551234567@pbx.example.test>
Call-ID: pasted-200@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:+12125550147@192.0.2.10:5060>
Content-Length: 0

SIP/2.0 100 Trying
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-2
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
To: <sip:5551234567@pbx.example.test>
Call-ID: pasted-200@192.0.2.10
CSeq: 1 INVITE
Content-Length: 0

SIP/2.0 200 OK
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-2
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
To: <sip:5551234567@pbx.example.test>;tag=pbx-2
Call-ID: pasted-200@192.0.2.10
CSeq: 1 INVITE
Contact: <sip:5551234567@198.51.100.5:5060>
Content-Length: 0

ACK sip:5551234567@198.51.100.5:5060 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-paste-3
Max-Forwards: 70
From: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
To: <sip:5551234567@pbx.example.test>;tag=pbx-2
Call-ID: pasted-200@192.0.2.10
CSeq: 1 ACK
Content-Length: 0

BYE sip:+12125550147@192.0.2.10:5060 SIP/2.0
Via: SIP/2.0/UDP 198.51.100.5:5060;branch=z9hG4bK-paste-4
Max-Forwards: 70
From: <sip:5551234567@pbx.example.test>;tag=pbx-2
To: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
Call-ID: pasted-200@192.0.2.10
CSeq: 1 BYE
Content-Length: 0

SIP/2.0 200 OK
Via: SIP/2.0/UDP 198.51.100.5:5060;branch=z9hG4bK-paste-4
From: <sip:5551234567@pbx.example.test>;tag=pbx-2
To: "Carrier" <sip:+12125550147@carrier.example>;tag=from-2
Call-ID: pasted-200@192.0.2.10
CSeq: 1 BYE
Content-Length: 0
)");
}

// What a wrong clipboard holds: words, no SIP.
inline QString junk()
{
    return QStringLiteral("Hi team,\n\nthe customer says calls to the hotline fail since Monday.\nThanks, Sam\n");
}

} // namespace sipladder::testing::pasted
