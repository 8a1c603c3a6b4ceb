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
	e.out, e.arena, e.err, e.depth = dst, arena, nil, 0
	e.document(reflect.ValueOf(v))
	out, err := e.out, e.err
	for i := range e.scratch {
		// Drop the values the entries point at, keep the capacity.
		clear(e.scratch[i][:cap(e.scratch[i])])
	}
	e.out, e.arena = nil, nil
	encoders.Put(e)
	return out, err
}

// encoders keeps encoders, with their scratch slices, between calls: the
// GitOps tree marshals one small patch per workload and environment.
var encoders = sync.Pool{New: func() any { return &encoder{} }}

// maxImplicitKey is YAML's limit on a key written without "? ".
const maxImplicitKey = 1000

type encoder struct {
	out   []byte
	arena *Arena // nil: out grows as append grows it
	err   error
	// scratch[d] is reused for the entries of every mapping at depth d.
	scratch [][]entry
	depth   int
	types   map[reflect.Type]*typeInfo
	// stringKey is where map keys of type string are read (mapKey).
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

var (
	valuerType    = reflect.TypeFor[Valuer]()
	commenterType = reflect.TypeFor[Commenter]()
	kvType        = reflect.TypeFor[KV]()
	stringType    = reflect.TypeFor[string]()
)

// typeInfo is what the encoder needs to know of a type, worked out once:
// reflect.Type.Implements and struct tag parsing are slow enough to show
// in profiles when asked for every value.
type typeInfo struct {
	valuer    bool
	commenter bool
	ordered   bool    // a slice written as a Map
	fields    []field // of a struct
}

var typeCache sync.Map // reflect.Type -> *typeInfo

// info returns t's typeInfo from the encoder's own map, then the shared
// cache: a sync.Map lookup per value was an eighth of writing the GitOps
// tree.
func (e *encoder) info(t reflect.Type) *typeInfo {
	if ti, ok := e.types[t]; ok {
		return ti
	}
	var ti *typeInfo
	if cached, ok := typeCache.Load(t); ok {
		ti = cached.(*typeInfo)
	} else {
		ti = &typeInfo{}
		if t.NumMethod() > 0 {
			// Implements is slow, and struct and slice types, asked for
			// their fields or element type, mostly have no methods.
			ti.valuer = t.Implements(valuerType)
			ti.commenter = t.Implements(commenterType)
		}
		switch t.Kind() {
		case reflect.Struct:
			ti.fields = fieldsOf(t)
		case reflect.Slice:
			ti.ordered = t.Elem().ConvertibleTo(kvType)
		}
		cached, _ := typeCache.LoadOrStore(t, ti)
		ti = cached.(*typeInfo)
	}
	if e.types == nil {
		e.types = map[reflect.Type]*typeInfo{}
	}
	e.types[t] = ti
	return ti
}

// resolve follows pointers, interfaces and Valuers to the value written.
func (e *encoder) resolve(v reflect.Value) (reflect.Value, nodeKind) {
	for {
		if !v.IsValid() {
			return v, kindNull
		}
		// Only a type with methods can be a Valuer; asking reflect that is
		// much cheaper than a map lookup for every string and int.
		if t := v.Type(); t.NumMethod() > 0 && e.info(t).valuer && !(v.Kind() == reflect.Pointer && v.IsNil()) {
			v = reflect.ValueOf(v.Interface().(Valuer).YAMLValue())
			continue
		}
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return v, kindNull
			}
			v = v.Elem()
			continue
		case reflect.Struct:
			return v, kindMapping
		case reflect.Map:
			if v.IsNil() {
				return v, kindNull
			}
			return v, kindMapping
		case reflect.Slice:
			// Only a slice of structs can be ordered; that test spares
			// every []string a map lookup.
			if t := v.Type(); t.Elem().Kind() == reflect.Struct && e.info(t).ordered {
				return v, kindMapping
			}
			if v.IsNil() {
				return v, kindNull
			}
			return v, kindSequence
		case reflect.Array:
			return v, kindSequence
		}
		return v, kindScalar
	}
}

// entry is one key and value of a mapping.
type entry struct {
	key   string
	plain bool // key can be written without quotes
	val   reflect.Value
}

