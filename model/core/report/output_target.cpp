// SPDX-License-Identifier: Apache-2.0
#include "report/output_target.h"

#include "capture/file_error.h"
#include "load/capture_snapshot.h"

#include <filesystem>
#include <system_error>

namespace sipladder::core {

std::optional<Error> checkOutputTarget(const std::string& outputPath, const CaptureSnapshot& inputs)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const auto status = fs::status(outputPath, error);
    if (error || !fs::exists(status))
        return std::nullopt; // a new file (a missing folder is the writer's error to report)
    if (fs::is_directory(status))
        return Error { ErrorCode::WriteFailed, "cannot write " + quotedPath(outputPath) + ": it is a directory." };
    if (!fs::is_regular_file(status)) {
        return Error { ErrorCode::WriteFailed,
            "cannot write " + quotedPath(outputPath)
                + ": it is not a regular file (a device, pipe or socket); write the export to a file." };
    }
    for (const auto& input : inputs.files()) {
        if (fs::equivalent(outputPath, input.path, error) && !error) {
            return Error { ErrorCode::WriteFailed,
                "cannot write " + quotedPath(outputPath) + ": it is one of the inputs (" + quotedPath(input.path)
                    + "), which the export would replace; choose another file." };
        }
    }
    return std::nullopt;
}

} // namespace sipladder::core
