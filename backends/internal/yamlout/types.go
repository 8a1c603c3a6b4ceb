package yamlout

import (
	"reflect"
	"slices"
	"strings"
	"sync"
)

var (
	valuerType    = reflect.TypeFor[Valuer]()
	commenterType = reflect.TypeFor[Commenter]()
	kvType        = reflect.TypeFor[KV]()
	stringType    = reflect.TypeFor[string]()
)

// typeInfo is what the encoder needs to know of a type, worked out once:
// reflect.Type.Implements and struct tag parsing are slow enough to show
// in profiles when asked for every value. A type's typeInfo links to those
// of its element and field types, so the encoder, walking a value, holds
// its static type's typeInfo without a lookup: one per value (a map
// access and reflect's NumMethod) was a tenth of the Tekton backend's
// emit time. Only what an interface or a Valuer holds is looked up by its
// dynamic type.
type typeInfo struct {
	kind      reflect.Kind
	valuer    bool
	commenter bool
	ordered   bool      // a slice written as a Map
	elem      *typeInfo // of a pointer, slice, array or map
	fields    []field   // of a struct
}

// field is a struct field as encoding/json names it.
type field struct {
	name      string
	plain     bool // name can be written without quotes
	omitEmpty bool
	index     []int
	info      *typeInfo
}

// value returns the field of v, a value of the struct type it was listed
// for. Field is cheaper than FieldByIndex, which only embedded fields
// need.
func (f *field) value(v reflect.Value) reflect.Value {
	if len(f.index) == 1 {
		return v.Field(f.index[0])
	}
	return v.FieldByIndex(f.index)
}

// typeCache maps a reflect.Type to its *typeInfo, complete ones only.
var typeCache sync.Map

// anyInfo is the typeInfo of a Map entry's value, an interface{}.
var anyInfo = infoOf(reflect.TypeFor[any]())

// info returns t's typeInfo from the encoder's own map, then the shared
// cache: a sync.Map lookup per value was an eighth of writing the GitOps
// tree.
func (e *encoder) info(t reflect.Type) *typeInfo {
	if ti, ok := e.types[t]; ok {
		return ti
	}
	ti := infoOf(t)
	if e.types == nil {
		e.types = map[reflect.Type]*typeInfo{}
	}
	e.types[t] = ti
	return ti
}

// infoOf returns t's typeInfo, building it and those of the types it
// reaches if they are not cached yet.
//
// Builders do not lock: each builds the types it finds uncached into a
// graph of its own (a recursive type's typeInfo points at itself, so only
// a whole graph is complete), then publishes it. Two goroutines building
// one type at once both succeed and one graph wins the cache; the other
// stays correct for whoever holds it. A lock made the backends, which run
// side by side, build their types one after the other: in a cold build,
// that is most of what they do at first.
func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	b := typeBuilder{built: map[reflect.Type]*typeInfo{}}
	ti := b.build(t)
	for t, ti := range b.built {
		typeCache.LoadOrStore(t, ti)
	}
	return ti
}

// Prepare builds the encoder's view of the types of vs and of every type
// they reach through fields, elements and pointers, so that encoding a
// value of them later finds it ready. A backend's Prepare calls it with
// its document types while the spec is still being parsed: working the
// views out is most of a cold backend's first encodes.
func Prepare(vs ...any) {
	for _, v := range vs {
		infoOf(reflect.TypeOf(v))
	}
}

// typeBuilder builds the typeInfos of a type and those it reaches.
type typeBuilder struct {
	built map[reflect.Type]*typeInfo // by this builder, not yet cached
}

func (b *typeBuilder) build(t reflect.Type) *typeInfo {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	if ti, ok := b.built[t]; ok {
		return ti
	}
	ti := &typeInfo{kind: t.Kind()}
	b.built[t] = ti
	if t.NumMethod() > 0 {
		// Implements is slow, and struct and slice types mostly have no
		// methods.
		ti.valuer = t.Implements(valuerType)
		ti.commenter = t.Implements(commenterType)
	}
	switch t.Kind() {
	case reflect.Struct:
		ti.fields = b.fieldsOf(t)
	case reflect.Slice:
		ti.ordered = t.Elem().ConvertibleTo(kvType)
		ti.elem = b.build(t.Elem())
	case reflect.Pointer, reflect.Array, reflect.Map:
		ti.elem = b.build(t.Elem())
	}
	return ti
}

// fieldsOf lists a struct type's fields as encoding/json names them.
func (b *typeBuilder) fieldsOf(t reflect.Type) []field {
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
			fs = append(fs, field{name: name, plain: plainOK(name), omitEmpty: omit, index: idx, info: b.build(sf.Type)})
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

// CachedStructTypes lists, sorted, the struct types whose views are
// built. With ForgetTypes it lets a backend's tests check that its
// Prepare covers every struct type its Emit writes.
func CachedStructTypes() []string {
	var out []string
	typeCache.Range(func(k, _ any) bool {
		if t := k.(reflect.Type); t.Kind() == reflect.Struct {
			out = append(out, t.String())
		}
		return true
	})
	slices.Sort(out)
	return out
}

// ForgetTypes empties the cache of type views and the encoders that hold
// their own copies. Only for tests: it must not run beside an encode.
func ForgetTypes() {
	typeCache.Clear()
	encoders = sync.Pool{New: newEncoder}
}
