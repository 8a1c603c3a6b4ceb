package lsp

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

var update = flag.Bool("update", false, "rewrite the want/diagnostics sections of testdata/*.txtar")

// Marker tests: each testdata/*.txtar holds spec files whose comment lines
// carry markers. A marker line is a comment whose caret points at a column
// of the nearest code line above it:
//
//	  after = environment.
//	#                     ^complete(staging, !production)
//
// Markers (several may follow one caret, separated by spaces):
//
//	complete(a, !b)  completion labels include a and not b
//	hover("text")    the hover text contains text
//	def(N)           definition is on line N (1-based) of the same file
//	refs(N)          N references, the declaration excluded
//	rename(new, N)   renaming to new makes N edits
//	diag(CODE)       a diagnostic with CODE covers the position
//	fix(word)        a quick fix there replaces a word by word
//
// An optional want/diagnostics section lists every diagnostic of the spec
// as file:line:col code summary; -update rewrites it.
func TestMarkers(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { runMarkers(t, file) })
	}
}

type marker struct {
	name string
	args []string
	path string
	pos  protocol.Position
	line int // 1-based, for messages
}

func runMarkers(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := newClient(t)
	c.initialize()
	var markers []marker
	uris := map[string]string{}
	var paths []string
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") {
			continue
		}
		path := filepath.Join(dir, f.Name)
		writeFile(t, path, string(f.Data))
		paths = append(paths, path)
		markers = append(markers, parseMarkers(t, path, f.Data)...)
	}
	if len(markers) == 0 {
		t.Fatal("no markers")
	}
	t.Logf("%d markers", len(markers))
	for _, path := range paths {
		uris[path] = c.open(path, string(mustRead(t, path)))
	}
	all := map[string]published{}
	for _, path := range paths {
		all[path] = c.waitDiags(uris[path], versionIs(1))
	}
	for _, m := range markers {
		where := fmt.Sprintf("%s:%d: %s(%s)", filepath.Base(m.path), m.line, m.name, strings.Join(m.args, ", "))
		runMarker(t, c, m, uris[m.path], all[m.path], where)
	}
	checkDiagnostics(t, file, ar, dir, paths, all)
	c.shutdown()
}

func mustRead(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func parseMarkers(t *testing.T, path string, data []byte) []marker {
	m := newMapper(data)
	lines := strings.Split(string(data), "\n")
	var out []marker
	code := -1 // index of the last line that is not a marker line
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		caret := strings.IndexByte(line, '^')
		if rest := strings.TrimSpace(strings.TrimPrefix(trimmed, "#")); !strings.HasPrefix(trimmed, "#") || !strings.HasPrefix(rest, "^") {
			code = i
			continue
		}
		if code < 0 {
			t.Fatalf("%s:%d: marker before any code", path, i+1)
		}
		off := m.lines[code] + caret
		calls, err := parseCalls(line[caret+1:])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		for _, c := range calls {
			c.path, c.pos, c.line = path, m.position(off), i+1
			out = append(out, c)
		}
	}
	return out
}

