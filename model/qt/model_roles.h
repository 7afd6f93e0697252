// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Qt>

namespace sipladder::models {

// Roles shared by the models and the views. Models return semantic values (an outcome, a tone),
// never colours or fonts: the views decide how things look.
enum Role {
    CallIndexRole = Qt::UserRole + 1, // quint32: index into snapshot.calls()
    CallStateRole, // int: core::CallState
    CallOutcomeRole, // int: core::Outcome of the call's initial transaction
    IsFailedRole, // bool: the call is failed as CONTRACT.md defines it (cancelled included)
    SortKeyRole, // a value to sort by (the proxy uses precomputed keys instead)
    MessageIndexRole, // quint32: index into snapshot.messages() (message list rows)
    ArrowToneRole, // int: core::ArrowTone (message list rows)
    RowKindRole, // int: core::LadderRow::Kind
    // The diagnosis. Call list rows: of the call's initial failure; message list rows: of the failure
    // whose badge the row carries. Invalid where there is none.
    FailureCauseRole, // int: core::Cause
    FailureSeverityRole, // int: core::Severity
};

} // namespace sipladder::models
