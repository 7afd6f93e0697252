// SPDX-License-Identifier: Apache-2.0
#include "analysis/uri_diff.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

const UriComponentDiff* component(const UriDiff& diff, std::string_view name)
{
    for (const auto& c : diff.components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

std::vector<std::string> names(const UriDiff& diff)
{
    std::vector<std::string> out;
    for (const auto& c : diff.components)
        out.push_back(c.name);
    return out;
}

// The two sides read back from the character segments (DiffSegment's promise).
std::pair<std::string, std::string> rebuild(const std::vector<DiffSegment>& segments)
{
    std::string left;
    std::string right;
    for (const auto& segment : segments) {
        if (segment.kind != DiffSegment::Kind::Added)
            left += segment.text;
        if (segment.kind != DiffSegment::Kind::Removed)
            right += segment.text;
    }
    return { left, right };
}

// What every diff must satisfy, whatever the input.
void checkInvariants(const UriDiff& diff)
{
    bool allEqual = true;
    for (const auto& c : diff.components) {
        EXPECT_FALSE(c.name.empty());
        EXPECT_TRUE(c.failing || c.baseline) << c.name;
        if (!c.failing || !c.baseline) {
            EXPECT_FALSE(c.equal) << c.name;
        }
        if (c.equal || !c.failing || !c.baseline) {
            EXPECT_TRUE(c.characters.empty()) << c.name;
        } else {
            const auto [left, right] = rebuild(c.characters);
            EXPECT_EQ(left, *c.failing) << c.name;
            EXPECT_EQ(right, *c.baseline) << c.name;
        }
        allEqual = allEqual && c.equal;
    }
    EXPECT_EQ(diff.identical(), allEqual);
    EXPECT_EQ(diff.note.empty(), diff.identical()) << diff.note;
}

UriDiff uris(std::string_view failing, std::string_view baseline)
{
    UriDiff diff = diffUris(failing, baseline);
    checkInvariants(diff);
    return diff;
}

UriDiff nameAddrs(std::string_view failing, std::string_view baseline)
{
    UriDiff diff = diffNameAddrs(failing, baseline);
    checkInvariants(diff);
    return diff;
}

} // namespace

TEST(UriDiff, ContractExample)
{
    const auto diff = uris("sip:+15551234567@pbx.example.test", "sip:5551234567@pbx.example.test");
    EXPECT_EQ(diff.failing, "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(diff.baseline, "sip:5551234567@pbx.example.test");
    ASSERT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host" }));
    EXPECT_EQ(diff.components[0].failing, "sip");
    EXPECT_EQ(diff.components[0].baseline, "sip");
    EXPECT_TRUE(diff.components[0].equal);
    EXPECT_EQ(diff.components[1].failing, "+15551234567");
    EXPECT_EQ(diff.components[1].baseline, "5551234567");
    EXPECT_FALSE(diff.components[1].equal);
    EXPECT_EQ(diff.components[1].characters,
        (std::vector<DiffSegment> {
            { DiffSegment::Kind::Removed, "+1" }, { DiffSegment::Kind::Equal, "5551234567" } }));
    EXPECT_EQ(diff.components[2].failing, "pbx.example.test");
    EXPECT_TRUE(diff.components[2].equal);
    EXPECT_TRUE(diff.sameNumber);
    EXPECT_FALSE(diff.identical());
    EXPECT_EQ(diff.note, "+15551234567 and 5551234567 are the same number: E.164 form vs 10-digit national form.");
}

TEST(UriDiff, IdenticalUris)
{
    const auto diff = uris("sip:5551234567@pbx.example.test;user=phone", "sip:5551234567@pbx.example.test;user=phone");
    EXPECT_TRUE(diff.identical());
    EXPECT_TRUE(diff.note.empty());
    EXPECT_TRUE(diff.sameNumber); // the same number, written the same way
    EXPECT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host", "param:user" }));

    const auto names_ = uris("sip:alice@a.example", "sip:alice@a.example");
    EXPECT_TRUE(names_.identical());
    EXPECT_FALSE(names_.sameNumber); // alice is not a phone number
}

TEST(UriDiff, OtherNumberForms)
{
    const auto german = uris("sip:+4930123456@gw.example", "sip:030123456@gw.example");
    EXPECT_TRUE(german.sameNumber);
    EXPECT_EQ(german.note,
        "+4930123456 and 030123456 are the same number: E.164 form vs national form with trunk "
        "prefix 0.");
    const auto nanp = uris("sip:15551234567@gw.example", "sip:5551234567@gw.example");
    EXPECT_TRUE(nanp.sameNumber);
    EXPECT_EQ(nanp.note,
        "15551234567 and 5551234567 are the same number: 11-digit form with the national prefix 1 "
        "vs 10-digit national form.");
    const auto written = uris("sip:+1-555-123-4567@gw.example", "sip:+15551234567@gw.example");
    EXPECT_TRUE(written.sameNumber);
    EXPECT_FALSE(component(written, "user")->equal); // a sip: user part compares exactly
    EXPECT_EQ(written.note, "+1-555-123-4567 and +15551234567 are the same number, written differently.");
}

TEST(UriDiff, DifferentNumbersAndUsers)
{
    const auto numbers = uris("sip:5551234567@pbx.example", "sip:5551234568@pbx.example");
    EXPECT_FALSE(numbers.sameNumber);
    EXPECT_EQ(numbers.note, "Different numbers: 5551234567 vs 5551234568.");
    const auto* user = component(numbers, "user");
    ASSERT_NE(user, nullptr);
    EXPECT_EQ(user->characters,
        (std::vector<DiffSegment> { { DiffSegment::Kind::Equal, "555123456" }, { DiffSegment::Kind::Removed, "7" },
            { DiffSegment::Kind::Added, "8" } }));

    const auto people = uris("sip:alice@pbx.example", "sip:bob@pbx.example");
    EXPECT_FALSE(people.sameNumber);
    EXPECT_EQ(people.note, "Different user: alice vs bob.");

    const auto mixed = uris("sip:alice@pbx.example", "sip:201@pbx.example");
    EXPECT_FALSE(mixed.sameNumber);
    EXPECT_EQ(mixed.note, "Different user: alice vs 201.");

    // Short extensions are the same number only when identical.
    EXPECT_FALSE(uris("sip:201@pbx.example", "sip:1201@pbx.example").sameNumber);
    EXPECT_TRUE(uris("sip:201@pbx.example", "sip:201@pbx.example").sameNumber);
    // A feature code is not a phone number.
    EXPECT_FALSE(uris("sip:*97@pbx.example", "sip:97@pbx.example").sameNumber);
}

TEST(UriDiff, UserOnOneSideOnly)
{
    const auto diff = uris("sip:pbx.example", "sip:alice@pbx.example");
    ASSERT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host" }));
    EXPECT_FALSE(diff.components[1].failing.has_value());
    EXPECT_EQ(diff.components[1].baseline, "alice");
    EXPECT_FALSE(diff.components[1].equal);
    EXPECT_EQ(diff.note, "Different user: (none) vs alice.");

    // Neither has one: no user component at all.
    EXPECT_EQ(names(uris("sip:pbx.example", "sip:pbx.example")), (std::vector<std::string> { "scheme", "host" }));
}

TEST(UriDiff, SameUserDifferentHost)
{
    const auto diff = uris("sip:alice@a.example", "sip:alice@b.example");
    EXPECT_EQ(diff.note, "Same user, different host: a.example vs b.example.");
    const auto* host = component(diff, "host");
    ASSERT_NE(host, nullptr);
    EXPECT_FALSE(host->equal);
    EXPECT_EQ(host->characters,
        (std::vector<DiffSegment> { { DiffSegment::Kind::Removed, "a" }, { DiffSegment::Kind::Added, "b" },
            { DiffSegment::Kind::Equal, ".example" } }));
    EXPECT_EQ(uris("sip:alice@a.example", "sip:bob@b.example").note,
        "Different user: alice vs bob. Different host: a.example vs b.example.");
}

TEST(UriDiff, CaseRules)
{
    // Scheme, host, parameter names and token values ignore case.
    const auto insensitive = uris("SIP:alice@PBX.Example.TEST;Transport=TCP;USER=Phone;method=invite;LR",
        "sip:alice@pbx.example.test;transport=tcp;user=phone;METHOD=INVITE;lr");
    EXPECT_TRUE(insensitive.identical()) << insensitive.note;
    EXPECT_EQ(names(insensitive),
        (std::vector<std::string> {
            "scheme", "user", "host", "param:transport", "param:user", "param:method", "param:lr" }));
    // Values are kept as written for display.
    EXPECT_EQ(component(insensitive, "host")->failing, "PBX.Example.TEST");
    EXPECT_EQ(component(insensitive, "param:transport")->failing, "TCP");

    // User and password are case-sensitive.
    const auto user = uris("sip:Alice@pbx.example", "sip:alice@pbx.example");
    EXPECT_FALSE(component(user, "user")->equal);
    const auto password = uris("sip:alice:Secret@pbx.example", "sip:alice:secret@pbx.example");
    EXPECT_FALSE(component(password, "password")->equal);
    EXPECT_EQ(password.note, "Different password.");

    // Values of other parameters compare exactly.
    const auto other = uris("sip:alice@pbx.example;x-route=AbC", "sip:alice@pbx.example;x-route=abc");
    EXPECT_FALSE(component(other, "param:x-route")->equal);
    EXPECT_EQ(other.note, "Different URI parameters: x-route=AbC vs x-route=abc.");
}

TEST(UriDiff, EscapesOfUnreservedCharactersAreEqual)
{
    EXPECT_TRUE(uris("sip:%61lice@pbx.example", "sip:alice@pbx.example").identical());
    EXPECT_TRUE(uris("sip:a%2bb@pbx.example", "sip:a%2Bb@pbx.example").identical());
    // '+' is reserved: its escape is not the character (RFC 3261 §19.1.4).
    EXPECT_FALSE(uris("sip:a%2Bb@pbx.example", "sip:a+b@pbx.example").identical());
    EXPECT_TRUE(uris("sip:a@pbx.example;x=%41", "sip:a@pbx.example;x=A").identical());
}

TEST(UriDiff, UserPhoneAndTransportParameters)
{
    const auto phone = uris("sip:+15551234567@gw.example;user=phone", "sip:+15551234567@gw.example");
    ASSERT_EQ(names(phone), (std::vector<std::string> { "scheme", "user", "host", "param:user" }));
    const auto& user = phone.components[3];
    EXPECT_EQ(user.failing, "phone");
    EXPECT_FALSE(user.baseline.has_value());
    EXPECT_FALSE(user.equal);
    EXPECT_TRUE(user.characters.empty());
    EXPECT_TRUE(phone.sameNumber);
    EXPECT_EQ(phone.note, "Different URI parameters: user=phone vs (none).");

    const auto transport = uris("sip:alice@pbx.example;transport=tcp", "sip:alice@pbx.example;transport=udp");
    const auto* t = component(transport, "param:transport");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->failing, "tcp");
    EXPECT_EQ(t->baseline, "udp");
    EXPECT_FALSE(t->equal);
    EXPECT_FALSE(t->characters.empty());
    EXPECT_EQ(transport.note, "Different URI parameters: transport=tcp vs transport=udp.");
}

TEST(UriDiff, FlagParameterAgainstValueOrAbsence)
{
    const auto flag = uris("sip:p.example;lr", "sip:p.example");
    const auto* lr = component(flag, "param:lr");
    ASSERT_NE(lr, nullptr);
    EXPECT_EQ(lr->failing, "");
    EXPECT_FALSE(lr->baseline.has_value());
    EXPECT_EQ(flag.note, "Different URI parameters: lr vs (none).");

    const auto valued = uris("sip:p.example;lr", "sip:p.example;lr=on");
    EXPECT_FALSE(component(valued, "param:lr")->equal);
}

TEST(UriDiff, ParameterOrderAndRepetition)
{
    const auto diff = uris("sip:a@h.example;a=1;b=2;b=3", "sip:a@h.example;c=4;B=2;a=1");
    EXPECT_EQ(names(diff),
        (std::vector<std::string> { "scheme", "user", "host", "param:a", "param:b", "param:b", "param:c" }));
    EXPECT_TRUE(diff.components[3].equal);
    EXPECT_TRUE(diff.components[4].equal); // b=2 pairs with B=2
    EXPECT_EQ(diff.components[5].failing, "3"); // the second b has no partner
    EXPECT_FALSE(diff.components[5].baseline.has_value());
    EXPECT_FALSE(diff.components[6].failing.has_value());
    EXPECT_EQ(diff.components[6].baseline, "4");
    EXPECT_EQ(diff.note, "Different URI parameters: b=3 vs (none); (none) vs c=4.");
}

TEST(UriDiff, PortOnOneSide)
{
    const auto diff = uris("sip:alice@pbx.example:5060", "sip:alice@pbx.example");
    ASSERT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host", "port" }));
    EXPECT_EQ(diff.components[3].failing, "5060");
    EXPECT_FALSE(diff.components[3].baseline.has_value());
    // RFC 3261: a URI without a port does not match one with the default port.
    EXPECT_FALSE(diff.components[3].equal);
    EXPECT_EQ(diff.note, "Different port: 5060 vs (none).");

    const auto both = uris("sip:alice@pbx.example:5080", "sip:alice@pbx.example:5060");
    EXPECT_FALSE(component(both, "port")->equal);
    EXPECT_TRUE(uris("sip:alice@pbx.example:5060", "sip:alice@pbx.example:5060").identical());
}

TEST(UriDiff, PasswordOnlyWhenWritten)
{
    EXPECT_EQ(component(uris("sip:a@h.example", "sip:a@h.example"), "password"), nullptr);
    const auto one = uris("sip:a:pw@h.example", "sip:a@h.example");
    const auto* password = component(one, "password");
    ASSERT_NE(password, nullptr);
    EXPECT_EQ(password->failing, "pw");
    EXPECT_FALSE(password->baseline.has_value());
    EXPECT_EQ(names(one), (std::vector<std::string> { "scheme", "user", "password", "host" }));
}

TEST(UriDiff, Ipv6Hosts)
{
    const auto same = uris("sip:alice@[2001:db8::1]:5060", "sip:alice@[2001:DB8:0:0:0:0:0:1]:5060");
    EXPECT_TRUE(same.identical()) << same.note;
    EXPECT_EQ(component(same, "host")->failing, "[2001:db8::1]");
    EXPECT_EQ(component(same, "host")->baseline, "[2001:DB8:0:0:0:0:0:1]");
    EXPECT_TRUE(uris("sip:a@[::ffff:192.0.2.1]", "sip:a@[::FFFF:c000:0201]").identical());
    EXPECT_TRUE(uris("sip:a@[::]", "sip:a@[0:0:0:0:0:0:0:0]").identical());
    EXPECT_TRUE(uris("sip:a@[fe80::1:0:0:0]", "sip:a@[fe80:0:0:0:1::]").identical());

    const auto different = uris("sip:alice@[2001:db8::1]", "sip:alice@[2001:db8::2]");
    EXPECT_FALSE(different.identical());
    EXPECT_EQ(different.note, "Same user, different host: [2001:db8::1] vs [2001:db8::2].");
    // Malformed addresses fall back to text: never equal to a real address by accident.
    EXPECT_FALSE(uris("sip:a@[2001:db8:::1]", "sip:a@[2001:db8::1]").identical());
    EXPECT_FALSE(uris("sip:a@[1:2:3:4:5:6:7:8:9]", "sip:a@[1:2:3:4:5:6:7:8]").identical());
    EXPECT_FALSE(uris("sip:a@[1:2:3:4:5:6:7::8]", "sip:a@[1:2:3:4:5:6:7:8]").identical());
    EXPECT_FALSE(uris("sip:a@[1:2:3:4:5:6:7:8:]", "sip:a@[1:2:3:4:5:6:7:8]").identical());
    EXPECT_FALSE(uris("sip:a@[::1:2:3:4:5:6:7:8]", "sip:a@[1:2:3:4:5:6:7:8]").identical());
    EXPECT_TRUE(uris("sip:a@[::2:3:4:5:6:7:8]", "sip:a@[0:2:3:4:5:6:7:8]").identical());
    EXPECT_FALSE(uris("sip:a@[::1.2.3.256]", "sip:a@[::102:304]").identical());
    EXPECT_FALSE(uris("sip:a@[2001:db8::1]", "sip:a@192.0.2.1").identical());
}

TEST(UriDiff, UriHeaders)
{
    const auto diff = uris("sip:a@h.example?Subject=x&Priority=urgent", "sip:a@h.example?subject=y");
    EXPECT_EQ(
        names(diff), (std::vector<std::string> { "scheme", "user", "host", "header:subject", "header:priority" }));
    EXPECT_FALSE(component(diff, "header:subject")->equal);
    EXPECT_FALSE(component(diff, "header:priority")->baseline.has_value());
    EXPECT_EQ(diff.note, "Different URI headers: subject=x vs subject=y; priority=urgent vs (none).");
    EXPECT_TRUE(uris("sip:a@h.example?Subject=x", "sip:a@h.example?SUBJECT=x").identical());
}

TEST(UriDiff, SchemeDifference)
{
    const auto diff = uris("sips:alice@pbx.example", "sip:alice@pbx.example");
    EXPECT_FALSE(component(diff, "scheme")->equal);
    EXPECT_EQ(diff.note, "Different scheme: sips vs sip.");
}

TEST(UriDiff, TelUris)
{
    // RFC 3966: visual separators do not count.
    const auto same = uris("tel:+1-555-123-4567", "tel:+15551234567");
    EXPECT_TRUE(same.identical()) << same.note;
    EXPECT_EQ(names(same), (std::vector<std::string> { "scheme", "user" }));
    EXPECT_TRUE(same.sameNumber);

    const auto context = uris("tel:7042;phone-context=EXAMPLE.com", "tel:7042;phone-context=example.com");
    EXPECT_TRUE(context.identical());
    EXPECT_EQ(names(context), (std::vector<std::string> { "scheme", "user", "param:phone-context" }));

    const auto forms = uris("tel:+15551234567", "tel:5551234567;phone-context=+1");
    EXPECT_TRUE(forms.sameNumber);
    EXPECT_FALSE(forms.identical());

    // tel: against sip: compares the number with the user part; only the sip: side has a host.
    const auto mixed = uris("tel:+15551234567", "sip:+15551234567@gw.example;user=phone");
    EXPECT_EQ(names(mixed), (std::vector<std::string> { "scheme", "user", "host", "param:user" }));
    EXPECT_FALSE(component(mixed, "scheme")->equal);
    EXPECT_TRUE(component(mixed, "user")->equal);
    EXPECT_FALSE(component(mixed, "host")->failing.has_value());
    EXPECT_TRUE(mixed.sameNumber);
}

TEST(UriDiff, OtherSchemesCompareWhole)
{
    const auto same = uris("urn:service:sos", "URN:service:sos");
    EXPECT_TRUE(same.identical());
    ASSERT_EQ(names(same), (std::vector<std::string> { "opaque" }));

    const auto different = uris("urn:service:sos", "urn:service:sos.police");
    ASSERT_EQ(names(different), (std::vector<std::string> { "opaque" }));
    EXPECT_FALSE(different.components[0].equal);
    EXPECT_EQ(different.note, "Different URIs, compared as text: urn:service:sos vs urn:service:sos.police.");

    const auto againstSip = uris("<http://example.com/x>", "sip:alice@pbx.example");
    ASSERT_EQ(names(againstSip), (std::vector<std::string> { "opaque" }));
    EXPECT_EQ(againstSip.components[0].failing, "http://example.com/x");
    EXPECT_EQ(againstSip.components[0].baseline, "sip:alice@pbx.example");
    EXPECT_FALSE(againstSip.sameNumber);
}

TEST(UriDiff, AngleBracketsAndWhitespaceAreIgnored)
{
    const auto diff = uris("  <sip:alice@pbx.example>  ", "sip:alice@pbx.example");
    EXPECT_TRUE(diff.identical());
    EXPECT_EQ(diff.failing, "  <sip:alice@pbx.example>  ");
}

TEST(UriDiff, JunkNeverCrashes)
{
    const auto empty = uris("", "");
    EXPECT_TRUE(empty.identical());
    EXPECT_TRUE(empty.components.empty());
    EXPECT_FALSE(empty.sameNumber);

    const auto oneEmpty = uris("sip:alice@pbx.example", "");
    ASSERT_EQ(names(oneEmpty), (std::vector<std::string> { "opaque" }));
    EXPECT_FALSE(oneEmpty.components[0].baseline.has_value());
    EXPECT_EQ(oneEmpty.note, "Different URIs, compared as text: sip:alice@pbx.example vs (none).");

    uris("<>", "<>");
    uris("<>", "sip:a@b");
    uris("sip:", "sip:@");
    uris("sip:[", "sip:[::1");
    uris("sip:a@h:99999", "sip:a@h:");
    uris("tel:", "tel:;;;");
    uris("sip:a@h;;;=;==?&&=&", "sip:a@h;=x?=y");
    uris("sip:%", "sip:%%%@%");
    uris(std::string("sip:a\0b@h", 9), "sip:ab@h");

    // Control characters are not copied into the note, and long values are cut.
    const auto binary = uris(std::string("\x01\x02sip:\xff\xfe", 8), "sip:\x7f@\x1b[31m");
    EXPECT_EQ(binary.note.find('\x1b'), std::string::npos);
    EXPECT_EQ(binary.note.find('\x01'), std::string::npos);
    const std::string longUser(5000, '7');
    const auto longDiff = uris("sip:" + longUser + "@h.example", "sip:" + longUser + "8@h.example");
    EXPECT_LT(longDiff.note.size(), 300u);

    std::mt19937 random(3261);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 60);
    const std::string alphabet = "sip:tel+@[]:;=?&%<>\"\\,0123456789abcdefABCDEF.-_ ";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int i = 0; i < 3000; ++i) {
        std::string a = i % 2 == 0 ? "sip:" : "";
        std::string b = i % 3 == 0 ? "tel:" : "";
        const int n = length(random);
        for (int k = 0; k < n; ++k) {
            a.push_back(i % 5 == 0 ? static_cast<char>(byte(random)) : alphabet[pick(random)]);
            b.push_back(alphabet[pick(random)]);
        }
        const auto diff = uris(a, b);
        EXPECT_TRUE(uris(a, a).identical()) << a;
        EXPECT_EQ(diff.sameNumber, uris(b, a).sameNumber);
        nameAddrs(a, b);
        EXPECT_TRUE(nameAddrs(b, b).identical()) << b;
    }
}

