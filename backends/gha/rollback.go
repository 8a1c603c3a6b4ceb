package gha

import (
	"strings"
	"time"
)

// rollbackWorkflow builds .github/workflows/<pipeline>-rollback.yml: a
// manual run that pins an environment's overlay back to a digest that was
// deployed before, through the same GitHub environment (and so the same
// approval) and the same concurrency group as the deploy jobs.
func (g *gen) rollbackWorkflow() *workflow {
	p := g.p
	envs := envNames(p.Environments)
	images := g.deployedImages()
	inputs := ordered{}
	inputs.set("environment", dispatchInput{Description: "Environment to roll back", Required: true, Type: "choice", Options: envs})
	inputs.set("digest", dispatchInput{Description: "Image digest to run again (sha256:...), e.g. from an earlier deploy's log", Required: true, Type: "string"})
	imageExpr := ""
	var names, pairs []string
	for _, im := range images {
		names = append(names, im.Name)
		pairs = append(pairs, im.Name+"="+im.Repository)
	}
	switch {
	case len(images) > 1:
		inputs.set("image", dispatchInput{Description: "Image whose digest is rolled back", Required: true, Type: "choice", Options: names})
		imageExpr = "${{ inputs.image }}"
	case len(images) == 1:
		imageExpr = images[0].Name
	}
	var budget time.Duration
	for _, e := range p.Environments {
		budget = max(budget, g.waitBudget(e))
	}
	j := &job{
		Name:           "roll back ${{ inputs.environment }}",
		RunsOn:         runner,
		Environment:    &environment{Name: "${{ inputs.environment }}"},
		Permissions:    permissions{},
		Concurrency:    &concurrency{Group: "deploy-${{ inputs.environment }}", CancelInProgress: false},
		TimeoutMinutes: min(int(budget/time.Minute)+20, maxJobMinutes),
	}
	g.gitopsPermissions(j.Permissions)
	validate := step{
		ID:   "validate",
		Name: "Validate inputs",
		Env: ordered{
			{"ENVIRONMENT", "${{ inputs.environment }}"},
			{"DIGEST", "${{ inputs.digest }}"},
			{"IMAGE", imageExpr},
			{"ENVIRONMENTS", strings.Join(envs, " ")},
			{"REPOSITORIES", strings.Join(pairs, " ")},
		},
		Run: rollbackValidateScript,
	}
	steps := []step{validate}
	if manual := g.manualEnvs(); len(manual) > 0 {
		j.Permissions["actions"] = "read"
		rs := reviewersStep("${{ inputs.environment }}")
		rs.If = manualCond(manual)
		steps = append(steps, rs)
	}
	steps = append(steps, g.gitopsCheckout())
	steps = append(steps, kustomizeSteps()...)
	steps = append(steps,
		step{
			Name:             "Pin the digest",
			WorkingDirectory: "gitops",
			Env: ordered{
				{"GITOPS_PATH", p.GitOps.Path},
				{"ENVIRONMENT", "${{ inputs.environment }}"},
				{"REPOSITORY", "${{ steps.validate.outputs.repository }}"},
				{"DIGEST", "${{ inputs.digest }}"},
			},
			Run: "set -euo pipefail\ncd \"${GITOPS_PATH}/overlays/${ENVIRONMENT}\"\n" + setImageFunc + "set_image \"${REPOSITORY}\" \"${DIGEST}\"\n",
		},
		g.commitStep("roll back "+p.Pipeline.Name+" in ${{ inputs.environment }} to ${{ inputs.digest }}"),
	)
	if s := g.rollbackSyncStep(); s != nil {
		steps = append(steps, *s)
	}
	steps = append(steps,
		g.waitStep("Wait until the environment runs it, healthy", p.Pipeline.Name+"-${{ inputs.environment }}", "${{ steps.validate.outputs.image-ref }}", "", budget),
	)
	j.Steps = steps
	return &workflow{
		Name:        p.Pipeline.Name + " rollback",
		On:          on{WorkflowDispatch: &dispatch{Inputs: inputs}},
		Permissions: permissions{},
		Jobs:        jobs{{"rollback", j}},
	}
}

// manualCond is true when the chosen environment has approval = "manual".
func manualCond(envs []string) string {
	var c []string
	for _, e := range envs {
		c = append(c, "inputs.environment == "+quoteExpr(e))
	}
	return strings.Join(c, " || ")
}

func (g *gen) rollbackHeader() []string {
	out := []string{
		"Roll an environment back to an image digest it ran before:",
		"  gh workflow run " + g.p.Pipeline.Name + "-rollback.yml -f environment=ENV -f digest=sha256:...",
		"The run uses the environment's GitHub environment (so manual approval applies),",
		"its deploy concurrency group, and waits until Argo CD reports it healthy.",
		"Repository settings this workflow needs:",
	}
	out = append(out, g.secretLines(g.deploySecrets())...)
	out = append(out, g.environmentLines()...)
	return out
}
