package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// client speaks JSON-RPC to an in-process server over pipes, as an editor
// would over stdio.
type client struct {
	t    testing.TB
	conn *conn
	exit chan int

	mu      sync.Mutex
	nextID  int
	pending map[string]chan json.RawMessage
	diags   map[string]published
	changed chan struct{}
}

type rpcResponse struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// deadline bounds every wait so a broken server fails the test instead of
// hanging it; it is not a timing assertion.
const deadline = 20 * time.Second

func newClient(t testing.TB) *client {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{t: t, conn: newConn(clientIn, clientOut), exit: make(chan int, 1),
		pending: map[string]chan json.RawMessage{}, diags: map[string]published{}, changed: make(chan struct{}, 1)}
	s := newServer(serverIn, serverOut, testLog{t})
	go func() {
		code := s.run()
		serverOut.Close()
		c.exit <- code
	}()
	go c.readLoop()
	t.Cleanup(func() { clientOut.Close() })
	return c
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (c *client) readLoop() {
	for {
		body, err := c.conn.read()
		if err != nil {
			return
		}
		var msg rpcResponse
		if err := json.Unmarshal(body, &msg); err != nil {
			c.t.Errorf("server sent invalid JSON: %s", body)
			return
		}
		if msg.Method == "textDocument/publishDiagnostics" {
			var p published
			json.Unmarshal(msg.Params, &p)
			c.mu.Lock()
			c.diags[p.URI] = p
			c.mu.Unlock()
			select {
			case c.changed <- struct{}{}:
			default:
			}
			continue
		}
		c.mu.Lock()
		ch := c.pending[string(msg.ID)]
		delete(c.pending, string(msg.ID))
		c.mu.Unlock()
		if ch != nil {
			ch <- body
		}
	}
}

// raw sends a request and returns the whole response message.
func (c *client) raw(method string, params any) rpcResponse {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := fmt.Sprint(c.nextID)
	ch := make(chan json.RawMessage, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.conn.write(map[string]any{"jsonrpc": "2.0", "id": c.nextID, "method": method, "params": params}); err != nil {
		c.t.Fatalf("send %s: %v", method, err)
	}
	select {
	case body := <-ch:
		var r rpcResponse
		json.Unmarshal(body, &r)
		return r
	case <-time.After(deadline):
		c.t.Fatalf("no response to %s", method)
	}
	return rpcResponse{}
}

// call sends a request and decodes its result into result.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	r := c.raw(method, params)
	if r.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, r.Error.Code, r.Error.Message)
	}
	if result != nil {
		if err := json.Unmarshal(r.Result, result); err != nil {
			c.t.Fatalf("%s: decode %s: %v", method, r.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.notify(method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

func (c *client) initialize() protocol.InitializeResult {
	c.t.Helper()
	var res protocol.InitializeResult
	c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}}},
	}}, &res)
	c.notify("initialized", struct{}{})
	return res
}

func (c *client) open(path, text string) string {
	uri := pathToURI(path)
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "pipec", Version: 1, Text: text}})
	return uri
}

// waitDiags waits until the diagnostics published for uri satisfy ok.
func (c *client) waitDiags(uri string, ok func(published) bool) published {
	c.t.Helper()
	timeout := time.After(deadline)
	for {
		c.mu.Lock()
		p, have := c.diags[uri]
		c.mu.Unlock()
		if have && ok(p) {
			return p
		}
		select {
		case <-c.changed:
		case <-time.After(50 * time.Millisecond):
		case <-timeout:
			c.t.Fatalf("no matching diagnostics for %s; last: %+v", uri, p)
		}
	}
}

func versionIs(v int) func(published) bool {
	return func(p published) bool { return p.Version != nil && *p.Version == v }
}

// published mirrors PublishDiagnosticsParams; glsp's IntegerOrString
// cannot be decoded (its UnmarshalJSON has a value receiver), so codes are
// read as plain strings here.
type published struct {
	URI         string     `json:"uri"`
	Version     *int       `json:"version"`
	Diagnostics []testDiag `json:"diagnostics"`
}

type testDiag struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
}

func (d testDiag) lsp() protocol.Diagnostic {
	sev := protocol.DiagnosticSeverity(d.Severity)
	return protocol.Diagnostic{Range: d.Range, Severity: &sev, Message: d.Message}
}

// shutdown ends the session cleanly and returns the server's exit status.
func (c *client) shutdown() int {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		return code
	case <-time.After(deadline):
		c.t.Fatal("server did not exit")
	}
	return -1
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
