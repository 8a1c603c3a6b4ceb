package gha

import (
	"path"
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// An image goes through three jobs so that nothing unscanned gets a tag or
// a deploy:
//
//	build-X   builds; on push events pushes by digest only (no tag)
//	scan-X    trivy scans that pushed digest; a finding fails the job
//	publish-X adds the tags to the scanned digest (and signs it)
//
// Deploys need publish-X, so an image that failed its scan never deploys.
// Pull requests run build-X without pushing; scan and publish are skipped.

// registryOf is the registry host: the repository's first path element
// when it looks like a host, otherwise "" (Docker Hub).
func registryOf(repo string) string {
	first, _, ok := strings.Cut(repo, "/")
	if ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return first
	}
	return ""
}

// packagesScope is the GITHUB_TOKEN scope a job needs to reach the image:
// only GHCR authorises with it.
func packagesScope(perm permissions, repo, level string) {
	if registryOf(repo) == "ghcr.io" {
		perm["packages"] = level
	}
}

func (g *gen) imageRepo(name string) string {
	if im := g.p.Image(name); im != nil {
		return im.Repository
	}
	return name
}

// buildTimeout is the default for build jobs: image builds (several
// platforms, cold caches) outlast tests.
const buildTimeout = 60

func (g *gen) loginStep(im *ir.Image, s *scope, cond string) (step, bool) {
	if im.Login == nil {
		// ghcr.io accepts the job's own GITHUB_TOKEN (the job gets
		// packages: write), so an image there needs no login block.
		if registryOf(im.Repository) != "ghcr.io" {
			return step{}, false
		}
		with := ordered{}
		with.set("registry", "ghcr.io")
		with.set("username", "${{ github.actor }}")
		with.set("password", "${{ secrets.GITHUB_TOKEN }}")
		return step{Name: "Log in to ghcr.io", If: cond, Uses: actLogin.Uses(), With: with}, true
	}
	if im.Login.Password == nil {
		g.errorf(im.Login.Range, "Registry login without a password secret",
			"Set login { password = secret.NAME } so the GitHub secret reaches docker/login-action.")
		return step{}, false
	}
	with := ordered{}
	if r := registryOf(im.Repository); r != "" {
		with.set("registry", r)
	}
	with.set("username", g.inline(im.Login.Username, s, im.Login.Range))
	with.set("password", "${{ secrets."+im.Login.Password.GitHub+" }}")
	return step{Name: "Log in to " + nonEmpty(registryOf(im.Repository), "Docker Hub"), If: cond, Uses: actLogin.Uses(), With: with}, true
}

func (g *gen) buildJob(im *ir.Image) *job {
	j := &job{
		Name:           "build " + im.Name,
		RunsOn:         runner,
		Permissions:    permissions{"contents": "read"},
		TimeoutMinutes: g.defaultTimeout(buildTimeout),
	}
	for _, n := range im.Needs {
		j.need(testID(n))
	}
	packagesScope(j.Permissions, im.Repository, "write")
	s := &scope{job: j, what: "image build"}
	steps := []step{{Name: "Set up Buildx", Uses: actSetupBuildx.Uses()}}
	if l, ok := g.loginStep(im, s, publishIf(g.p)); ok {
		steps = append(steps, l)
	}
	with := ordered{}
	with.set("context", im.Context)
	with.set("file", path.Join(im.Context, im.Dockerfile))
	if len(im.BuildArgs) > 0 {
		var lines []string
		for _, a := range im.BuildArgs {
			v := g.inline(a.Value, s, a.Range)
			if strings.ContainsAny(v, "\r\n") || strings.TrimSpace(v) != v {
				// docker/build-push-action reads build-args one per line and
				// trims each line.
				g.errorf(a.Range, "Build argument GitHub cannot pass",
					"Build argument %s has a line break or leading or trailing white space; docker/build-push-action takes one argument per line and trims it, so the value would change. Remove them, or pass the value through a file in the build context.", a.Name)
			}
			lines = append(lines, a.Name+"="+v)
		}
		with.set("build-args", strings.Join(lines, "\n")+"\n")
	}
	if len(im.Platforms) > 0 {
		with.set("platforms", strings.Join(im.Platforms, ","))
	}
	if im.Cache {
		with.set("cache-from", "type=gha,scope="+im.Name)
		with.set("cache-to", "type=gha,mode=max,scope="+im.Name)
	}
	with.set("outputs", "type=image,name="+im.Repository+",push-by-digest=true,name-canonical=true,push=${{ "+publishIf(g.p)+" }}")
	with.set("labels", "org.opencontainers.image.source="+sourceURL(g.p)+"\norg.opencontainers.image.revision=${{ github.sha }}\n")
	if im.Provenance {
		with.set("provenance", "mode=max")
	} else {
		with.set("provenance", false)
	}
	with.set("sbom", im.SBOM)
	steps = append(steps, step{ID: "build", Name: "Build; push by digest unless a pull request", Uses: actBuildPush.Uses(), With: with})
	j.Steps = append([]step{checkout()}, g.withGitStep(s, steps)...)
	j.Outputs = ordered{{"digest", "${{ steps.build.outputs.digest }}"}}
	return j
}

