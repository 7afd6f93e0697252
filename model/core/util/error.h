// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace sipladder::core {

enum class ErrorCode {
    NotFound,
    PermissionDenied,
    IsDirectory,
    EmptyFile,
    NotACapture,
    UnsupportedFormat,
    ReadFailed,
    WriteFailed,
    InvalidArgument,
    Cancelled,
};

struct Error {
    ErrorCode code = ErrorCode::ReadFailed;
    // A complete sentence for a person; names the file when one is involved.
    std::string message;
};

} // namespace sipladder::core
