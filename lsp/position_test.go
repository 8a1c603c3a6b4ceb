package lsp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositions(t *testing.T) {
	// Line 1: "é" is 2 bytes/1 unit, "中" 3 bytes/1 unit, "😀" 4 bytes/2
	// units (a surrogate pair). Line 2 ends with \r\n.
	src := []byte("a é中😀 = 1\r\nb\n")
	m := newMapper(src)
	tests := []struct {
		name string
		lsp  protocol.Position
		want hcl.Pos
	}{
		{"start", protocol.Position{Line: 0, Character: 0}, hcl.Pos{Line: 1, Column: 1, Byte: 0}},
		{"after é", protocol.Position{Line: 0, Character: 3}, hcl.Pos{Line: 1, Column: 4, Byte: 4}},
		{"after 中", protocol.Position{Line: 0, Character: 4}, hcl.Pos{Line: 1, Column: 5, Byte: 7}},
		{"inside the surrogate pair rounds down", protocol.Position{Line: 0, Character: 5}, hcl.Pos{Line: 1, Column: 5, Byte: 7}},
		{"after the emoji", protocol.Position{Line: 0, Character: 6}, hcl.Pos{Line: 1, Column: 6, Byte: 11}},
		{"end of line, before \\r\\n", protocol.Position{Line: 0, Character: 10}, hcl.Pos{Line: 1, Column: 10, Byte: 15}},
		{"past the line end is clamped", protocol.Position{Line: 0, Character: 99}, hcl.Pos{Line: 1, Column: 10, Byte: 15}},
		{"second line", protocol.Position{Line: 1, Character: 1}, hcl.Pos{Line: 2, Column: 2, Byte: 18}},
		{"past the end", protocol.Position{Line: 9, Character: 0}, hcl.Pos{Line: 3, Column: 1, Byte: 19}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, m.pos(tc.lsp)); diff != "" {
			t.Errorf("%s: pos(%v) (-want +got):\n%s", tc.name, tc.lsp, diff)
		}
	}
	// Byte offsets back to LSP positions.
	back := []struct {
		off  int
		want protocol.Position
	}{
		{4, protocol.Position{Line: 0, Character: 3}},
		{11, protocol.Position{Line: 0, Character: 6}},
		{16, protocol.Position{Line: 0, Character: 10}}, // the \n of \r\n maps to the line end
		{18, protocol.Position{Line: 1, Character: 1}},
		{99, protocol.Position{Line: 2, Character: 0}},
	}
	for _, tc := range back {
		if diff := cmp.Diff(tc.want, m.position(tc.off)); diff != "" {
			t.Errorf("position(%d) (-want +got):\n%s", tc.off, diff)
		}
	}
}

func TestRestartPoint(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"last header", "a {\n}\nenvironment \"x\" {\n  na", 6},
		{"header-like line in an open heredoc", "a {\n  q = <<EOT\nb \"x\" {\n", 0},
		{"closed heredoc", "a {\n  q = <<-EOT\n  x\n  EOT\n}\nb {\n", 29},
		{"in a block comment", "/*\nb {\n", 0},
	}
	for _, tc := range tests {
		if got := restartPoint([]byte(tc.src), len(tc.src)); got != tc.want {
			t.Errorf("%s: restartPoint = %d, want %d", tc.name, got, tc.want)
		}
	}
}
