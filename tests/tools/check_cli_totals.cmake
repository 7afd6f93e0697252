# SPDX-License-Identifier: Apache-2.0
# Generates a small capture and checks that `sipladder-cli summary --json` counts exactly the SIP
# messages, calls and retransmissions the generator says it wrote.
execute_process(COMMAND ${GEN} --calls 600 --rtp-share 0.5 --seed 9 -o ${OUTPUT}
  RESULT_VARIABLE result ERROR_VARIABLE report)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "sipladder-gen failed: ${report}")
endif()
if(NOT report MATCHES "([0-9]+) SIP messages \\(([0-9]+) retransmissions\\) in ([0-9]+) calls")
  message(FATAL_ERROR "unexpected sipladder-gen report: ${report}")
endif()
set(messages ${CMAKE_MATCH_1})
set(retransmissions ${CMAKE_MATCH_2})
set(calls ${CMAKE_MATCH_3})
execute_process(COMMAND ${CLI} summary --json ${OUTPUT} RESULT_VARIABLE result OUTPUT_VARIABLE json)
file(REMOVE ${OUTPUT})
if(NOT result EQUAL 0)
  message(FATAL_ERROR "sipladder-cli summary failed: ${result}")
endif()
string(JSON cliMessages GET "${json}" totals sip_messages)
string(JSON cliCalls GET "${json}" totals calls)
string(JSON cliRetransmissions GET "${json}" totals retransmissions)
if(NOT cliMessages EQUAL messages OR NOT cliCalls EQUAL calls OR NOT cliRetransmissions EQUAL retransmissions)
  message(FATAL_ERROR "generator wrote ${messages} messages, ${calls} calls, ${retransmissions} retransmissions; "
    "sipladder-cli counted ${cliMessages}, ${cliCalls}, ${cliRetransmissions}")
endif()
