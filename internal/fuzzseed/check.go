package fuzzseed

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/hcl/v2"
)

// CheckDiags reports how diags break the diagnostic contract for a
// single-file input called name with content data: with errors, at least
// one error points into the file at a real line, and every error has a
// summary, a detail and (when it has a subject) a range inside the file.
// Warnings are not checked: they are advice, and an unranged one cannot
// stop a build.
func CheckDiags(diags hcl.Diagnostics, name string, data []byte) error {
	var errs []error
	ranged := false
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Summary == "" {
			errs = append(errs, fmt.Errorf("error with no summary: %s", describe(d)))
		}
		if d.Detail == "" {
			errs = append(errs, fmt.Errorf("error with no detail: %s", describe(d)))
		}
		if d.Subject == nil {
			continue
		}
		if err := CheckRange(*d.Subject, name, len(data)); err != nil {
			errs = append(errs, fmt.Errorf("%v: %s", err, describe(d)))
			continue
		}
		if d.Subject.Start.Line >= 1 {
			ranged = true
		}
	}
	if diags.HasErrors() && !ranged {
		errs = append(errs, fmt.Errorf("no error diagnostic has a range in %s: %s", name, diags.Error()))
	}
	return errors.Join(errs...)
}

// CheckRange reports a range that is not inside the file name of size
// bytes.
func CheckRange(r hcl.Range, name string, size int) error {
	if r.Filename != name {
		return fmt.Errorf("range %s names %q, not the input %q", r, r.Filename, name)
	}
	if r.Start.Byte < 0 || r.Start.Byte > r.End.Byte || r.End.Byte > size {
		return fmt.Errorf("range %s (bytes %d-%d) is outside the %d-byte input", r, r.Start.Byte, r.End.Byte, size)
	}
	if r.Start.Line < 0 || r.End.Line < r.Start.Line {
		return fmt.Errorf("range %s has inverted lines", r)
	}
	return nil
}

// CheckNodeRanges walks v (typically an *ir.Program) and checks every
// hcl.Range it holds with CheckRange. A zero range means "no source" and
// is skipped; a range that is set must point into the input, since the
// backends use them for their diagnostics.
func CheckNodeRanges(v any, name string, size int) error {
	var errs []error
	seen := map[uintptr]bool{}
	rangeType := reflect.TypeFor[hcl.Range]()
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(path, v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			if v.Type() == rangeType {
				r := v.Interface().(hcl.Range)
				if r != (hcl.Range{}) {
					if err := CheckRange(r, name, size); err != nil {
						errs = append(errs, fmt.Errorf("%s: %v", path, err))
					}
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				walk(fmt.Sprintf("%s[%v]", path, iter.Key()), iter.Value())
			}
		}
	}
	walk(reflect.TypeOf(v).String(), reflect.ValueOf(v))
	return errors.Join(errs...)
}

func describe(d *hcl.Diagnostic) string {
	s := fmt.Sprintf("%q / %q", d.Summary, d.Detail)
	if d.Subject != nil {
		s = d.Subject.String() + ": " + s
	}
	return s
}
