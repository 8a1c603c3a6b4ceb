package yamlout

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Map is a mapping whose keys keep their order, for collections keyed by
// name (workflow jobs) whose order the backend decides. A slice of any
// struct type with exactly KV's fields (a backend's own ordered type,
// which go vet would not let it build with unkeyed yamlout.KV literals)
// is written as Map is, without a conversion.
type Map []KV

// KV is one entry of a Map.
type KV struct {
	Key   string
	Value any
}

// Set appends an entry.
func (m *Map) Set(k string, v any) { *m = append(*m, KV{k, v}) }

// Valuer is a type written as another value: an int-or-string field
// returns the int or the string.
type Valuer interface {
	YAMLValue() any
}

// Commenter is a scalar written with a comment after it on its line (after
// the "|" of a literal block): the tag of an action pinned to a commit. An
// empty comment writes none. The comment must be one line of printable
// text.
type Commenter interface {
	YAMLComment() string
}

// Marshal returns the YAML form of v: structs by their json tags
// (omitempty honoured, fields in declared order), maps with sorted keys,
// Map in its order, nil pointers, slices and maps as null, as
// encoding/json would give them.
func Marshal(v any) ([]byte, error) { return Append(nil, v) }

// Append is Marshal writing after dst, for a caller that reuses one
// buffer; a backend writing files uses an Arena.
func Append(dst []byte, v any) ([]byte, error) {
	out, err := encode(dst, v, nil)
	if err != nil {
		return nil, err
	}
	if extra := cap(out) - len(out); extra > 64<<10 && extra > len(out)/4 {
		// Generated files live until the whole tree is written; a buffer
		// grown by doubling holds up to twice their size. Trimming big
		// ones cut the peak memory of a 5,000-environment build.
		out = append(make([]byte, 0, len(out)), out...)
	}
	return out, nil
}

// encode writes v after dst. With an arena, the encoder takes room from
// it before each piece, so a file outgrowing its block moves once rather
// than through every size append would double it to.
func encode(dst []byte, v any, arena *Arena) ([]byte, error) {
	e := encoders.Get().(*encoder)
	e.out, e.arena, e.err = dst, arena, nil
	e.document(reflect.ValueOf(v))
	out, err := e.out, e.err
	// Drop the values the entries pointed at, keep the capacity.
	clear(e.stack[:cap(e.stack)])
	clear(e.pairs[:cap(e.pairs)])
	e.out, e.arena, e.stack, e.pairs = nil, nil, e.stack[:0], e.pairs[:0]
	encoders.Put(e)
	return out, err
}

// encoders keeps encoders, with their entry stack and type map, between
// calls: the GitOps tree marshals one small patch per workload and
// environment.
var encoders = sync.Pool{New: newEncoder}

func newEncoder() any { return &encoder{} }

// maxImplicitKey is YAML's limit on a key written without "? ".
const maxImplicitKey = 1000

