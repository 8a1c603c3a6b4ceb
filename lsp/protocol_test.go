package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func init() {
	// A request that crashes, to prove a panic becomes an error reply.
	requests["pipec/testPanic"] = func(*Server, *view, json.RawMessage) (any, error) { panic("boom") }
}

const typoSpec = `pipeline "app" {
  repository = "github.com/org/app"
}

environment "staging" {
  namespace = "staging"
}

environment "production" {
  after     = environment.staging
  aproval   = "manual"
}
`

func TestCapabilities(t *testing.T) {
	c := newClient(t)
	res := c.initialize()
	raw, _ := json.Marshal(res.Capabilities)
	var caps map[string]any
	json.Unmarshal(raw, &caps)
	for _, k := range []string{"textDocumentSync", "completionProvider", "hoverProvider", "definitionProvider",
		"referencesProvider", "renameProvider", "documentSymbolProvider", "documentFormattingProvider",
		"codeActionProvider", "semanticTokensProvider"} {
		if caps[k] == nil {
			t.Errorf("capability %s not advertised", k)
		}
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", code)
	}
}

func TestErrors(t *testing.T) {
	c := newClient(t)
	if r := c.raw("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != codeServerNotInitialized {
		t.Errorf("request before initialize: got %+v, want error %d", r.Error, codeServerNotInitialized)
	}
	c.initialize()
	tests := []struct {
		name   string
		method string
		params any
		code   int
	}{
		{"unknown method", "textDocument/unknownThing", map[string]any{}, codeMethodNotFound},
		{"unknown custom method", "$/pipec/nothing", nil, codeMethodNotFound},
		{"params of the wrong shape", "textDocument/hover", []int{1, 2}, codeInvalidParams},
		{"panic in a handler", "pipec/testPanic", nil, codeInternalError},
		{"rename to an invalid name", "textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": "file:///x/pipec.hcl"},
			"position": map[string]any{"line": 0, "character": 0}, "newName": "1 bad"}, codeInvalidParams},
	}
	for _, tc := range tests {
		r := c.raw(tc.method, tc.params)
		if r.Error == nil || r.Error.Code != tc.code {
			t.Errorf("%s: got error %+v, want code %d", tc.name, r.Error, tc.code)
		}
	}
	// Broken JSON is answered with a parse error and the server goes on.
	c.conn.mu.Lock()
	c.conn.w.Write([]byte("Content-Length: 9\r\n\r\n{not json"))
	c.conn.mu.Unlock()
	var hover any
	c.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: "file:///nowhere/pipec.hcl"}}}, &hover)
	if hover != nil {
		t.Errorf("hover on an unknown document = %v, want null", hover)
	}
	// Unknown notifications are ignored, not answered.
	c.notify("$/unknownNotification", map[string]any{})
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t)
	c.initialize()
	c.notify("exit", nil)
	if code := <-c.exit; code != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", code)
	}
}

func TestDiagnosticsOpenAndChange(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pipec.hcl")
	c := newClient(t)
	c.initialize()
	uri := c.open(path, typoSpec)
	p := c.waitDiags(uri, versionIs(1))
	var found *testDiag
	for i, d := range p.Diagnostics {
		if d.Code == "PC0002" {
			found = &p.Diagnostics[i]
		}
	}
	if found == nil {
		t.Fatalf("no PC0002 diagnostic for the typo; got %+v", p.Diagnostics)
	}
	want := protocol.Range{Start: protocol.Position{Line: 10, Character: 2}, End: protocol.Position{Line: 10, Character: 9}}
	if diff := cmp.Diff(want, found.Range); diff != "" {
		t.Errorf("typo range (-want +got):\n%s", diff)
	}
	if !strings.Contains(found.Message, `Did you mean "approval"?`) || found.Severity != 1 {
		t.Errorf("typo diagnostic = %q (severity %v), want an error with a did-you-mean", found.Message, found.Severity)
	}

	// The quick fix replaces the word.
	var actions []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range: found.Range, Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{found.lsp()}}}, &actions)
	if len(actions) != 1 || actions[0].Edit.Changes[uri][0].NewText != "approval" {
		t.Errorf("code actions = %+v, want one fix to approval", actions)
	}

	// An incremental edit after non-ASCII text: fix the typo on line 10
	// after inserting a comment with é, 中 and an emoji on line 0.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{
			{"range": protocol.Range{Start: protocol.Position{Line: 0, Character: 0}, End: protocol.Position{Line: 0, Character: 0}}, "text": "# é中😀 x\n"},
			{"range": protocol.Range{Start: protocol.Position{Line: 0, Character: 7}, End: protocol.Position{Line: 0, Character: 8}}, "text": "y"},
			{"range": protocol.Range{Start: protocol.Position{Line: 11, Character: 2}, End: protocol.Position{Line: 11, Character: 9}}, "text": "approval"},
		},
	})
	p = c.waitDiags(uri, versionIs(2))
	for _, d := range p.Diagnostics {
		if d.Code == "PC0002" {
			t.Errorf("after the fix: still %s", d.Message)
		}
	}
	var edits []protocol.TextEdit
	c.call("textDocument/formatting", protocol.DocumentFormattingParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &edits)
	// Minimal edits: the formatted lines only, never the untouched first
	// line with its non-ASCII text.
	if len(edits) != 1 || edits[0].Range.Start.Line == 0 || !strings.Contains(edits[0].NewText, "  approval = \"manual\"\n") {
		t.Errorf("formatting edits = %+v", edits)
	}
	c.shutdown()
}

