package contract

// isDateTime says whether s matches kin-openapi's date-time format, openapi3.FormatOfStringDateTime
// (RFC 3339's date-time as that expression spells it), by reading it byte by byte: YYYY-MM-DD, an
// upper-case T, hh:mm:ss (second 60 allowed), optional fractional digits, and Z or ±hh:mm. Like the
// expression it does not check the calendar (February 31 passes) nor the offset's range.
func isDateTime[S string | []byte](s S) bool {
	if len(s) < len("2006-01-02T15:04:05Z") {
		return false
	}
	if !digits(s[0:4]) || s[4] != '-' || !month(s[5], s[6]) || s[7] != '-' || !day(s[8], s[9]) ||
		s[10] != 'T' || !hour(s[11], s[12]) || s[13] != ':' || !sixty(s[14], s[15]) || s[16] != ':' ||
		!(sixty(s[17], s[18]) || s[17] == '6' && s[18] == '0') {
		return false
	}
	rest := s[19:]
	if rest[0] == '.' {
		i := 1
		for i < len(rest) && isDigit(rest[i]) {
			i++
		}
		if i == 1 {
			return false
		}
		rest = rest[i:]
	}
	switch {
	case len(rest) == 1:
		return rest[0] == 'Z'
	case len(rest) == 6:
		return (rest[0] == '+' || rest[0] == '-') && digits(rest[1:3]) && rest[3] == ':' && digits(rest[4:6])
	}
	return false
}

// digits says whether every byte of s is an ASCII digit.
func digits[S string | []byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// month says whether ab is 01 to 12.
func month(a, b byte) bool {
	return a == '0' && '1' <= b && b <= '9' || a == '1' && '0' <= b && b <= '2'
}

// day says whether ab is 01 to 31.
func day(a, b byte) bool {
	return a == '0' && '1' <= b && b <= '9' || (a == '1' || a == '2') && isDigit(b) || a == '3' && (b == '0' || b == '1')
}

// hour says whether ab is 00 to 23.
func hour(a, b byte) bool {
	return (a == '0' || a == '1') && isDigit(b) || a == '2' && '0' <= b && b <= '3'
}

// sixty says whether ab is 00 to 59.
func sixty(a, b byte) bool { return '0' <= a && a <= '5' && isDigit(b) }
