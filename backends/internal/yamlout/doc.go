// Package yamlout writes the YAML every backend emits. It owns the output
// style (block mappings in declared field order, sequences flush with
// their key, literal blocks for scripts) and, above all, the quoting rule:
// a string is written plain only when every YAML 1.1 and 1.2 reader reads
// it back as that same string, else it is double-quoted, so hostile user
// text (newlines, ": ", " #", "${{", leading "*&!|>") stays one scalar and
// never adds keys.
//
// It replaces sigs.k8s.io/yaml in the binary. That library marshals to
// JSON, unmarshals into a generic tree and marshals again with yaml.v2:
// 60% of `pipec build` on the seed. Walking the typed structs directly by
// their json tags also skips encoding/json's per-type set-up, a tenth of a
// cold `pipec build` (docs/performance.md). The tests read every output
// back with yaml.v2 and yaml.v3 and compare it with encoding/json's view
// of the same value.
package yamlout
