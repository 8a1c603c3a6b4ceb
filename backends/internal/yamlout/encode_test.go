package yamlout

import (
	"encoding/json"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	yaml2 "sigs.k8s.io/yaml/goyaml.v2"
	yaml3 "sigs.k8s.io/yaml/goyaml.v3"
)

type step struct {
	Name string            `json:"name"`
	Run  string            `json:"run,omitempty"`
	With map[string]string `json:"with,omitempty"`
}

func TestMarshalLayout(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"field order kept", struct {
			Name string `json:"name"`
			On   any    `json:"on"`
			Jobs any    `json:"jobs"`
		}{"ci", map[string]any{"push": map[string]any{"branches": []string{"main"}}}, map[string]any{}},
			"name: ci\n\"on\":\n  push:\n    branches:\n    - main\njobs: {}\n"},
		{"sequence of mappings", []step{{Name: "a", Run: "make\nmake test\n"}, {Name: "b", With: map[string]string{"x": "1"}}},
			"- name: a\n  run: |\n    make\n    make test\n- name: b\n  with:\n    x: \"1\"\n"},
		{"nested sequences and empties", map[string]any{"a": [][]int{{1, 2}, {}}, "b": []string{}, "c": nil},
			"a:\n- - 1\n  - 2\n- []\nb: []\nc: null\n"},
		{"chomping", map[string]string{"keep": "a\n\n", "strip": "a\nb", "clip": "a\n"},
			"clip: |\n  a\nkeep: |+\n  a\n\nstrip: |-\n  a\n  b\n"},
		{"numbers and booleans", map[string]any{"f": 1.5, "e": 1e21, "i": -3, "t": true},
			"e: 1.0e+21\nf: 1.5\ni: -3\nt: true\n"},
		{"top-level scalar", "on", "\"on\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestScalarStyle(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"hello world", "hello world"},
		{"ghcr.io/org/app@sha256:abc", "ghcr.io/org/app@sha256:abc"},
		{"${{ secrets.TOKEN }}", "${{ secrets.TOKEN }}"},
		{"--flag=x", "--flag=x"},
		{"http://host:9090/x", "http://host:9090/x"},
		{"a#b", "a#b"},
		{"", `""`},
		{"8080", `"8080"`},
		{"1.0", `"1.0"`},
		{"2026-01-01", `"2026-01-01"`},
		{"-1", `"-1"`},
		{".5", `".5"`},
		{"12:30", `"12:30"`},
		{"yes", `"yes"`},
		{"Off", `"Off"`},
		{"null", `"null"`},
		{"~", `"~"`},
		{"<<", `"<<"`},
		{"key: value", `"key: value"`},
		{"a #comment", `"a #comment"`},
		{"ends:", `"ends:"`},
		{" lead", `" lead"`},
		{"trail ", `"trail "`},
		{"- item", `"- item"`},
		{"-", `"-"`},
		{"---", `"---"`},
		{"*alias", `"*alias"`},
		{"&anchor", `"&anchor"`},
		{"!tag", `"!tag"`},
		{"|block", `"|block"`},
		{">folded", `">folded"`},
		{"'single'", `"'single'"`},
		{`"double"`, `"\"double\""`},
		{"{a: b}", `"{a: b}"`},
		{"[a]", `"[a]"`},
		{"%TAG", `"%TAG"`},
		{"@at", `"@at"`},
		{"`tick`", "\"`tick`\""},
		{"tab\there", `"tab\there"`},
		{"bell\a", `"bell\u0007"`},
		{"nel\u0085", `"nel\u0085"`},
		{"bom\ufeff", `"bom\ufeff"`},
		{"sep\u2028", `"sep\u2028"`},
		{"café ✓", "café ✓"},
		{"multi\n line", "|-\n  multi\n   line"},
		{"trailing space \nx", `"trailing space \nx"`},
		{" indented\nx", `" indented\nx"`},
		{"\n\n", `"\n\n"`},
		{"cr\r\nlf", `"cr\r\nlf"`},
	}
	for _, tt := range tests {
		got, err := Marshal(map[string]string{"k": tt.in})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff("k: "+tt.want+"\n", string(got)); diff != "" {
			t.Errorf("%q (-want +got)\n%s", tt.in, diff)
		}
	}
}

// hostile are strings from user fields that must stay one scalar.
var hostile = []string{
	"", " ", "a\nb", "a\n", "\n", "x: y", "x:", "# c", "a # c", "${{ github.event.issue.title }}",
	"$(params.x)", "$(echo hi)", `'`, `"`, `\`, `\n`, "*a", "&a", "!a", "|", ">", "|-\nx", "> x",
	"- a", "? a", ": a", "--- ", "...", "[", "]", "{", "}", ",", "%", "@", "`", "true", "False",
	"NO", "on", "~", "null", "0x1F", "0o17", "017", "1e3", "1_000", ".inf", "-.Inf", ".NaN", "1:20",
	"2001-12-14t21:59:43.10-05:00", "<<", "=", "\t", "a\tb", "\r", "a\r\nb", "\u0085", "\u2028",
	"\ufeff", "\x00", "\x7f", "é", "日本", "🙂", "\U0001F600\n", "key:\n  nested: true", "- a\n- b",
	"a\n\n\n", "\n\na", "   \n", "a  \n  b", "line1\n  line2\n", "#!/bin/sh\nset -eu\necho \"$X\"\n",
	"+_.00", "-_1", "+0x_1F", "-0b101", "-inf", "+Infinity", "-nan", "+_inf", "-x", "--flag", "+-1",
}

