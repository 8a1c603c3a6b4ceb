package didyoumean

import "strings"

// Suggest returns the candidate closest to given within an edit distance
// of 2 (or a case-insensitive match), or "" when none is close enough.
func Suggest(given string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if strings.EqualFold(c, given) {
			return c
		}
		if d := distance(given, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	// A longer or shorter spelling of a name (working_directory for
	// working_dir, env_vars for env): one contains the other's stem.
	g := strings.ToLower(given)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if len(lc) >= 3 && len(g) >= 3 && (strings.HasPrefix(g, lc) || strings.HasPrefix(lc, g)) {
			return c
		}
		// severities for severity: a long shared stem, a different ending.
		if p := commonPrefix(g, lc); p >= 5 && p >= min(len(g), len(lc))-3 {
			return c
		}
	}
	return ""
}

// Suffix returns ` Did you mean "x"?` or "".
func Suffix(given string, candidates []string) string {
	if s := Suggest(given, candidates); s != "" {
		return ` Did you mean "` + s + `"?`
	}
	return ""
}

// distance is the Levenshtein distance over runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