// A directory's files form one spec; an open buffer overrides the disk.
func TestDirectorySpec(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "pipec.hcl"), "pipeline \"app\" {\n  repository = \"github.com/org/app\"\n}\n")
	writeFile(t, filepath.Join(dir, "envs.pipec.hcl"), "environment \"prod\" {\n  after = environment.staging\n}\n")
	c := newClient(t)
	c.initialize()
	envs := c.open(filepath.Join(dir, "envs.pipec.hcl"), "environment \"prod\" {\n  after = environment.staging\n}\n")
	p := c.waitDiags(envs, versionIs(1))
	if !hasMessage(p, `undeclared environment "staging"`) {
		t.Fatalf("want an undeclared staging error, got %+v", p.Diagnostics)
	}
	// Declare staging in the other file's open buffer (the disk copy still lacks it).
	main := c.open(filepath.Join(dir, "pipec.hcl"), "pipeline \"app\" {\n  repository = \"github.com/org/app\"\n}\n\nenvironment \"staging\" {}\n")
	c.waitDiags(main, versionIs(1))
	c.waitDiags(envs, func(p published) bool { return !hasMessage(p, "undeclared") })
	// Definition crosses files.
	var locs []protocol.Location
	c.call("textDocument/definition", protocol.DefinitionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: envs}, Position: protocol.Position{Line: 1, Character: 25}}}, &locs)
	if len(locs) != 1 || locs[0].URI != main || locs[0].Range.Start.Line != 4 {
		t.Errorf("definition = %+v, want pipec.hcl line 4", locs)
	}
	c.shutdown()
}

func hasMessage(p published, substr string) bool {
	for _, d := range p.Diagnostics {
		if strings.Contains(d.Message, substr) {
			return true
		}
	}
	return false
}

func TestSymbolsAndTokens(t *testing.T) {
	dir := t.TempDir()
	c := newClient(t)
	c.initialize()
	uri := c.open(filepath.Join(dir, "pipec.hcl"), typoSpec)
	c.waitDiags(uri, versionIs(1))
	var syms []protocol.DocumentSymbol
	c.call("textDocument/documentSymbol", protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &syms)
	var names []string
	for _, s := range syms {
		names = append(names, s.Name+":"+*s.Detail)
	}
	if diff := cmp.Diff([]string{"app:pipeline", "staging:environment", "production:environment"}, names); diff != "" {
		t.Errorf("symbols (-want +got):\n%s", diff)
	}
	var toks protocol.SemanticTokens
	c.call("textDocument/semanticTokens/full", protocol.SemanticTokensParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}, &toks)
	// The first tokens: pipeline (keyword) "app" (class: 3 quote/lit/quote tokens).
	want := []protocol.UInteger{0, 0, 8, 0, 0}
	if len(toks.Data) < 5 || cmp.Diff(want, toks.Data[:5]) != "" {
		t.Errorf("first semantic token = %v, want %v", toks.Data[:min(5, len(toks.Data))], want)
	}
	c.shutdown()
}

// An empty completion list is "items": [], never null: vscode-languageclient
// fails on null.
func TestCompletionEmptyListIsArray(t *testing.T) {
	c := newClient(t)
	c.initialize()
	path := filepath.Join(t.TempDir(), "pipec.hcl")
	text := "pipeline \"p\" {\n  repository = \"\n}\n"
	uri := c.open(path, text)
	r := c.raw("textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"position":     map[string]any{"line": 1, "character": 16},
	})
	if r.Error != nil {
		t.Fatalf("error: %+v", r.Error)
	}
	if !strings.Contains(string(r.Result), `"items":[]`) {
		t.Errorf("result = %s, want an empty items array", r.Result)
	}
}

// initialize may be sent once; a second one is an invalid request.
func TestSecondInitializeRefused(t *testing.T) {
	c := newClient(t)
	c.initialize()
	r := c.raw("initialize", map[string]any{"capabilities": map[string]any{}})
	if r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("second initialize: %+v", r)
	}
	c.shutdown()
}
