package gha

import "github.com/pipec-dev/pipec/backends/internal/yamlout"

// Workflows read name, on, permissions, jobs in that order, and jobs in
// the order the spec implies, so keyed collections marshal as ordered
// JSON objects; yamlout keeps JSON key order.

// ordered is a mapping whose keys keep insertion order in the output.
// kv has yamlout.KV's fields, so yamlout writes it as a yamlout.Map.
type ordered []kv

type kv struct {
	Key   string
	Value any
}

func (o *ordered) set(k string, v any) { *o = append(*o, kv{k, v}) }

func (js jobs) YAMLValue() any {
	m := make(yamlout.Map, len(js))
	for i, j := range js {
		m[i] = yamlout.KV{Key: j.ID, Value: j.Job}
	}
	return m
}