type encoder struct {
	out   []byte
	arena *Arena // nil: out grows as append grows it
	err   error
	// stack holds the sorted entries of the Go maps being written, each
	// nested map's above its parent's.
	stack []entry
	// pairs holds the sorted entries of the map[string]string being
	// written (stringMap).
	pairs [][2]string
	types map[reflect.Type]*typeInfo
	// stringKey is where map keys of type string are read (sortedEntries).
	stringKey reflect.Value
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// reserve makes room for n more bytes of output before a piece is
// written. n need not be exact: an append past it is still correct, and
// only copies the file once more.
func (e *encoder) reserve(n int) {
	if e.arena != nil && cap(e.out)-len(e.out) < n {
		e.out = e.arena.grow(e.out, n)
	}
}

type nodeKind int

const (
	kindNull nodeKind = iota
	kindScalar
	kindMapping
	kindSequence
)

// resolve follows pointers, interfaces and Valuers to the value written.
// ti is the typeInfo of v's type, and the one returned that of the value
// written (nil for null).
func (e *encoder) resolve(v reflect.Value, ti *typeInfo) (reflect.Value, *typeInfo, nodeKind) {
	for {
		if ti.valuer && !(ti.kind == reflect.Pointer && v.IsNil()) {
			v = reflect.ValueOf(v.Interface().(Valuer).YAMLValue())
			if !v.IsValid() {
				return v, nil, kindNull
			}
			ti = e.info(v.Type())
			continue
		}
		switch ti.kind {
		case reflect.Pointer:
			if v.IsNil() {
				return v, nil, kindNull
			}
			v, ti = v.Elem(), ti.elem
			continue
		case reflect.Interface:
			if v.IsNil() {
				return v, nil, kindNull
			}
			v = v.Elem()
			ti = e.info(v.Type())
			continue
		case reflect.Struct:
			return v, ti, kindMapping
		case reflect.Map:
			if v.IsNil() {
				return v, nil, kindNull
			}
			return v, ti, kindMapping
		case reflect.Slice:
			if ti.ordered {
				return v, ti, kindMapping
			}
			if v.IsNil() {
				return v, nil, kindNull
			}
			return v, ti, kindSequence
		case reflect.Array:
			return v, ti, kindSequence
		}
		return v, ti, kindScalar
	}
}

// entry is one key and value of a Go map.
type entry struct {
	key   string
	plain bool // key can be written without quotes
	val   reflect.Value
}

// sortedEntries pushes the map v's entries, sorted by key, on the
// encoder's stack and returns them; the caller pops them when written.
func (e *encoder) sortedEntries(v reflect.Value) []entry {
	kt := v.Type().Key()
	if kt.Kind() != reflect.String {
		e.fail(fmt.Errorf("yamlout: map key type %s is not a string", kt))
		return nil
	}
	base := len(e.stack)
	// Keys are read through one settable Value: it.Key() would copy each
	// into an allocation of its own.
	key := e.mapKey(kt)
	var it reflect.MapIter
	for it.Reset(v); it.Next(); {
		key.SetIterKey(&it)
		k := key.String()
		e.stack = append(e.stack, entry{k, plainOK(k), it.Value()})
	}
	out := e.stack[base:]
	// Not sort.Slice, which allocates its swapper.
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out
}

// mapKey returns a settable Value of type t to read map keys into,
// reusing one for plain strings, the usual key type.
func (e *encoder) mapKey(t reflect.Type) reflect.Value {
	if t != stringType {
		return reflect.New(t).Elem()
	}
	if !e.stringKey.IsValid() {
		e.stringKey = reflect.New(t).Elem()
	}
	return e.stringKey
}

func (e *encoder) indent(n int) { e.out = appendSpaces(e.out, n) }

const spaces = "                                                                "

// appendSpaces writes n spaces, a slice of spaces at a time rather than a
// byte at a time.
func appendSpaces(out []byte, n int) []byte {
	for n > len(spaces) {
		out = append(out, spaces...)
		n -= len(spaces)
	}
	return append(out, spaces[:n]...)
}

// slack is room for what follows a key or "- " on its line when it is not
// a string: a number, "null", "{}", "[]".
const slack = 32

// document writes a top-level value.
func (e *encoder) document(v reflect.Value) {
	if !v.IsValid() {
		e.out = append(e.out, "null\n"...)
		return
	}
	v, ti, k := e.resolve(v, e.info(v.Type()))
	switch k {
	case kindMapping:
		if !e.mapping(v, ti, 0, false) {
			e.out = append(e.out, "{}\n"...)
		}
	case kindSequence:
		if v.Len() > 0 {
			e.sequence(v, ti, 0, false)
			return
		}
		e.out = append(e.out, "[]\n"...)
	default:
		e.scalar(v, ti, k, 0)
	}
}

// mapping writes the entries of v, a struct, Go map or ordered slice, at
// ind, and reports whether it had any. When inline, the first key
// continues the line (after "- ").
//
// Struct fields and ordered entries are written as they are read: only a
// Go map's entries are collected, to be sorted.
func (e *encoder) mapping(v reflect.Value, ti *typeInfo, ind int, inline bool) bool {
	n := 0
	switch ti.kind {
	case reflect.Struct:
		for i := range ti.fields {
			f := &ti.fields[i]
			fv := f.value(v)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			e.entry(f.name, f.plain, fv, f.info, ind, inline && n == 0)
			n++
		}
	case reflect.Slice: // of KV or a struct type like it
		// By index, not v.Interface().(Map): that copies a Map reached
		// through a pointer, and other types are not a Map.
		for i := range v.Len() {
			kv := v.Index(i)
			k := kv.Field(0).String()
			e.entry(k, plainOK(k), kv.Field(1), anyInfo, ind, inline && n == 0)
			n++
		}
	case reflect.Map:
		if v.CanInterface() {
			if m, ok := v.Interface().(map[string]string); ok {
				return e.stringMap(m, ind, inline)
			}
		}
		base := len(e.stack)
		for _, en := range e.sortedEntries(v) {
			e.entry(en.key, en.plain, en.val, ti.elem, ind, inline && n == 0)
			n++
		}
		e.stack = e.stack[:base]
	}
	return n > 0
}

// stringMap writes the entries of m, sorted by key, at ind, and reports
// whether it had any. Labels and annotations are most of the Go maps
// written; read natively, their values are not copied into an
// allocation each, as reflect.MapIter.Value copies a string.
func (e *encoder) stringMap(m map[string]string, ind int, inline bool) bool {
	base := len(e.pairs)
	for k, v := range m {
		e.pairs = append(e.pairs, [2]string{k, v})
	}
	ps := e.pairs[base:]
	slices.SortFunc(ps, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for i, p := range ps {
		e.key(p[0], plainOK(p[0]), ind, inline && i == 0)
		e.out = append(e.out, ' ')
		e.str(p[1], "", ind+2)
	}
	e.pairs = e.pairs[:base]
	return len(ps) > 0
}

// entry writes one key and its value at ind; when inline, the key
// continues the line.
func (e *encoder) entry(key string, plain bool, val reflect.Value, ti *typeInfo, ind int, inline bool) {
	e.key(key, plain, ind, inline)
	v, ti, k := e.resolve(val, ti)
	switch k {
	case kindMapping:
		// The line break is taken back if the mapping turns out empty:
		// that is only known once its omitted fields are skipped.
		mark := len(e.out)
		e.out = append(e.out, '\n')
		if !e.mapping(v, ti, ind+2, false) {
			e.out = append(e.out[:mark], " {}\n"...)
		}
	case kindSequence:
		if v.Len() > 0 {
			// Sequences sit flush with their key, as kubectl writes them.
			e.out = append(e.out, '\n')
			e.sequence(v, ti, ind, false)
		} else {
			e.out = append(e.out, " []\n"...)
		}
	default:
		e.out = append(e.out, ' ')
		e.scalar(v, ti, k, ind+2)
	}
}

// key writes a key and its colon at ind; when inline, the key continues
// the line.
func (e *encoder) key(key string, plain bool, ind int, inline bool) {
	e.reserve(ind + len(key) + slack)
	if !inline {
		e.indent(ind)
	}
	start := len(e.out)
	if plain {
		e.out = append(e.out, key...)
	} else {
		e.out = appendDoubleQuoted(e.out, key)
	}
	if n := len(e.out) - start; n > maxImplicitKey && utf8.RuneCount(e.out[start:]) > maxImplicitKey {
		// YAML limits a key without "? " to 1024 characters as written
		// (escapes included).
		e.out = append(e.out, "? "...)
		copy(e.out[start+2:], e.out[start:start+n])
		copy(e.out[start:], "? ")
		e.out = append(e.out, '\n')
		e.indent(ind)
	}
	e.out = append(e.out, ':')
}

// sequence writes the items of v, a slice or array of type ti, at ind.
func (e *encoder) sequence(v reflect.Value, ti *typeInfo, ind int, inline bool) {
	for i := range v.Len() {
		e.reserve(ind + slack)
		if i > 0 || !inline {
			e.indent(ind)
		}
		e.out = append(e.out, "- "...)
		item, iti, k := e.resolve(v.Index(i), ti.elem)
		switch k {
		case kindMapping:
			if !e.mapping(item, iti, ind+2, true) {
				e.out = append(e.out, "{}\n"...)
			}
		case kindSequence:
			if item.Len() > 0 {
				e.sequence(item, iti, ind+2, true)
			} else {
				e.out = append(e.out, "[]\n"...)
			}
		default:
			e.scalar(item, iti, k, ind+2)
		}
	}
}

var errNotFinite = errors.New("yamlout: NaN or infinite number")

// scalar writes v, a scalar of type ti, and its line break; a literal
// block's lines are indented by ind.
func (e *encoder) scalar(v reflect.Value, ti *typeInfo, k nodeKind, ind int) {
	if k == kindNull {
		e.out = append(e.out, "null\n"...)
		return
	}
	comment := ""
	if ti.commenter {
		comment = e.comment(v)
	}
	switch ti.kind {
	case reflect.String:
		e.str(v.String(), comment, ind)
		return
	case reflect.Bool:
		e.out = strconv.AppendBool(e.out, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.out = strconv.AppendInt(e.out, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.out = strconv.AppendUint(e.out, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			e.fail(errNotFinite)
			return
		}
		e.out = appendFloat(e.out, f, v.Type().Bits())
	default:
		e.fail(fmt.Errorf("yamlout: cannot write a %s", v.Type()))
		return
	}
	e.out = appendComment(e.out, comment)
	e.out = append(e.out, '\n')
}

// str writes the string s, its comment if not empty, and its line
// break; a literal block's lines are indented by ind.
func (e *encoder) str(s, comment string, ind int) {
	// A plain string has no line break, so cannot be a literal block:
	// asking plainOK first spares most strings literalOK's scan.
	switch {
	case plainOK(s):
		e.reserve(len(s) + len(comment) + slack)
		e.out = append(e.out, s...)
	case literalOK(s):
		e.reserve(len(s) + ind*(strings.Count(s, "\n")+1) + len(comment) + slack)
		e.out = appendLiteral(e.out, s, ind, comment)
		return
	default:
		// Escapes can make a quoted string longer; they are rare enough
		// to leave to append.
		e.reserve(len(s) + len(comment) + slack)
		e.out = appendDoubleQuoted(e.out, s)
	}
	e.out = appendComment(e.out, comment)
	e.out = append(e.out, '\n')
}

// comment returns the comment v, a Commenter, is written with.
func (e *encoder) comment(v reflect.Value) string {
	c := v.Interface().(Commenter).YAMLComment()
	if !commentOK(c) {
		e.fail(fmt.Errorf("yamlout: comment %q is not one line of printable text", c))
		return ""
	}
	return c
}

// appendComment writes " # comment", or nothing for an empty comment.
func appendComment(out []byte, comment string) []byte {
	if comment == "" {
		return out
	}
	out = append(out, " # "...)
	return append(out, comment...)
}

// appendFloat writes f as YAML 1.1 and 1.2 both read it: an exponent
// needs a dot before it in YAML 1.1, or 1e+21 reads as a string.
func appendFloat(out []byte, f float64, bits int) []byte {
	start := len(out)
	out = strconv.AppendFloat(out, f, 'g', -1, bits)
	num := out[start:]
	if i := bytes.IndexByte(num, 'e'); i >= 0 && bytes.IndexByte(num, '.') < 0 {
		exp := start + i
		out = append(out, ".0"...)
		copy(out[exp+2:], out[exp:len(out)-2])
		copy(out[exp:], ".0")
	}
	return out
}
