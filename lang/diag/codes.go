package diag

// Every code, with what triggers it. docs/diagnostics.md is generated from
// All. Only ever append.
const (
	Syntax               Code = "PC0001" // the file is not valid HCL or JSON
	UnsupportedAttribute Code = "PC0002" // an attribute the block does not have
	UnsupportedBlock     Code = "PC0003" // a block type not allowed here
	MissingAttribute     Code = "PC0004" // a required attribute is missing
	DuplicateAttribute   Code = "PC0005" // an attribute set twice
	MissingLabel         Code = "PC0006" // a block without its name label
	ExtraLabel           Code = "PC0007" // a block with too many labels
	WrongType            Code = "PC0008" // a value of the wrong type
	InvalidValue         Code = "PC0009" // a value outside the allowed set or range
	DuplicateName        Code = "PC0010" // two blocks of one type with one name
	BlockCount           Code = "PC0011" // a block missing or repeated beyond its limit
	UndefinedReference   Code = "PC0012" // a reference to a block, variable or local that does not exist
	UnsupportedReference Code = "PC0013" // an attribute of a reference that does not exist
	Cycle                Code = "PC0014" // a cycle in needs, after or locals
	RuntimeNotAllowed    Code = "PC0015" // a runtime value where a compile-time one is required
	SecretInRun          Code = "PC0016" // a secret inside a run string or other plain string
	StepActions          Code = "PC0017" // a canary step with zero or two actions
	WeightOrder          Code = "PC0018" // canary weights that go down or exceed 100
	InvalidDuration      Code = "PC0019" // a malformed duration
	InvalidImageRef      Code = "PC0020" // an invalid container image reference
	InvalidName          Code = "PC0021" // a name that is not a valid DNS label
	InvalidFunctionCall  Code = "PC0022" // a function called with wrong arguments
	InvalidExpression    Code = "PC0023" // an expression that cannot be evaluated
	VariableValue        Code = "PC0024" // a -var, -var-file or PIPEC_VAR_ value problem
	VariableValidation   Code = "PC0025" // a variable validation rule failed
	ConflictingBlocks    Code = "PC0026" // blocks that exclude each other, e.g. canary and blue_green
	MissingBlock         Code = "PC0027" // a block another block needs, e.g. gitops for environments
	UnusedSecret         Code = "PC0028" // warning: a secret nothing uses
	UnusedAnalysis       Code = "PC0029" // warning: an analysis no rollout uses
	UnusedImage          Code = "PC0030" // warning: an image no workload runs
	UnreachableEnv       Code = "PC0031" // warning: an environment no pushed branch deploys
	UnusedVariable       Code = "PC0032" // warning: a variable nothing reads
	NoFiles              Code = "PC0033" // no spec files at the path
	ProviderCount        Code = "PC0034" // a metric with zero or two providers
	UnboundedMetric      Code = "PC0035" // note: a metric given a finite count for a step
	InvalidGlob          Code = "PC0036" // a malformed branch, tag or path glob
	SelfReference        Code = "PC0037" // a block that depends on itself
	RuntimeFunction      Code = "PC0038" // a runtime value passed to a function or operator
	NoWorkload           Code = "PC0039" // warning: environments but nothing to deploy
	Target               Code = "PC0040" // a backend cannot express the spec as written
	NoTrigger            Code = "PC0041" // reserved
	AfterBranches        Code = "PC0042" // an environment and its after predecessor deploy from disjoint branches
	NoTrafficRouting     Code = "PC0043" // warning: canary_scale without an Ingress to route through
)

// Info describes a code for the generated docs.
type Info struct {
	Code    Code
	Name    string
	Summary string
}

