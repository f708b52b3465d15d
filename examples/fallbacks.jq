# fallbacks.jq - why a host's connections fell back to TCP, most frequent reason first
#
#   smcss -a -j | jq -r -f /usr/share/smc-utils/examples/fallbacks.jq
#   smcss -n NS -a -j | jq -r -f fallbacks.jq        # one network namespace
#
# One line per reason: how many sockets, the code and its name as smcss -e explains them,
# and for a decline by the peer the peer's own reason, e.g.
#   4  0x03030000 NOSMCDEV
#   2  0x05000000 PEERDECL  (peer: 0x03030002 NOSMCRDEV)
# smcr explain CODE says what a code means and what to fix.

# a code as smcss prints it: 0x and 8 hex digits
def hex8: . as $v
  | [range(7; -1; -1) | ($v / pow(16; .) | floor) % 16 | "0123456789abcdef"[.:. + 1]]
  | "0x" + join("");

def reason($code; $name): ($code | hex8) + " " + ($name // "?");

[ .[]
  | select(.mode == "TCP" and has("fallback_reason"))
  | reason(.fallback_reason; .fallback_reason_name)
    + (if has("peer_diagnosis")
       then "  (peer: " + reason(.peer_diagnosis; .peer_diagnosis_name) + ")"
       else "" end) ]
| group_by(.)
| map({ n: length, reason: .[0] })
| sort_by(-.n, .reason)
| .[]
| "\(.n)  \(.reason)"
