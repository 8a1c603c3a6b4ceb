package shell

import "testing"

func TestScanAndRef(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		want   string
	}{
		{`echo `, `"${X}"`},
		{`echo "v=`, `${X}`},
		{`echo 'v=`, `'"${X}"'`},
		{`echo 'a' "b" `, `"${X}"`},
		{`echo \" `, `"${X}"`},
		{`echo "a\"b `, `${X}`},
	} {
		if got := None.Scan(tc.prefix).Ref("X"); got != tc.want {
			t.Errorf("after %q: %q, want %q", tc.prefix, got, tc.want)
		}
	}
}

func TestScanStates(t *testing.T) {
	for _, tt := range []struct {
		text string
		want Quote
	}{
		{`echo `, None},
		{`echo "a `, Double},
		{`echo 'a `, Single},
		{`echo "a \" b `, Double},
		{`echo 'a \' `, None},
		{`echo \" `, None},
		{`echo "it's `, Double},
		{`echo 'say "hi" `, Single},
	} {
		if got := None.Scan(tt.text); got != tt.want {
			t.Errorf("Scan(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
