package tekton

import "github.com/pipec-dev/pipec/compiler/ir"

// scope says where each runtime value lives inside one Pipeline.
type scope struct {
	// digest maps an image name to the expression of its digest; nil
	// where no image is pushed yet (tests, builds, pull requests).
	digest map[string]string
}

func (s scope) source(r ir.Ref) (string, bool) {
	switch r.Kind {
	case ir.GitSHA:
		return "$(tasks.clone.results.CHAINS-GIT_COMMIT)", true
	case ir.GitShortSHA:
		return "$(tasks.clone.results.short-sha)", true
	case ir.GitBranch:
		return "$(tasks.clone.results.branch)", true
	case ir.GitTag:
		return "$(tasks.clone.results.tag)", true
	case ir.GitRef:
		return "$(params.git-ref)", true
	case ir.GitActor:
		return "$(params.actor)", true
	case ir.RunID:
		return "$(context.pipelineRun.uid)", true
	case ir.RunNumber:
		return "$(context.pipelineRun.name)", true
	case ir.ImageDigest, ir.ImageRef:
		d, ok := s.digest[r.Name]
		return d, ok
	}
	return "", false
}

// pushedScope is the scope after every image's push Task.
func pushedScope(p *ir.Program) scope {
	s := scope{digest: map[string]string{}}
	for _, im := range p.Images {
		s.digest[im.Name] = "$(tasks.push-" + dnsLabel(im.Name) + ".results.IMAGE_DIGEST)"
	}
	return s
}

// promoteScope takes digests from the promotion Pipeline's params.
func promoteScope(p *ir.Program) scope {
	s := scope{digest: map[string]string{}}
	for _, im := range p.DeployedImages() {
		s.digest[im.Name] = "$(params." + digestParam(im) + ")"
	}
	return s
}

func digestParam(im *ir.Image) string { return dnsLabel(im.Name) + "-digest" }
