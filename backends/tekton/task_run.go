package tekton

import (
	"path"
	"strconv"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// testTask runs a test's commands in its image with its services as
// sidecars. Matrix keys are plain string params; the Pipeline fans them
// out with Tekton's matrix.
func (e *emitter) testTask(t *ir.Test) *builtTask {
	bt := e.newTask("test-"+dnsLabel(t.Name), "Run test \""+t.Name+"\".")
	b := newBinder(e.p, t.Range, "test \""+t.Name+"\"", &e.diags)
	for _, ax := range t.Matrix {
		b.matrix[ax.Key] = true
		bt.obj.Spec.Params = append(bt.obj.Spec.Params, paramSpec{Name: ax.Key, Type: "string", Description: "matrix." + ax.Key})
		if refParamName(ax.Key) {
			addErr(&e.diags, t.Range, "matrix key clashes with a pipec param",
				"The matrix key "+ax.Key+" of test \""+t.Name+"\" has the name of a param pipec passes itself; rename the key.")
		}
	}
	bt.obj.Spec.Workspaces = sourceWorkspace()
	st := e.commandStep(b, t.Image, t.Run, t.Env, t.WorkingDir)
	bt.obj.Spec.Steps = []step{st}
	var rooted []string
	for _, s := range t.Services {
		bt.obj.Spec.Sidecars = append(bt.obj.Spec.Sidecars, e.serviceSidecar(b, s))
		if s.Root {
			rooted = append(rooted, s.Name)
		}
	}
	if len(rooted) > 0 {
		note := serviceExceptionNote(rooted)
		bt.header = append(bt.header, "SECURITY EXCEPTION: "+note)
		bt.obj.Metadata.Annotations = map[string]string{"pipec.dev/pss-exception": note}
	}
	bt.bind(b)
	return bt
}

// e2eTask runs an environment's end-to-end check against it.
func (e *emitter) e2eTask(env *ir.Environment, x *ir.E2E) *builtTask {
	bt := e.newTask("e2e-"+dnsLabel(env.Name)+"-"+dnsLabel(x.Name), "Run e2e \""+x.Name+"\" against environment \""+env.Name+"\".")
	b := newBinder(e.p, x.Range, "e2e \""+x.Name+"\" of environment \""+env.Name+"\"", &e.diags)
	bt.obj.Spec.Workspaces = sourceWorkspace()
	bt.obj.Spec.Steps = []step{e.commandStep(b, ir.Lit(x.Image), x.Run, x.Env, "")}
	bt.bind(b)
	return bt
}

func (e *emitter) commandStep(b *binder, image ir.Value, run []ir.Value, env []ir.EnvVar, workingDir string) step {
	vars := b.env(env)
	if !hasEnv(vars, "HOME") {
		// uid 65532 has no home in most images; npm, pip and go need one.
		vars = append([]kube.EnvVar{homeEnv()}, vars...)
	}
	script := b.script(run, &vars)
	dir := srcDir
	if workingDir != "" && workingDir != "." {
		dir = srcDir + "/" + path.Clean(workingDir)
	}
	img := b.value(image)
	if img == "" {
		addErr(b.diags, b.rng, "missing image", b.what+" has no image; set image = \"…\".")
	}
	return step{Name: "run", Image: img, WorkingDir: dir, Env: vars, SecurityContext: restricted(), Script: script}
}

func (e *emitter) serviceSidecar(b *binder, s *ir.Service) sidecar {
	sc := sidecar{Name: dnsLabel(s.Name), Image: s.Image, Env: b.env(s.Env), SecurityContext: restricted()}
	if s.Root {
		sc.SecurityContext = serviceException()
	}
	for _, p := range s.Ports {
		sc.Ports = append(sc.Ports, containerPort{ContainerPort: p})
	}
	if len(s.Ports) > 0 {
		// Tekton starts the steps once every sidecar is ready; the probe
		// makes "ready" mean the service accepts connections.
		sc.ReadinessProbe = &probe{TCPSocket: &tcpSocket{Port: s.Ports[0]}, PeriodSeconds: 2}
	}
	if s.Image == "" {
		addErr(b.diags, s.Range, "missing service image", "service \""+s.Name+"\" has no image; set image = \"…\".")
	}
	return sc
}

// serviceAliases map every service name of t to 127.0.0.1 in the test
// pod's /etc/hosts. A sidecar shares the pod's network, so it listens on
// localhost; GitHub Actions reaches a service container by its name
// (postgres:5432). With the alias the name works on both. nil when t has
// no services.
func (e *emitter) serviceAliases(t *ir.Test) []hostAlias {
	var names []string
	for _, s := range t.Services {
		if s == nil {
			continue
		}
		n := dnsLabel(s.Name)
		if n == "" {
			continue
		}
		if n != s.Name {
			addWarn(&e.diags, s.Range, "service name changed for Tekton",
				"service \""+s.Name+"\" of test \""+t.Name+"\" is not a valid host name; on Tekton it is reachable as "+n+" (and localhost). Name it with lower-case letters, digits and '-' to use the same name everywhere.")
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil
	}
	return []hostAlias{{IP: "127.0.0.1", Hostnames: names}}
}

func hasEnv(vars []kube.EnvVar, name string) bool {
	for _, v := range vars {
		if v.Name == name {
			return true
		}
	}
	return false
}

// refParamName reports whether name is one of the params pipec binds.
func refParamName(name string) bool {
	switch name {
	case "git-sha", "git-short-sha", "git-branch", "git-tag", "git-ref", "git-actor", "run-id", "run-number":
		return true
	}
	return false
}

// matrixCombinations is the number of runs a matrix fans out to.
func matrixCombinations(t *ir.Test) int {
	n := 1
	for _, ax := range t.Matrix {
		n *= len(ax.Values)
	}
	return n
}

// maxMatrixCombinations is Tekton's default-max-matrix-combinations-count.
const maxMatrixCombinations = 256

func (e *emitter) checkMatrix(t *ir.Test) {
	if n := matrixCombinations(t); n > maxMatrixCombinations {
		addErr(&e.diags, t.Range, "matrix too large for Tekton",
			"test \""+t.Name+"\" fans out to "+strconv.Itoa(n)+" runs; Tekton's default limit (default-max-matrix-combinations-count) is 256. Remove values or raise that setting in config-defaults.")
	}
	for _, ax := range t.Matrix {
		if len(ax.Values) == 0 {
			addErr(&e.diags, t.Range, "empty matrix axis", "matrix key "+ax.Key+" of test \""+t.Name+"\" has no values; give it at least one.")
		}
		for _, v := range ax.Values {
			if tektonVariable(v) {
				addErr(&e.diags, t.Range, "Tekton variable in a matrix value",
					"matrix key "+ax.Key+" of test \""+t.Name+"\" has a value of the form $(params.…), which Tekton would substitute. Remove it.")
			}
		}
	}
}
