package gha

import (
	"bytes"

	"github.com/pipec-dev/pipec/backends/internal/yamlout"
)

// Workflows read name, on, permissions, jobs in that order, and jobs in
// the order the spec implies, so keyed collections marshal as ordered
// JSON objects; yamlout keeps JSON key order.

// ordered is a mapping whose keys keep insertion order in the output.
type ordered []kv

type kv struct {
	Key   string
	Value any
}

func (o *ordered) set(k string, v any) { *o = append(*o, kv{k, v}) }

func (o ordered) YAMLValue() any {
	m := make(yamlout.Map, len(o))
	for i, e := range o {
		m[i] = yamlout.KV{Key: e.Key, Value: e.Value}
	}
	return m
}

func (js jobs) YAMLValue() any {
	m := make(yamlout.Map, len(js))
	for i, j := range js {
		m[i] = yamlout.KV{Key: j.ID, Value: j.Job}
	}
	return m
}

// annotatePins appends "# vX.Y.Z" to every uses: line that pins an action
// from the table. YAML comments cannot be expressed through the encoder, and
// uses: values only ever come from the table, so this edit is exact.
func annotatePins(y []byte) []byte {
	b := make([]byte, 0, len(y)+256)
	for len(y) > 0 {
		line, rest, found := bytes.Cut(y, []byte("\n"))
		b = append(b, line...)
		if i := bytes.Index(line, []byte("uses: ")); i >= 0 {
			if tag, ok := pinTags[string(line[i+len("uses: "):])]; ok {
				b = append(b, " # "...)
				b = append(b, tag...)
			}
		}
		if found {
			b = append(b, '\n')
		}
		y = rest
	}
	return b
}

// pinTags maps each pinned uses: value to its tag.
var pinTags = func() map[string]string {
	m := make(map[string]string, len(pinnedActions))
	for _, a := range pinnedActions {
		m[a.Uses()] = a.Tag
	}
	return m
}()