// TestHostileRoundTrip checks that every hostile string, as a value, a key
// and a list item, is read back unchanged by both yaml.v2 (YAML 1.1) and
// yaml.v3 (YAML 1.2) and adds no keys.
func TestHostileRoundTrip(t *testing.T) {
	for _, s := range hostile {
		roundTrip(t, s)
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		roundTrip(t, s)
	})
}

func roundTrip(t *testing.T, s string) {
	t.Helper()
	doc := map[string]any{
		"k":    s,
		"list": []any{s, map[string]any{"in": s}},
	}
	if s != "k" && s != "list" {
		doc[s] = "v"
	}
	want := normalize(t, doc)
	y, err := Marshal(doc)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	var v3 any
	if err := yaml3.Unmarshal(y, &v3); err != nil {
		t.Fatalf("%q: yaml.v3 cannot read\n%s\n%v", s, y, err)
	}
	if diff := cmp.Diff(want, normalize(t, v3)); diff != "" {
		t.Errorf("%q: yaml.v3 reads it differently (-want +got)\n%s\n%s", s, diff, y)
	}
	var v2 any
	if err := yaml2.Unmarshal(y, &v2); err != nil {
		t.Fatalf("%q: yaml.v2 cannot read\n%s\n%v", s, y, err)
	}
	if diff := cmp.Diff(want, normalize(t, fromV2(v2))); diff != "" {
		t.Errorf("%q: yaml.v2 reads it differently (-want +got)\n%s\n%s", s, diff, y)
	}
}