// sourceURL is the source repository's web address for OCI labels.
func sourceURL(p *ir.Program) string {
	r := p.Pipeline.Repository
	if strings.Contains(r, "://") {
		return r
	}
	return "https://" + r
}

func (g *gen) scanJob(im *ir.Image) *job {
	sc := im.Scan
	if sc.Scanner != "" && sc.Scanner != "trivy" {
		g.errorf(sc.Range, "Unsupported scanner",
			"The GitHub Actions backend scans with trivy; set scanner = \"trivy\" or enabled = false.")
	}
	j := &job{
		Name:           "scan " + im.Name,
		Needs:          []string{buildID(im.Name)},
		If:             publishIf(g.p),
		RunsOn:         runner,
		Permissions:    permissions{},
		TimeoutMinutes: g.defaultTimeout(defaultTimeout),
	}
	packagesScope(j.Permissions, im.Repository, "read")
	s := &scope{job: j, what: "scan"}
	var steps []step
	if l, ok := g.loginStep(im, s, ""); ok {
		steps = append(steps, l)
	}
	sev := sc.Severity
	if len(sev) == 0 {
		sev = []string{"CRITICAL", "HIGH"}
	}
	with := ordered{}
	with.set("image-ref", im.Repository+"@${{ needs."+buildID(im.Name)+".outputs.digest }}")
	with.set("severity", strings.Join(sev, ","))
	with.set("ignore-unfixed", sc.IgnoreUnfixed)
	with.set("exit-code", "1")
	with.set("format", "table")
	with.set("version", trivyVersion)
	// The DB cache is restored from a key any branch can write; a gate
	// should not trust it (cache poisoning), so the scan downloads fresh.
	with.set("cache", false)
	steps = append(steps, step{Name: "Scan with trivy (" + strings.Join(sev, ", ") + " fail)", Uses: actTrivy.Uses(), With: with})
	j.Steps = g.withGitStep(s, steps)
	return j
}

func (g *gen) publishJob(im *ir.Image) *job {
	j := &job{
		Name:           "publish " + im.Name,
		Needs:          []string{buildID(im.Name)},
		If:             publishIf(g.p),
		RunsOn:         runner,
		Permissions:    permissions{},
		TimeoutMinutes: g.defaultTimeout(defaultTimeout),
	}
	if im.Scan.Enabled {
		j.need(scanID(im.Name))
	}
	packagesScope(j.Permissions, im.Repository, "write")
	if im.Sign {
		// Keyless signing exchanges the job's OIDC token for a certificate.
		j.Permissions["id-token"] = "write"
	}
	s := &scope{job: j, what: "image tag"}
	steps := []step{{Name: "Set up Buildx", Uses: actSetupBuildx.Uses()}}
	if l, ok := g.loginStep(im, s, ""); ok {
		steps = append(steps, l)
	}
	digest := "${{ needs." + buildID(im.Name) + ".outputs.digest }}"
	env := ordered{{"IMAGE", im.Repository}, {"DIGEST", digest}, {"REF_TYPE", "${{ github.ref_type }}"}}
	var script strings.Builder
	script.WriteString(tagScriptHead)
	for i, t := range im.Tags {
		name := "TAG_" + strconv.Itoa(i+1)
		env.set(name, g.inline(t.Value, s, t.Range))
		if t.OnTagOnly {
			script.WriteString("if [ \"${REF_TYPE}\" = tag ]; then add_tag \"${" + name + "}\"; fi\n")
		} else {
			script.WriteString("add_tag \"${" + name + "}\"\n")
		}
	}
	script.WriteString(tagScriptTail)
	steps = append(steps, step{Name: tagStepName(im), Env: env, Run: script.String()})
	if im.Sign {
		steps = append(steps,
			step{Name: "Install cosign", Uses: actCosign.Uses(), With: ordered{{"cosign-release", cosignVersion}}},
			step{Name: "Sign the digest (keyless)", Env: ordered{{"IMAGE", im.Repository}, {"DIGEST", digest}},
				Run: "cosign sign --yes \"${IMAGE}@${DIGEST}\"\n"})
	}
	j.Steps = g.withGitStep(s, steps)
	j.Outputs = ordered{{"digest", digest}}
	return j
}

// defaultTimeout is the pipeline's timeout, or def.
func (g *gen) defaultTimeout(def int) int {
	if m := g.p.Pipeline.Timeout.Minutes(); m > 0 {
		return min(m, maxJobMinutes)
	}
	return def
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func tagStepName(im *ir.Image) string {
	if im.Scan.Enabled {
		return "Tag the scanned digest"
	}
	return "Tag the digest"
}
