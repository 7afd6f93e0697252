// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sipladder::core {

// The digits of a user part or tel: number: "+1 (555) 123-4567;phone-context=x" -> "15551234567".
// Percent escapes are decoded first ("%2B1%20555..." reads as "+1 555..."); a leading '+' and the
// visual separators space - . ( ) are dropped, and everything from ';' on (";phone-context=",
// ";isub=", ";npdi") is ignored. Empty when it holds no digit, any letter (an extension name such
// as "alice" is not a number), a '+' after the first digit, or a '*' or '#': feature and service
// codes (*97, *67, #31#) are instructions to a switch, not phone numbers.
std::string numberDigits(std::string_view userOrNumber);

// The forms in which a number is written, as the explanations name them:
// - E164: written with '+', whatever follows;
// - International00 / International011: the international prefix 00 or the NANP one, 011;
// - NationalTrunkPrefix: a single leading 0 (030123456), or NANP 11 digits starting with 1
//   (15551234567);
// - Subscriber: any other digit string (5551234567, a 7-digit local number, an extension 201).
// Strings of fewer than 7 digits are always Subscriber (extensions and short codes, "0" for the
// operator included). A leading 011 is read as the NANP prefix, although a UK area code such as
// 0114 starts the same way: the digits alone cannot tell them apart.
enum class NumberForm { E164, International00, International011, NationalTrunkPrefix, Subscriber, NotANumber };
NumberForm numberForm(std::string_view userOrNumber);

// The name of the form alone, as describeNumberForm() starts: "E.164 form", "10-digit national
// form", "international form with 00", "national form with trunk prefix 0", "11-digit form with
// the national prefix 1", "7-digit local form", "3-digit extension", "8-digit form", "feature code"
// (digits with '*' or '#'), "not a phone number".
std::string numberFormName(std::string_view userOrNumber);
// The form's name and the number: "E.164 form (+15551234567)", "10-digit national form
// (5551234567)", "not a phone number (alice)". A number is repeated normalised (digits, with '+'
// for E.164; separators, escapes and ";..." dropped); anything else as written, "(empty)" for
// nothing.
std::string describeNumberForm(std::string_view userOrNumber);

// CONTRACT.md "Numbers that are the same number": digits only (numberDigits); after removing one
// international prefix (00 or 011) or one national trunk prefix (0 or 1) from either or both, one
// digit string ends with the other, the shorter has at least 7 digits, and the longer has at most
// 3 digits (a country code) in front. `+15551234567` = `5551234567` = `15551234567`,
// `+4930123456` = `030123456`, `0114930123456` = `+4930123456` = `004930123456`;
// `5551234567` != `5551234568`. Identical strings are always the same (so "201" = "201" and
// "alice" = "alice"), and so are equal digit strings ("555-1234" = "5551234"); otherwise short
// numbers never match ("201" != "1201") and non-numbers (names, feature codes) never match anything.
// Two numbers both in E.164 form (with +) match only with equal digits: +442079460958 is not
// +12079460958, though the contract's wording alone would let the 1 go as a trunk prefix.
bool sameNumber(std::string_view a, std::string_view b);

} // namespace sipladder::core
