package lsp

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/pipec-dev/pipec/internal/fileuri"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// document is one open buffer. It is immutable: a change makes a new one,
// so a request can keep the version it started with.
type document struct {
	uri     string
	path    string
	version int32
	text    []byte
	m       *mapper
}

func newDocument(uri string, version int32, text []byte) *document {
	return &document{uri: uri, path: uriToPath(uri), version: version, text: text, m: newMapper(text)}
}

// view is the set of open documents at one moment.
type view struct {
	byURI  map[string]*document
	byPath map[string]*document
}

func (v *view) doc(uri string) *document { return v.byURI[uri] }

// docStore holds the open documents, replaced copy-on-write so views stay
// valid after later changes.
type docStore struct {
	mu  sync.Mutex
	cur *view
}

func (d *docStore) init() {
	d.cur = &view{byURI: map[string]*document{}, byPath: map[string]*document{}}
}

func (d *docStore) view() *view {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cur
}

// update replaces (doc non-nil) or removes the document at uri.
func (d *docStore) update(uri string, doc *document) {
	d.mu.Lock()
	defer d.mu.Unlock()
	next := &view{byURI: make(map[string]*document, len(d.cur.byURI)+1), byPath: make(map[string]*document, len(d.cur.byPath)+1)}
	for k, v := range d.cur.byURI {
		next.byURI[k] = v
		next.byPath[v.path] = v
	}
	if old := next.byURI[uri]; old != nil {
		delete(next.byPath, old.path)
		delete(next.byURI, uri)
	}
	if doc != nil {
		next.byURI[uri] = doc
		next.byPath[doc.path] = doc
	}
	d.cur = next
}

// apply returns doc's text after the given content changes.
func apply(doc *document, changes []any) []byte {
	text, m := doc.text, doc.m
	for _, c := range changes {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				text = []byte(c.Text)
				break
			}
			start, end := m.offset(c.Range.Start), m.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			next := make([]byte, 0, len(text)-(end-start)+len(c.Text))
			next = append(next, text[:start]...)
			next = append(next, c.Text...)
			text = append(next, text[end:]...)
		}
		m = newMapper(text)
	}
	return text
}

func didOpen(s *Server, p *protocol.DidOpenTextDocumentParams) error {
	doc := newDocument(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
	s.docs.update(doc.uri, doc)
	s.specs.changed(doc.path)
	return nil
}

func didChange(s *Server, p *protocol.DidChangeTextDocumentParams) error {
	old := s.docs.view().doc(p.TextDocument.URI)
	if old == nil {
		return nil // a change to a document never opened: nothing to apply it to
	}
	doc := newDocument(old.uri, p.TextDocument.Version, apply(old, p.ContentChanges))
	s.docs.update(doc.uri, doc)
	s.specs.changed(doc.path)
	return nil
}

func didClose(s *Server, p *protocol.DidCloseTextDocumentParams) error {
	doc := s.docs.view().doc(p.TextDocument.URI)
	if doc == nil {
		return nil
	}
	s.docs.update(doc.uri, nil)
	s.specs.closed(doc.path)
	return nil
}

// didSave matters for sibling files that are not open: their disk content
// is what the spec sees.
func didSave(s *Server, p *protocol.DidSaveTextDocumentParams) error {
	s.specs.changed(uriToPath(p.TextDocument.URI))
	return nil
}

func didChangeWatchedFiles(s *Server, p *protocol.DidChangeWatchedFilesParams) error {
	for _, c := range p.Changes {
		s.specs.changed(uriToPath(c.URI))
	}
	return nil
}

// uriToPath turns a file URI into a path; other URIs (untitled:...) are
// kept whole, which still makes a unique name for HCL ranges.
func uriToPath(uri string) string {
	p, ok := fileuri.ToPath(uri)
	if !ok {
		return uri
	}
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // file:///C:/x on Windows
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

func pathToURI(path string) string {
	if strings.Contains(path, ":") && !filepath.IsAbs(path) {
		return path // not a file path (see uriToPath)
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return fileuri.FromPath(p)
}