func runMarker(t *testing.T, c *client, m marker, uri string, diags published, where string) {
	tdp := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: m.pos}
	switch m.name {
	case "complete":
		var list protocol.CompletionList
		c.call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: tdp}, &list)
		labels := map[string]bool{}
		for _, it := range list.Items {
			labels[it.Label] = true
		}
		for _, a := range m.args {
			if strings.HasPrefix(a, "!") {
				if labels[a[1:]] {
					t.Errorf("%s: %q offered", where, a[1:])
				}
			} else if !labels[a] {
				t.Errorf("%s: %q not offered; got %v", where, a, sortedKeys(labels))
			}
		}
	case "hover":
		var h *struct {
			Contents struct{ Value string } `json:"contents"`
		}
		c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: tdp}, &h)
		if h == nil {
			t.Errorf("%s: no hover", where)
			return
		}
		text := h.Contents.Value
		if !strings.Contains(text, m.args[0]) {
			t.Errorf("%s: hover %q lacks %q", where, text, m.args[0])
		}
	case "def":
		var locs []protocol.Location
		c.call("textDocument/definition", protocol.DefinitionParams{TextDocumentPositionParams: tdp}, &locs)
		want, _ := strconv.Atoi(m.args[0])
		if len(locs) != 1 || int(locs[0].Range.Start.Line)+1 != want {
			t.Errorf("%s: definition %+v, want line %d", where, locs, want)
		}
	case "refs":
		var locs []protocol.Location
		c.call("textDocument/references", protocol.ReferenceParams{TextDocumentPositionParams: tdp}, &locs)
		if want, _ := strconv.Atoi(m.args[0]); len(locs) != want {
			t.Errorf("%s: %d references, want %d: %+v", where, len(locs), want, locs)
		}
	case "rename":
		if len(m.args) > 1 && m.args[1] == "refused" {
			// rename(NAME, refused): the server must answer with an error.
			if r := c.raw("textDocument/rename", protocol.RenameParams{TextDocumentPositionParams: tdp, NewName: m.args[0]}); r.Error == nil {
				t.Errorf("%s: rename to %q accepted: %s", where, m.args[0], r.Result)
			}
			return
		}
		var edit protocol.WorkspaceEdit
		c.call("textDocument/rename", protocol.RenameParams{TextDocumentPositionParams: tdp, NewName: m.args[0]}, &edit)
		n := 0
		for _, edits := range edit.Changes {
			for _, e := range edits {
				if e.NewText != m.args[0] {
					t.Errorf("%s: edit text %q", where, e.NewText)
				}
				n++
			}
		}
		if want, _ := strconv.Atoi(m.args[1]); n != want {
			t.Errorf("%s: %d edits, want %d: %+v", where, n, want, edit.Changes)
		}
	case "diag", "fix":
		var hit *testDiag
		for i, d := range diags.Diagnostics {
			if inRange(d.Range, m.pos) && (m.name == "fix" || d.Code == m.args[0]) {
				hit = &diags.Diagnostics[i]
			}
		}
		if hit == nil {
			t.Errorf("%s: no diagnostic here; got %+v", where, diags.Diagnostics)
			return
		}
		if m.name == "diag" {
			return
		}
		var actions []protocol.CodeAction
		c.call("textDocument/codeAction", protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri},
			Range: hit.Range, Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{hit.lsp()}}}, &actions)
		if len(actions) == 0 || actions[0].Edit.Changes[uri][0].NewText != m.args[0] {
			t.Errorf("%s: code actions %+v", where, actions)
		}
	default:
		t.Errorf("%s: unknown marker", where)
	}
}

func inRange(r protocol.Range, p protocol.Position) bool {
	after := func(a, b protocol.Position) bool {
		return a.Line > b.Line || a.Line == b.Line && a.Character >= b.Character
	}
	return after(p, r.Start) && after(r.End, p)
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func checkDiagnostics(t *testing.T, file string, ar *txtar.Archive, dir string, paths []string, all map[string]published) {
	var sb strings.Builder
	for _, p := range paths {
		for _, d := range all[p].Diagnostics {
			summary, _, _ := strings.Cut(d.Message, "\n")
			fmt.Fprintf(&sb, "%s:%d:%d %s %s\n", filepath.Base(p), d.Range.Start.Line+1, d.Range.Start.Character+1, d.Code, summary)
		}
	}
	got := sb.String()
	for i, f := range ar.Files {
		if f.Name != "want/diagnostics" {
			continue
		}
		if *update {
			ar.Files[i].Data = []byte(got)
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if diff := cmp.Diff(string(f.Data), got); diff != "" {
			t.Errorf("diagnostics (-want +got):\n%s", diff)
		}
	}
}

// parseCalls reads name(arg, "quoted arg") calls separated by spaces.
func parseCalls(s string) ([]marker, error) {
	var out []marker
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			return out, nil
		}
		open := strings.IndexByte(s, '(')
		if open < 0 {
			return nil, fmt.Errorf("marker %q has no arguments", s)
		}
		mk := marker{name: s[:open]}
		s = s[open+1:]
		for {
			s = strings.TrimLeft(s, " ,")
			if strings.HasPrefix(s, ")") {
				s = s[1:]
				break
			}
			if strings.HasPrefix(s, `"`) {
				q, err := strconv.QuotedPrefix(s)
				if err != nil {
					return nil, err
				}
				arg, _ := strconv.Unquote(q)
				mk.args = append(mk.args, arg)
				s = s[len(q):]
				continue
			}
			end := strings.IndexAny(s, ",)")
			if end < 0 {
				return nil, fmt.Errorf("unclosed marker %s", mk.name)
			}
			mk.args = append(mk.args, strings.TrimSpace(s[:end]))
			s = s[end:]
		}
		out = append(out, mk)
	}
}
