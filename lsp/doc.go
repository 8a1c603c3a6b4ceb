// Package lsp is pipec's language server (`pipec lsp`): diagnostics,
// completion, hover, navigation, rename, symbols, semantic tokens,
// formatting and quick fixes for pipec specs, over JSON-RPC on stdio.
//
// It owns the protocol side only. Every fact about the language comes from
// lang (the checker's Module: nodes, references, diagnostics) and
// lang/schema (names, types, docs), so the server never keeps a second list
// of block or attribute names. LSP types come from glsp's protocol_3_16
// package; the transport (jsonrpc.go) is pipec's own. Positions are
// converted in one place, position.go.
package lsp