TEST(NameAddrDiff, DisplayNamesWithQuotedCommasAndTags)
{
    const auto diff = nameAddrs("\"Smith, John\" <sip:+15551234567@carrier.example>;tag=1928301774",
        "\"Smith, John\" <sip:5551234567@carrier.example>;tag=a6c85cf");
    EXPECT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host", "display-name" }));
    EXPECT_TRUE(component(diff, "display-name")->equal);
    EXPECT_EQ(component(diff, "display-name")->failing, "Smith, John");
    EXPECT_TRUE(diff.sameNumber);
    EXPECT_EQ(diff.note, "+15551234567 and 5551234567 are the same number: E.164 form vs 10-digit national form.");
}

TEST(NameAddrDiff, TagsAreIgnoredAndHeaderParametersCompared)
{
    EXPECT_TRUE(nameAddrs("<sip:alice@a.example>;tag=1", "<sip:alice@a.example>;TAG=2").identical());
    EXPECT_TRUE(nameAddrs("<sip:alice@a.example>;tag=1", "<sip:alice@a.example>").identical());

    const auto diff = nameAddrs("<sip:alice@a.example>;expires=60;tag=x", "<sip:alice@a.example>;Expires=3600");
    EXPECT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host", "field-param:expires" }));
    const auto* expires = component(diff, "field-param:expires");
    EXPECT_EQ(expires->failing, "60");
    EXPECT_EQ(expires->baseline, "3600");
    EXPECT_EQ(diff.note, "Different header parameters: expires=60 vs expires=3600.");
}

