// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/error.h"

#include <string>

namespace sipladder::core {

// Turns the errno of a failed open/read of `path` into an Error whose message names the file.
Error fileErrorFromErrno(int errorNumber, const std::string& path);

// `path` as it appears in messages: quoted, so that names with spaces stay readable.
std::string quotedPath(const std::string& path);

} // namespace sipladder::core
