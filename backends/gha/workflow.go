package gha

// The structs below mirror the GitHub Actions workflow syntax
// (docs.github.com "Workflow syntax for GitHub Actions"). Field order is
// output order: yaml.go keeps it, so name, on, permissions and jobs come
// first as people expect to read them.

type workflow struct {
	Name        string       `json:"name"`
	On          on           `json:"on"`
	Permissions permissions  `json:"permissions"`
	Concurrency *concurrency `json:"concurrency,omitempty"`
	Jobs        jobs         `json:"jobs"`
}

type on struct {
	Push             *pushTrigger `json:"push,omitempty"`
	PullRequest      *prTrigger   `json:"pull_request,omitempty"`
	WorkflowDispatch *dispatch    `json:"workflow_dispatch,omitempty"`
}

type pushTrigger struct {
	Branches []string `json:"branches,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Paths    []string `json:"paths,omitempty"`
}

type prTrigger struct {
	Branches []string `json:"branches,omitempty"`
	Paths    []string `json:"paths,omitempty"`
}

type dispatch struct {
	Inputs ordered `json:"inputs,omitempty"`
}

type dispatchInput struct {
	Description string   `json:"description"`
	Required    bool     `json:"required"`
	Type        string   `json:"type"`
	Options     []string `json:"options,omitempty"`
}

// permissions maps a GITHUB_TOKEN scope to "read" or "write". An empty,
// non-nil map marshals as {} (no scopes), which is what we want at the top.
type permissions map[string]string

type concurrency struct {
	Group string `json:"group"`
	// CancelInProgress is a bool or an expression string.
	CancelInProgress any `json:"cancel-in-progress"`
}

// jobs keeps jobs in the order they were added (pipeline order).
type jobs []namedJob

type namedJob struct {
	ID  string
	Job *job
}

type job struct {
	Name           string       `json:"name,omitempty"`
	Needs          []string     `json:"needs,omitempty"`
	If             string       `json:"if,omitempty"`
	RunsOn         string       `json:"runs-on"`
	Environment    *environment `json:"environment,omitempty"`
	Permissions    permissions  `json:"permissions"`
	Concurrency    *concurrency `json:"concurrency,omitempty"`
	TimeoutMinutes int          `json:"timeout-minutes"`
	Strategy       *strategy    `json:"strategy,omitempty"`
	Container      *container   `json:"container,omitempty"`
	Services       ordered      `json:"services,omitempty"`
	Outputs        ordered      `json:"outputs,omitempty"`
	Defaults       *defaults    `json:"defaults,omitempty"`
	Env            ordered      `json:"env,omitempty"`
	Steps          []step       `json:"steps"`
	needsSet       map[string]bool
}

type environment struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type strategy struct {
	FailFast *bool   `json:"fail-fast,omitempty"`
	Matrix   ordered `json:"matrix"`
}

type container struct {
	Image string `json:"image"`
}

type service struct {
	Image string   `json:"image"`
	Env   ordered  `json:"env,omitempty"`
	Ports []string `json:"ports,omitempty"`
}

type defaults struct {
	Run runDefaults `json:"run"`
}

type runDefaults struct {
	WorkingDirectory string `json:"working-directory,omitempty"`
	Shell            string `json:"shell,omitempty"`
}

type step struct {
	ID               string  `json:"id,omitempty"`
	Name             string  `json:"name,omitempty"`
	If               string  `json:"if,omitempty"`
	Uses             pin     `json:"uses,omitempty"`
	With             ordered `json:"with,omitempty"`
	Env              ordered `json:"env,omitempty"`
	WorkingDirectory string  `json:"working-directory,omitempty"`
	Shell            string  `json:"shell,omitempty"`
	Run              string  `json:"run,omitempty"`
}

// need adds a job to j.Needs once, keeping first-added order.
func (j *job) need(ids ...string) {
	if j.needsSet == nil {
		j.needsSet = map[string]bool{}
		for _, n := range j.Needs {
			j.needsSet[n] = true
		}
	}
	for _, id := range ids {
		if !j.needsSet[id] {
			j.needsSet[id] = true
			j.Needs = append(j.Needs, id)
		}
	}
}
