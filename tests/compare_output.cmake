# Runs PROGRAM and compares its standard output, byte for byte, with the file EXPECTED.
#
#   cmake -DPROGRAM=<executable> -DEXPECTED=<file> -P compare_output.cmake
#
# On a mismatch it prints the first differing line in unified-diff style (with the line
# before it as context), saves the actual output beside the test as
# <program name>.actual.txt, and fails.
cmake_minimum_required(VERSION 3.25)

foreach(var PROGRAM EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compare_output.cmake: pass -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND ${PROGRAM}
                OUTPUT_VARIABLE actual
                ERROR_VARIABLE errors
                RESULT_VARIABLE status)
if(NOT status STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM} failed (${status}):\n${errors}")
endif()
file(READ ${EXPECTED} expected)

if(actual STREQUAL expected)
  return()
endif()

get_filename_component(name ${PROGRAM} NAME_WE)
set(actual_file ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual.txt)
file(WRITE ${actual_file} "${actual}")

# Walks both texts line by line with string(FIND) / SUBSTRING rather than CMake lists,
# which would mangle the ';' and '[' ']' that printed arrays contain.
set(line_number 0)
set(previous "")
while(TRUE)
  math(EXPR line_number "${line_number} + 1")
  foreach(side expected actual)
    string(LENGTH "${${side}}" length)
    if(length EQUAL 0)
      set(${side}_line "<end of output>")
      set(${side}_rest "")
      continue()
    endif()
    string(FIND "${${side}}" "\n" newline)
    if(newline EQUAL -1)
      set(${side}_line "${${side}}<no newline at end>")
      set(${side}_rest "")
    else()
      string(SUBSTRING "${${side}}" 0 ${newline} ${side}_line)
      math(EXPR next "${newline} + 1")
      string(SUBSTRING "${${side}}" ${next} -1 ${side}_rest)
    endif()
  endforeach()
  if(NOT expected_line STREQUAL actual_line OR (expected STREQUAL "" AND actual STREQUAL ""))
    break()
  endif()
  set(previous "${expected_line}")
  set(expected "${expected_rest}")
  set(actual "${actual_rest}")
endwhile()

math(EXPR context_line "${line_number} - 1")
if(context_line GREATER 0)
  set(context " ${previous}\n")
  set(range "${context_line},2")
else()
  set(context "")
  set(range "1")
endif()
# A plain message() prints verbatim (FATAL_ERROR would rewrap the diff).
message("--- expected\n"
        "+++ actual\n"
        "@@ -${range} +${range} @@\n"
        "${context}"
        "-${expected_line}\n"
        "+${actual_line}")
message(FATAL_ERROR "output of ${PROGRAM} differs from ${EXPECTED}, first at line "
                    "${line_number}; the full output is in ${actual_file}")
