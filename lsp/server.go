package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/pipec-dev/pipec/lang"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Server is one language-server session. Notifications that change
// documents run in order on the reading goroutine; requests run on their
// own goroutines against the documents as they were when the request
// arrived, so a slow analysis never delays formatting.
type Server struct {
	conn    *conn
	log     io.Writer
	environ []string

	docs  docStore
	specs specStore
	// parses re-uses the parsed blocks of unchanged text between checks,
	// so an edit re-parses only the block it touches.
	parses *lang.ParseCache

	initialized  atomic.Bool
	shuttingDown atomic.Bool
	snippets     atomic.Bool // the client accepts snippet completions
	inflight     sync.WaitGroup
}

// Serve runs a server on r and w until the client sends exit or closes the
// stream. log receives internal errors. The result is the exit status the
// protocol asks for: 0 when shutdown came before exit, else 1.
func Serve(r io.Reader, w io.Writer, log io.Writer) int {
	tuneGC()
	s := newServer(r, w, log)
	return s.run()
}

func newServer(r io.Reader, w io.Writer, log io.Writer) *Server {
	s := &Server{conn: newConn(r, w), log: log, environ: os.Environ(), parses: lang.NewParseCache()}
	s.docs.init()
	s.specs.init(s)
	return s
}

func (s *Server) run() int {
	defer s.inflight.Wait()
	for {
		body, err := s.conn.read()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(s.log, "pipec lsp: %v\n", err)
			}
			return s.exitCode()
		}
		var msg message
		if err := json.Unmarshal(body, &msg); err != nil {
			s.conn.reply(json.RawMessage("null"), nil, &rpcError{Code: codeParseError, Message: "invalid JSON: " + err.Error()})
			continue
		}
		if msg.Method == "" {
			continue // a response to a request of ours; we send none that need one
		}
		if msg.Method == "exit" {
			return s.exitCode()
		}
		if !msg.isRequest() {
			s.notification(&msg)
			continue
		}
		s.request(&msg)
	}
}

func (s *Server) exitCode() int {
	if s.shuttingDown.Load() {
		return 0
	}
	return 1
}

// notification runs a notification in order. Unknown ones (including
// "$/..." ones) are ignored, as the protocol says.
func (s *Server) notification(msg *message) {
	h := notifications[msg.Method]
	if h == nil || !s.initialized.Load() {
		return
	}
	defer s.recoverPanic(msg.Method, nil)
	if err := h(s, msg.Params); err != nil {
		s.logf("%s: %v", msg.Method, err)
	}
}

func (s *Server) request(msg *message) {
	switch {
	case msg.Method == "initialize" && s.initialized.Load():
		// The protocol allows one initialize per session.
		s.conn.reply(msg.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "the server is already initialized"})
		return
	case msg.Method == "initialize":
		s.call(msg, s.docs.view())
		return
	case !s.initialized.Load():
		s.conn.reply(msg.ID, nil, &rpcError{Code: codeServerNotInitialized, Message: "the server is not initialized"})
		return
	case s.shuttingDown.Load():
		s.conn.reply(msg.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shutting down"})
		return
	case msg.Method == "shutdown":
		s.inflight.Wait()
		s.shuttingDown.Store(true)
		s.conn.reply(msg.ID, nil, nil)
		return
	}
	if requests[msg.Method] == nil {
		s.conn.reply(msg.ID, nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + msg.Method})
		return
	}
	v := s.docs.view()
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		s.call(msg, v)
	}()
}

// call runs a request handler and replies; a panic becomes an
// InternalError reply instead of a dead server.
func (s *Server) call(msg *message, v *view) {
	defer s.recoverPanic(msg.Method, msg.ID)
	h := requests[msg.Method]
	res, err := h(s, v, msg.Params)
	s.conn.reply(msg.ID, res, err)
}

