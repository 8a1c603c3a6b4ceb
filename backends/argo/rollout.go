package argo

import "github.com/pipec-dev/pipec/backends/internal/kube"

// The Argo Rollouts objects pipec writes, mirroring
// github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1.

const rolloutsAPIVersion = "argoproj.io/v1alpha1"

type rollout = kube.Object[rolloutSpec]

type rolloutSpec struct {
	Replicas int             `json:"replicas"`
	Selector labelSelector   `json:"selector"`
	Template podTemplateSpec `json:"template"`
	Strategy rolloutStrategy `json:"strategy"`
}

type rolloutStrategy struct {
	Canary    *canaryStrategy    `json:"canary,omitempty"`
	BlueGreen *blueGreenStrategy `json:"blueGreen,omitempty"`
}

type canaryStrategy struct {
	CanaryService  string                     `json:"canaryService,omitempty"`
	StableService  string                     `json:"stableService,omitempty"`
	TrafficRouting *trafficRouting            `json:"trafficRouting,omitempty"`
	Steps          []canaryStep               `json:"steps,omitempty"`
	Analysis       *rolloutAnalysisBackground `json:"analysis,omitempty"`
	MaxSurge       *intOrString               `json:"maxSurge,omitempty"`
	MaxUnavailable *intOrString               `json:"maxUnavailable,omitempty"`
}

// trafficRouting sets exactly one router.
type trafficRouting struct {
	Nginx *nginxTrafficRouting `json:"nginx,omitempty"`
	ALB   *albTrafficRouting   `json:"alb,omitempty"`
}

type nginxTrafficRouting struct {
	StableIngress string `json:"stableIngress"`
}

type albTrafficRouting struct {
	Ingress     string `json:"ingress"`
	ServicePort int    `json:"servicePort"`
}

// canaryStep sets exactly one field.
type canaryStep struct {
	SetWeight      *int             `json:"setWeight,omitempty"`
	Pause          *rolloutPause    `json:"pause,omitempty"`
	Analysis       *rolloutAnalysis `json:"analysis,omitempty"`
	SetCanaryScale *setCanaryScale  `json:"setCanaryScale,omitempty"`
}

// rolloutPause without a Duration waits for a manual promotion.
type rolloutPause struct {
	Duration string `json:"duration,omitempty"`
}

type setCanaryScale struct {
	Weight *int `json:"weight,omitempty"`
}

type rolloutAnalysis struct {
	Templates []analysisTemplateRef `json:"templates"`
	Args      []analysisRunArgument `json:"args,omitempty"`
}

type rolloutAnalysisBackground struct {
	Templates    []analysisTemplateRef `json:"templates"`
	Args         []analysisRunArgument `json:"args,omitempty"`
	StartingStep *int                  `json:"startingStep,omitempty"`
}

type analysisTemplateRef struct {
	TemplateName string `json:"templateName"`
}

type analysisRunArgument struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type blueGreenStrategy struct {
	ActiveService         string           `json:"activeService"`
	PreviewService        string           `json:"previewService"`
	AutoPromotionEnabled  *bool            `json:"autoPromotionEnabled,omitempty"`
	AutoPromotionSeconds  int              `json:"autoPromotionSeconds,omitempty"`
	PrePromotionAnalysis  *rolloutAnalysis `json:"prePromotionAnalysis,omitempty"`
	PostPromotionAnalysis *rolloutAnalysis `json:"postPromotionAnalysis,omitempty"`
	ScaleDownDelaySeconds *int             `json:"scaleDownDelaySeconds,omitempty"`
}

type rollbackWindow struct {
	Revisions int `json:"revisions"`
}