// entries lists the mapping v's entries in the encoder's scratch slice
// for the current depth: valid until the next mapping at this depth.
func (e *encoder) entries(v reflect.Value) []entry {
	for len(e.scratch) <= e.depth {
		e.scratch = append(e.scratch, nil)
	}
	out := e.scratch[e.depth][:0]
	defer func() { e.scratch[e.depth] = out[:0] }()
	switch v.Kind() {
	case reflect.Slice: // of KV or a struct type like it
		// By index, not v.Interface().(Map): that copies a Map reached
		// through a pointer, and other types are not a Map.
		for i := range v.Len() {
			kv := v.Index(i)
			k := kv.Field(0).String()
			out = append(out, entry{k, plainOK(k), kv.Field(1)})
		}
		return out
	case reflect.Map:
		kt := v.Type().Key()
		if kt.Kind() != reflect.String {
			e.fail(fmt.Errorf("yamlout: map key type %s is not a string", kt))
			return nil
		}
		// Keys are read through one settable Value: it.Key() would copy
		// each into an allocation of its own.
		key := e.mapKey(kt)
		var it reflect.MapIter
		for it.Reset(v); it.Next(); {
			key.SetIterKey(&it)
			k := key.String()
			out = append(out, entry{k, plainOK(k), it.Value()})
		}
		// Not sort.Slice, which allocates its swapper.
		slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
		return out
	case reflect.Struct:
		for _, f := range e.info(v.Type()).fields {
			fv := v.FieldByIndex(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			out = append(out, entry{f.name, f.plain, fv})
		}
		return out
	}
	return nil
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

// field is a struct field as encoding/json names it.
type field struct {
	name      string
	plain     bool
	index     []int
	omitEmpty bool
}

// fieldsOf lists a struct type's fields as encoding/json names them.
func fieldsOf(t reflect.Type) []field {
	var fs []field
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if sf.Anonymous && name == "" {
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					// Embedded structs are flattened, as encoding/json does
					// (without its rules for clashing names, which pipec's
					// types never need).
					walk(ft, idx)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			omit := false
			for o := range strings.SplitSeq(opts, ",") {
				omit = omit || o == "omitempty"
			}
			fs = append(fs, field{name: name, plain: plainOK(name), index: idx, omitEmpty: omit})
		}
	}
	walk(t, nil)
	return fs
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
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
	v, k := e.resolve(v)
	switch k {
	case kindMapping:
		if es := e.entries(v); len(es) > 0 {
			e.mapping(es, 0, false)
			return
		}
		e.out = append(e.out, "{}\n"...)
	case kindSequence:
		if v.Len() > 0 {
			e.sequence(v, 0, false)
			return
		}
		e.out = append(e.out, "[]\n"...)
	default:
		e.scalar(v, k, 0)
	}
}

// mapping writes entries at ind. When inline, the first key continues
// the line (after "- ").
func (e *encoder) mapping(es []entry, ind int, inline bool) {
	for i, en := range es {
		e.reserve(ind + len(en.key) + slack)
		if i > 0 || !inline {
			e.indent(ind)
		}
		start := len(e.out)
		if en.plain {
			e.out = append(e.out, en.key...)
		} else {
			e.out = appendDoubleQuoted(e.out, en.key)
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
		v, k := e.resolve(en.val)
		switch k {
		case kindMapping:
			e.depth++
			if sub := e.entries(v); len(sub) > 0 {
				e.out = append(e.out, '\n')
				e.mapping(sub, ind+2, false)
			} else {
				e.out = append(e.out, " {}\n"...)
			}
			e.depth--
		case kindSequence:
			if v.Len() > 0 {
				// Sequences sit flush with their key, as kubectl writes them.
				e.out = append(e.out, '\n')
				e.depth++
				e.sequence(v, ind, false)
				e.depth--
			} else {
				e.out = append(e.out, " []\n"...)
			}
		default:
			e.out = append(e.out, ' ')
			e.scalar(v, k, ind+2)
		}
	}
}

// sequence writes the items of v at ind.
func (e *encoder) sequence(v reflect.Value, ind int, inline bool) {
	for i := range v.Len() {
		e.reserve(ind + slack)
		if i > 0 || !inline {
			e.indent(ind)
		}
		e.out = append(e.out, "- "...)
		item, k := e.resolve(v.Index(i))
		switch k {
		case kindMapping:
			e.depth++
			if es := e.entries(item); len(es) > 0 {
				e.mapping(es, ind+2, true)
			} else {
				e.out = append(e.out, "{}\n"...)
			}
			e.depth--
		case kindSequence:
			if item.Len() > 0 {
				e.depth++
				e.sequence(item, ind+2, true)
				e.depth--
			} else {
				e.out = append(e.out, "[]\n"...)
			}
		default:
			e.scalar(item, k, ind+2)
		}
	}
}

var errNotFinite = errors.New("yamlout: NaN or infinite number")

// scalar writes a scalar and its line break; a literal block's lines are
// indented by ind.
func (e *encoder) scalar(v reflect.Value, k nodeKind, ind int) {
	if k == kindNull {
		e.out = append(e.out, "null\n"...)
		return
	}
	comment := e.comment(v)
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if literalOK(s) {
			e.reserve(len(s) + ind*(strings.Count(s, "\n")+1) + len(comment) + slack)
			e.out = appendLiteral(e.out, s, ind, comment)
			return
		}
		// Escapes can make a quoted string longer; they are rare enough
		// to leave to append.
		e.reserve(len(s) + len(comment) + slack)
		if plainOK(s) {
			e.out = append(e.out, s...)
		} else {
			e.out = appendDoubleQuoted(e.out, s)
		}
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

// comment returns the comment a Commenter scalar is written with.
func (e *encoder) comment(v reflect.Value) string {
	// As in resolve, only a type with methods can be a Commenter.
	if t := v.Type(); t.NumMethod() == 0 || !e.info(t).commenter {
		return ""
	}
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
