package yamlout

// asciiSet is the printable ASCII bytes, 0x20 to 0x7e, but for at most
// two its scanner must look at in context. The scanners spend most of
// their time in runs of such bytes, which skip passes eight at a time.
type asciiSet struct {
	in     [256]bool
	x1, x2 byte // printable bytes left out
}

// printableExcept returns the printable ASCII bytes without x1 and x2;
// 0x7f, not printable, leaves none out.
func printableExcept(x1, x2 byte) *asciiSet {
	set := &asciiSet{x1: x1, x2: x2}
	for c := 0x20; c < 0x7f; c++ {
		set.in[c] = c != int(x1) && c != int(x2)
	}
	return set
}

var (
	printableASCII = printableExcept(0x7f, 0x7f)
	// plainSafe leaves out ':' and '#', which plainOK looks at in context.
	plainSafe = printableExcept(':', '#')
	// quoteSafe leaves out '"' and '\\', which appendDoubleQuoted escapes.
	quoteSafe = printableExcept('"', '\\')
)

// skip returns the index of the first byte of s from i on that is not in
// set, or len(s). Eight bytes at a time take a third of the time of one
// at a time on a script.
func (set *asciiSet) skip(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x1, x2 := uint64(set.x1)*ones, uint64(set.x2)*ones
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		// The compiler reads these eight bytes with one load.
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// A byte's high bit is set in w if it is >= 0x80, in w-0x20...
		// if it is < 0x20, and in (w^c...)-0x01... if it is c (the other
		// bytes being < 0x80). Subtracting borrows across bytes only
		// after a byte that is caught.
		if (w|(w-0x20*ones)|((w^0x7f*ones)-ones)|((w^x1)-ones)|((w^x2)-ones))&highs != 0 {
			break
		}
	}
	for i < len(s) && set.in[s[i]] {
		i++
	}
	return i
}