TEST(NameAddrDiff, UriParametersAreNotHeaderParameters)
{
    // Without <...>, ";user=phone" belongs to the header (RFC 3261 §20.10); inside, to the URI.
    const auto diff
        = nameAddrs("sip:+15551234567@gw.example;user=phone;tag=9", "<sip:+15551234567@gw.example;user=phone>");
    EXPECT_EQ(names(diff), (std::vector<std::string> { "scheme", "user", "host", "param:user", "field-param:user" }));
    EXPECT_FALSE(component(diff, "param:user")->failing.has_value());
    EXPECT_EQ(component(diff, "param:user")->baseline, "phone");
    EXPECT_EQ(component(diff, "field-param:user")->failing, "phone");
    EXPECT_FALSE(component(diff, "field-param:user")->baseline.has_value());
    EXPECT_EQ(diff.note,
        "Different URI parameters: (none) vs user=phone. Different header parameters: user=phone vs (none).");
}

TEST(NameAddrDiff, DisplayNameDifferences)
{
    const auto diff = nameAddrs("Alice <sip:alice@a.example>", "\"Bob\" <sip:alice@a.example>");
    EXPECT_FALSE(component(diff, "display-name")->equal);
    EXPECT_EQ(diff.note, "Different display name: \"Alice\" vs \"Bob\".");
    EXPECT_TRUE(nameAddrs("Alice <sip:alice@a.example>", "\"Alice\"<sip:alice@a.example>").identical());
    EXPECT_FALSE(nameAddrs("Alice <sip:alice@a.example>", "alice <sip:alice@a.example>").identical());

    const auto one = nameAddrs("\"Carrier\" <sip:+12125550147@carrier.example>", "<sip:+12125550147@carrier.example>");
    const auto* name = component(one, "display-name");
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(name->failing, "Carrier");
    EXPECT_FALSE(name->baseline.has_value());
    EXPECT_EQ(one.note, "Different display name: \"Carrier\" vs (none).");

    const auto escaped = nameAddrs("\"A \\\"B\\\" C\" <sip:a@h.example>", "\"A \\\"B\\\" C\" <sip:a@h.example>");
    EXPECT_TRUE(escaped.identical());
    EXPECT_EQ(component(escaped, "display-name")->failing, "A \"B\" C");
}

