package gha

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	yaml2 "sigs.k8s.io/yaml/goyaml.v2"
)

// sigs.k8s.io/yaml sorts keys, which would put jobs before name and on. We
// still marshal our typed structs with encoding/json (struct fields come
// out in declared order), then re-read that JSON into an ordered tree and
// emit it with the yaml.v2 MapSlice that sigs.k8s.io/yaml already ships.

// ordered is a map whose keys keep insertion order in the output.
type ordered []kv

type kv struct {
	Key   string
	Value any
}

func (o *ordered) set(k string, v any) { *o = append(*o, kv{k, v}) }

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(e.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(e.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (js jobs) MarshalJSON() ([]byte, error) {
	o := make(ordered, 0, len(js))
	for _, j := range js {
		o.set(j.ID, j.Job)
	}
	return o.MarshalJSON()
}

// toYAML marshals v keeping the field and key order of its JSON form.
func toYAML(v any) ([]byte, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	tree, err := readOrdered(dec)
	if err != nil {
		return nil, err
	}
	return yaml2.Marshal(tree)
}

func readOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := yaml2.MapSlice{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				m = append(m, yaml2.MapItem{Key: kt.(string), Value: v})
			}
			_, err := dec.Token()
			return m, err
		case '[':
			s := []any{}
			for dec.More() {
				v, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				s = append(s, v)
			}
			_, err := dec.Token()
			return s, err
		}
		return nil, fmt.Errorf("unexpected delimiter %v", t)
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i, nil
		}
		return t.Float64()
	case string, bool, nil:
		return t, nil
	}
	return nil, io.ErrUnexpectedEOF
}

// annotatePins appends "# vX.Y.Z" to every uses: line that pins an action
// from the table. YAML comments cannot be expressed through the encoder, and
// uses: values only ever come from the table, so this edit is exact.
func annotatePins(y []byte) []byte {
	var b bytes.Buffer
	for _, line := range strings.SplitAfter(string(y), "\n") {
		body := strings.TrimSuffix(line, "\n")
		for _, a := range pinnedActions {
			if strings.HasSuffix(body, "uses: "+a.Uses()) {
				body += " # " + a.Tag
				break
			}
		}
		b.WriteString(body)
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}
