// SPDX-License-Identifier: Apache-2.0
#include "capture/file_error.h"

#include <cerrno>
#include <system_error>

namespace sipladder::core {

std::string quotedPath(const std::string& path)
{
    return "\"" + path + "\"";
}

Error fileErrorFromErrno(int errorNumber, const std::string& path)
{
    const std::string name = quotedPath(path);
    switch (errorNumber) {
    case ENOENT:
    case ENOTDIR:
        return { ErrorCode::NotFound, name + " does not exist." };
    case EACCES:
    case EPERM:
        return { ErrorCode::PermissionDenied, name + " cannot be read: permission denied." };
    case EISDIR:
        return { ErrorCode::IsDirectory, name + " is a directory, not a capture file." };
    default:
        return { ErrorCode::ReadFailed,
            name + " cannot be read: " + std::error_code(errorNumber, std::generic_category()).message() + "." };
    }
}

} // namespace sipladder::core