// normalize passes v through encoding/json, as Marshal does, so strings
// with invalid UTF-8 compare as what was written.
func normalize(t *testing.T, v any) any {
	t.Helper()
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(j, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// fromV2 turns yaml.v2's map[any]any into map[string]any; a non-string key
// would fail the comparison, as it should.
func fromV2(v any) any {
	switch x := v.(type) {
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			ks, ok := k.(string)
			if !ok {
				ks = "<non-string key>"
			}
			m[ks] = fromV2(e)
		}
		return m
	case []any:
		for i := range x {
			x[i] = fromV2(x[i])
		}
	}
	return v
}

type inner struct {
	A string `json:"a,omitempty"`
	B int    `json:"b"`
}

type Embedded struct {
	E string `json:"e"`
}

type kinds struct {
	Embedded
	Str      string            `json:"str"`
	Omitted  string            `json:"omitted,omitempty"`
	Zero     int               `json:"zero"`
	NilPtr   *inner            `json:"nilPtr"`
	NilSkip  *inner            `json:"nilSkip,omitempty"`
	Ptr      *inner            `json:"ptr"`
	NilSlice []string          `json:"nilSlice"`
	Empty    []string          `json:"empty"`
	NilMap   map[string]string `json:"nilMap"`
	Map      map[string]int    `json:"map"`
	Any      any               `json:"any"`
	Skip     string            `json:"-"`
	private  string
	NoTag    bool
	Uint     uint8   `json:"uint"`
	Float    float64 `json:"float"`
	Nested   [][]inner
}

// tree is a recursive type: its typeInfo reaches itself.
type tree struct {
	Name   string            `json:"name"`
	Kids   []tree            `json:"kids,omitempty"`
	Next   *tree             `json:"next,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
}

// TestConcurrentTypes marshals a type not seen before from several
// goroutines at once, which build and read its typeInfo (go test -race).
func TestConcurrentTypes(t *testing.T) {
	type fresh struct {
		T    tree   `json:"t"`
		Kids []tree `json:"kids"`
	}
	v := fresh{T: tree{Name: "a", Next: &tree{Name: "b"}}, Kids: []tree{{Name: "c"}}}
	want := "t:\n  name: a\n  next:\n    name: b\nkids:\n- name: c\n"
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, err := Marshal(v)
			if err != nil || string(got) != want {
				t.Errorf("got %q, %v; want %q", got, err, want)
			}
		})
	}
	wg.Wait()
}

type intOrStr string

func (v intOrStr) YAMLValue() any {
	if v == "2" {
		return 2
	}
	return string(v)
}

// TestAgreesWithEncodingJSON checks that what yaml.v3 reads back is what
// encoding/json makes of the same value: the backends' structs carry json
// tags, and the conformance suites decode the output with the upstream
// types through JSON.
func TestAgreesWithEncodingJSON(t *testing.T) {
	values := []any{
		kinds{Embedded: Embedded{"emb"}, Str: "s", Ptr: &inner{B: 1}, Empty: []string{}, Map: map[string]int{"z": 1, "a": 2},
			Any: []any{"x", 1, nil, map[string]any{}}, Skip: "no", private: "no", NoTag: true, Uint: 7, Float: 0.25,
			Nested: [][]inner{{{A: "a"}}, {}}},
		kinds{},
		[]any{},
		map[string]any{},
		[]kinds{{Str: "a\nb"}, {Str: "8080"}},
		tree{Name: "a", Kids: []tree{{Name: "b", Next: &tree{Name: "c"}}}, Labels: map[string]string{"on": "8080", "k": "x: y"}},
	}
	for i, v := range values {
		y, err := Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var got any
		if err := yaml3.Unmarshal(y, &got); err != nil {
			t.Fatalf("%d: %v\n%s", i, err, y)
		}
		if diff := cmp.Diff(normalize(t, v), normalize(t, got)); diff != "" {
			t.Errorf("%d: (-json +yaml)\n%s\n%s", i, diff, y)
		}
	}
}

func TestOrderedAndValuer(t *testing.T) {
	v := struct {
		M Map      `json:"m"`
		E Map      `json:"e"`
		N Map      `json:"n,omitempty"`
		I intOrStr `json:"i"`
		S intOrStr `json:"s"`
	}{M: Map{{"z", 1}, {"a", intOrStr("2")}}, E: Map{}, I: "2", S: "25%"}
	got, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := "m:\n  z: 1\n  a: 2\ne: {}\ni: 2\ns: \"25%\"\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestLongKeys checks keys past YAML's 1024-character limit on implicit
// keys, counted as written (a key of invalid bytes is six times longer
// once escaped), read back by both parsers.
func TestLongKeys(t *testing.T) {
	for _, key := range []string{strings.Repeat("k", 2000), strings.Repeat("\xd4", 300), strings.Repeat("é", 1100)} {
		roundTrip(t, key)
		y, err := Marshal(map[string]any{key: map[string]int{"a": 1}})
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]map[string]int
		if err := yaml3.Unmarshal(y, &got); err != nil || len(got) != 1 {
			t.Errorf("nested value under a long key: %v\n%s", err, y)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, v := range []any{map[int]string{1: "a"}, struct{ F float64 }{math.Inf(1)}, struct{ C chan int }{make(chan int)}} {
		if _, err := Marshal(v); err == nil {
			t.Errorf("Marshal(%#v) gave no error", v)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	v := []kinds{{Str: "a", Ptr: &inner{A: "x"}, Map: map[string]int{"a": 1, "b": 2}, Nested: [][]inner{{{A: "a"}}}}}
	for range 5 {
		v = append(v, v...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}

type tagged string

func (s tagged) YAMLComment() string {
	if s == "bad" {
		return "two\nlines"
	}
	return "v1.2.3"
}

type untagged string

func (untagged) YAMLComment() string { return "" }

func TestCommenter(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"plain value", map[string]tagged{"uses": "a/b@0123"}, "uses: a/b@0123 # v1.2.3\n"},
		{"quoted value", map[string]tagged{"k": "x: y"}, "k: \"x: y\" # v1.2.3\n"},
		{"literal block", map[string]tagged{"run": "a\nb\n"}, "run: | # v1.2.3\n  a\n  b\n"},
		{"stripped literal block", map[string]tagged{"run": "a\nb"}, "run: |- # v1.2.3\n  a\n  b\n"},
		{"list item", []tagged{"v"}, "- v # v1.2.3\n"},
		{"through a pointer", struct {
			P *tagged `json:"p"`
		}{P: ptr(tagged("v"))}, "p: v # v1.2.3\n"},
		{"empty comment", map[string]untagged{"k": "v"}, "k: v\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			// The comment is not part of the value.
			var v2 any
			if err := yaml2.Unmarshal(got, &v2); err != nil {
				t.Fatalf("yaml.v2: %v", err)
			}
			var v3 any
			if err := yaml3.Unmarshal(got, &v3); err != nil {
				t.Fatalf("yaml.v3: %v", err)
			}
			want := normalize(t, tt.in)
			if diff := cmp.Diff(want, normalize(t, fromV2(v2))); diff != "" {
				t.Errorf("yaml.v2 (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(want, normalize(t, v3)); diff != "" {
				t.Errorf("yaml.v3 (-want +got)\n%s", diff)
			}
		})
	}
	if _, err := Marshal(map[string]tagged{"k": "bad"}); err == nil {
		t.Error("a comment with a line break gave no error")
	}
}

func ptr[T any](v T) *T { return &v }

// kvLike has KV's fields, so a slice of it is written as a Map.
type kvLike struct {
	Key   string
	Value any
}

type orderedLike []kvLike

func TestOrderedLikeMap(t *testing.T) {
	v := struct {
		O orderedLike  `json:"o"`
		E orderedLike  `json:"e"`
		P *orderedLike `json:"p"`
	}{O: orderedLike{{"z", 1}, {"a", "on"}}, P: &orderedLike{{"k", []int{1}}}}
	got, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := "o:\n  z: 1\n  a: \"on\"\ne: {}\np:\n  k:\n  - 1\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
