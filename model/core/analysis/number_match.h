// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sipladder::core {

// The digits of a user part or tel: number: "+1 (555) 123-4567;phone-context=x" -> "15551234567".
// Empty when it holds no digit or any letter (an extension name is not a number).
std::string numberDigits(std::string_view userOrNumber);

// The forms in which a number is written, as the explanations name them.
enum class NumberForm { E164, International00, International011, NationalTrunkPrefix, Subscriber, NotANumber };
NumberForm numberForm(std::string_view userOrNumber);
// "E.164 (+15551234567)", "10-digit national", "international with 00"...
std::string describeNumberForm(std::string_view userOrNumber);

// CONTRACT.md "Numbers that are the same number": digits only; after removing one international
// prefix (00 or 011) or one national trunk prefix (0 or 1) from either, one digit string ends with
// the other, the shorter has at least 7 digits, and the longer has 1-3 digits (a country code) in
// front. `+15551234567` = `5551234567`, `+4930123456` = `030123456`, `0114930123456` = `+4930123456`;
// `5551234567` != `5551234568`. Equal strings are the same number too.
bool sameNumber(std::string_view a, std::string_view b);

} // namespace sipladder::core