func (s *Server) recoverPanic(method string, id json.RawMessage) {
	r := recover()
	if r == nil {
		return
	}
	s.logf("panic in %s: %v\n%s", method, r, debug.Stack())
	if id != nil {
		s.conn.reply(id, nil, &rpcError{Code: codeInternalError, Message: fmt.Sprintf("internal error in %s: %v", method, r)})
	}
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.log, "pipec lsp: "+format+"\n", args...)
}

type requestFunc func(s *Server, v *view, params json.RawMessage) (any, error)

type notificationFunc func(s *Server, params json.RawMessage) error

// typed decodes params into P, answering InvalidParams when they do not
// fit.
func typed[P any](f func(s *Server, v *view, p *P) (any, error)) requestFunc {
	return func(s *Server, v *view, raw json.RawMessage) (any, error) {
		var p P
		if err := decodeParams(raw, &p); err != nil {
			return nil, err
		}
		return f(s, v, &p)
	}
}

func typedNote[P any](f func(s *Server, p *P) error) notificationFunc {
	return func(s *Server, raw json.RawMessage) error {
		var p P
		if err := decodeParams(raw, &p); err != nil {
			return err
		}
		return f(s, &p)
	}
}

func decodeParams(raw json.RawMessage, p any) error {
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

var requests map[string]requestFunc

var notifications map[string]notificationFunc

func init() {
	requests = map[string]requestFunc{
		"initialize":                       typed(initialize),
		"textDocument/completion":          typed(completion),
		"textDocument/hover":               typed(hover),
		"textDocument/definition":          typed(definition),
		"textDocument/references":          typed(references),
		"textDocument/prepareRename":       typed(prepareRename),
		"textDocument/rename":              typed(rename),
		"textDocument/documentSymbol":      typed(documentSymbols),
		"textDocument/semanticTokens/full": typed(semanticTokens),
		"textDocument/formatting":          typed(formatting),
		"textDocument/codeAction":          typed(codeActions),
	}
	notifications = map[string]notificationFunc{
		"initialized":                     func(*Server, json.RawMessage) error { return nil },
		"textDocument/didOpen":            typedNote(didOpen),
		"textDocument/didChange":          typedNote(didChange),
		"textDocument/didClose":           typedNote(didClose),
		"textDocument/didSave":            typedNote(didSave),
		"workspace/didChangeWatchedFiles": typedNote(didChangeWatchedFiles),
	}
}

func initialize(s *Server, _ *view, p *protocol.InitializeParams) (any, error) {
	if c := p.Capabilities.TextDocument; c != nil && c.Completion != nil && c.Completion.CompletionItem != nil &&
		c.Completion.CompletionItem.SnippetSupport != nil {
		s.snippets.Store(*c.Completion.CompletionItem.SnippetSupport)
	}
	s.initialized.Store(true)
	return protocol.InitializeResult{Capabilities: capabilities(), ServerInfo: &protocol.InitializeResultServerInfo{Name: "pipec"}}, nil
}

func capabilities() protocol.ServerCapabilities {
	sync := protocol.TextDocumentSyncKindIncremental
	return protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: &protocol.True, Change: &sync,
			Save: protocol.SaveOptions{IncludeText: &protocol.False},
		},
		CompletionProvider:         &protocol.CompletionOptions{TriggerCharacters: []string{".", "\"", "="}},
		HoverProvider:              true,
		DefinitionProvider:         true,
		ReferencesProvider:         true,
		RenameProvider:             protocol.RenameOptions{PrepareProvider: &protocol.True},
		DocumentSymbolProvider:     true,
		DocumentFormattingProvider: true,
		CodeActionProvider:         protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
		SemanticTokensProvider: protocol.SemanticTokensOptions{
			Legend: protocol.SemanticTokensLegend{TokenTypes: tokenTypes, TokenModifiers: []string{}},
			Full:   true,
		},
	}
}

// tuneGC lets the heap grow to 5x the live data between collections
// (GOGC=400) unless the user chose otherwise. The checker allocates
// heavily and briefly; with the default the collector ran during every
// analysis of a 5,000-line spec and doubled its latency, while the live
// heap stays at a few MB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