TEST(NameAddrDiff, HostAndNumberNotes)
{
    const auto host = nameAddrs("<sip:alice@a.example>;tag=1", "<sip:alice@b.example>;tag=2");
    EXPECT_EQ(host.note, "Same user, different host: a.example vs b.example.");
    const auto pai = nameAddrs("<tel:+4930123456>", "<sip:030123456@gw.example;user=phone>");
    EXPECT_TRUE(pai.sameNumber);
    EXPECT_EQ(names(pai), (std::vector<std::string> { "scheme", "user", "host", "param:user" }));
}

TEST(NameAddrDiff, JunkNeverCrashes)
{
    EXPECT_TRUE(nameAddrs("", "").identical());
    EXPECT_TRUE(nameAddrs("*", "*").identical());
    EXPECT_FALSE(nameAddrs("*", "<sip:a@h.example>").identical());
    nameAddrs("\"unterminated <sip:a@h.example>", "\"");
    nameAddrs("<<<>>>", "<");
    nameAddrs(">;;;=", ";tag");
    nameAddrs("\"\\", "\\\"");
    nameAddrs(std::string("\0\0<\0>", 5), "\xff\xfe\xfd");
    nameAddrs("<sip:a@h.example", "sip:a@h.example>");
}

TEST(UriDiff, IdenticalMeansEveryComponentEqual)
{
    UriDiff diff;
    EXPECT_TRUE(diff.identical());
    diff.components.push_back({ "scheme", "sip", "sip", true, {} });
    EXPECT_TRUE(diff.identical());
    diff.components.push_back({ "port", "5060", std::nullopt, false, {} });
    EXPECT_FALSE(diff.identical());
}
