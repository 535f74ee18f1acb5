package mockgraph

import (
	"strconv"
	"unicode/utf8"
)

// truncatedMark ends a text the mock cut short; the number says how many bytes were left out.
const truncatedMark = "…[truncated "

// truncate returns s when it is at most limit bytes long, or its first limit bytes (cut on a rune
// boundary) followed by "…[truncated N bytes]", so that a stored or logged text stays bounded and
// says it was cut.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + truncatedMark + strconv.Itoa(len(s)-cut) + " bytes]"
}
