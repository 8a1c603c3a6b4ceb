package ir

// Image returns the image named name, or nil.
func (p *Program) Image(name string) *Image {
	for _, x := range p.Images {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// Secret returns the secret named name, or nil.
func (p *Program) Secret(name string) *Secret {
	for _, x := range p.Secrets {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// Analysis returns the analysis named name, or nil.
func (p *Program) Analysis(name string) *Analysis {
	for _, x := range p.Analyses {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// Environment returns the environment named name, or nil.
func (p *Program) Environment(name string) *Environment {
	for _, x := range p.Environments {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// Test returns the test named name, or nil.
func (p *Program) Test(name string) *Test {
	for _, x := range p.Tests {
		if x != nil && x.Name == name {
			return x
		}
	}
	return nil
}

// HasCI reports whether the pipeline asks for the CI backend name.
func (p *Program) HasCI(name string) bool {
	if p.Pipeline == nil {
		return false
	}
	for _, c := range p.Pipeline.CI {
		if c == name {
			return true
		}
	}
	return false
}

// WorkloadsOf returns the workloads that run image name.
func (p *Program) WorkloadsOf(image string) []*Workload {
	var out []*Workload
	for _, w := range p.Workloads {
		if w != nil && w.Image == image {
			out = append(out, w)
		}
	}
	return out
}

// DeployedImages returns the images some workload runs, in image order.
func (p *Program) DeployedImages() []*Image {
	run := make(map[string]bool, len(p.Workloads))
	for _, w := range p.Workloads {
		if w != nil {
			run[w.Image] = true
		}
	}
	var out []*Image
	for _, im := range p.Images {
		if im != nil && run[im.Name] {
			out = append(out, im)
		}
	}
	return out
}
