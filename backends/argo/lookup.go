package argo

import "github.com/pipec-dev/pipec/compiler/ir"

// Lookups that skip nil entries; the ir.Program helpers assume none, and
// the backend must not panic on any IR.

func (e *emitter) image(name string) *ir.Image {
	for _, x := range e.p.Images {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

func (e *emitter) secret(name string) *ir.Secret {
	for _, x := range e.p.Secrets {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

func (e *emitter) analysis(name string) *ir.Analysis {
	for _, x := range e.p.Analyses {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// deployedImages returns the images some workload runs, in image order:
// each gets an images entry in every overlay.
func (e *emitter) deployedImages() []*ir.Image {
	var out []*ir.Image
	for _, im := range e.p.Images {
		if im == nil {
			continue
		}
		for _, w := range e.workloads {
			if w.Image == im.Name {
				out = append(out, im)
				break
			}
		}
	}
	return out
}