// All lists every code in order, for docs/diagnostics.md.
var All = []Info{
	{Syntax, "Syntax", "The file is not valid HCL native syntax or HCL JSON."},
	{UnsupportedAttribute, "UnsupportedAttribute", "An attribute the block does not have; the detail suggests the closest name."},
	{UnsupportedBlock, "UnsupportedBlock", "A block type not allowed here; the detail suggests the closest type."},
	{MissingAttribute, "MissingAttribute", "A required attribute is missing."},
	{DuplicateAttribute, "DuplicateAttribute", "An attribute is set twice in one block."},
	{MissingLabel, "MissingLabel", "A block is missing its name label."},
	{ExtraLabel, "ExtraLabel", "A block has more labels than it takes."},
	{WrongType, "WrongType", "A value has the wrong type, e.g. a string where a number is required."},
	{InvalidValue, "InvalidValue", "A value is outside the allowed set or range."},
	{DuplicateName, "DuplicateName", "Two blocks of one type share a name."},
	{BlockCount, "BlockCount", "A block is missing or repeated beyond its limit (e.g. two pipeline blocks)."},
	{UndefinedReference, "UndefinedReference", "A reference to a block, variable or local that does not exist."},
	{UnsupportedReference, "UnsupportedReference", "A reference to an attribute that does not exist."},
	{Cycle, "Cycle", "A cycle in needs, after or locals; the detail names the cycle."},
	{RuntimeNotAllowed, "RuntimeNotAllowed", "A runtime value (git.*, run.*, matrix.*, image.X.digest, secret.X) where a compile-time value is required."},
	{SecretInRun, "SecretInRun", "A secret inside a run string or another plain string; secrets may only be env values or secret-typed attributes."},
	{StepActions, "StepActions", "A canary step that sets zero or more than one of weight, pause, analysis, canary_scale."},
	{WeightOrder, "WeightOrder", "Canary weights that go down or exceed 100."},
	{InvalidDuration, "InvalidDuration", "A malformed duration; durations look like \"30s\", \"5m\", \"1h30m\"."},
	{InvalidImageRef, "InvalidImageRef", "An invalid container image reference."},
	{InvalidName, "InvalidName", "A block name that is not a valid lower-case DNS label."},
	{InvalidFunctionCall, "InvalidFunctionCall", "A function call with wrong arguments or an unknown function."},
	{InvalidExpression, "InvalidExpression", "An expression that cannot be evaluated."},
	{VariableValue, "VariableValue", "A problem with a value from -var, -var-file or PIPEC_VAR_name."},
	{VariableValidation, "VariableValidation", "A variable's validation condition is false."},
	{ConflictingBlocks, "ConflictingBlocks", "Blocks that exclude each other, e.g. canary and blue_green in one environment."},
	{MissingBlock, "MissingBlock", "A block that another needs, e.g. gitops when environments exist."},
	{UnusedSecret, "UnusedSecret", "Warning: a secret nothing uses."},
	{UnusedAnalysis, "UnusedAnalysis", "Warning: an analysis no rollout uses."},
	{UnusedImage, "UnusedImage", "Warning: an image no workload runs."},
	{UnreachableEnv, "UnreachableEnv", "Warning: an environment whose branches no push trigger matches."},
	{UnusedVariable, "UnusedVariable", "Warning: a variable nothing reads."},
	{NoFiles, "NoFiles", "No pipec.hcl, *.pipec.hcl or *.pipec.json at the path."},
	{ProviderCount, "ProviderCount", "A metric with zero or more than one provider block."},
	{UnboundedMetric, "UnboundedMetric", "Reserved."},
	{InvalidGlob, "InvalidGlob", "A malformed branch, tag or path glob."},
	{SelfReference, "SelfReference", "A block that refers to itself."},
	{RuntimeFunction, "RuntimeFunction", "A runtime value passed to a function, operator or condition; runtime values can only stand alone or be interpolated."},
	{NoWorkload, "NoWorkload", "Warning: environments exist but no workload is deployed."},
	{Target, "Target", "A backend (GitHub Actions, Tekton, Argo) cannot express the spec as written; the detail says what the target needs."},
	{NoTrigger, "NoTrigger", "Reserved."},
	{AfterBranches, "AfterBranches", "An environment and the environment it is promoted from (after) deploy from branches no push has in common, so promotion would skip the predecessor."},
	{NoTrafficRouting, "NoTrafficRouting", "Warning: a canary_scale step without an Ingress to route traffic through; the step holds the current weight."},
}
