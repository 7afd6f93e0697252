# SPDX-License-Identifier: Apache-2.0
# Runs make-sample into OUTPUT and fails unless it is byte-identical to EXPECTED.
execute_process(COMMAND ${MAKE_SAMPLE} ${OUTPUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "make-sample failed: ${result}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUTPUT} ${EXPECTED} RESULT_VARIABLE different)
if(NOT different EQUAL 0)
  message(FATAL_ERROR "${EXPECTED} differs from what make-sample writes now; run `cmake --build <build> --target sample` and commit it")
endif()
file(REMOVE ${OUTPUT})
