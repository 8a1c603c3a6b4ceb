package argo

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/compiler/ir"
)

func TestStrategyFor(t *testing.T) {
	u := useContext{Environment: "prod", Namespace: "shop", Workload: "web"}
	args := []analysisRunArgument{{Name: "environment", Value: "prod"}, {Name: "namespace", Value: "shop"}, {Name: "workload", Value: "web"}}
	five := ir.Duration(5 * time.Minute)
	tests := []struct {
		name   string
		router string
		env    *ir.Environment
		want   *rolloutStrategy
	}{
		{"rolling keeps the base", "", &ir.Environment{}, nil},
		{
			"canary steps in written order; canary_scale holds the weight without an Ingress", "",
			&ir.Environment{Canary: &ir.Canary{Steps: []*ir.CanaryStep{
				{Weight: intp(10)},
				{Pause: &ir.Pause{Duration: five}},
				{Pause: &ir.Pause{Manual: true}},
				{Analysis: []string{"a", "b"}},
				{CanaryScale: intp(25)},
				{Weight: intp(100)},
			}}},
			&rolloutStrategy{Canary: &canaryStrategy{Steps: []canaryStep{
				{SetWeight: intp(10)},
				{Pause: &rolloutPause{Duration: "5m"}},
				{Pause: &rolloutPause{}},
				{Analysis: &rolloutAnalysis{Templates: []analysisTemplateRef{{TemplateName: "a"}, {TemplateName: "b"}}, Args: args}},
				{SetWeight: intp(10)},
				{SetWeight: intp(100)},
			}}},
		},
		{
			"canary_scale before any weight holds weight 0", "",
			&ir.Environment{Canary: &ir.Canary{TrafficRouting: "nginx", Steps: []*ir.CanaryStep{{CanaryScale: intp(50)}, {Weight: intp(20)}}}},
			&rolloutStrategy{Canary: &canaryStrategy{Steps: []canaryStep{{SetWeight: intp(0)}, {SetWeight: intp(20)}}}},
		},
		{
			"nginx routes through the workload's Ingress", routerNginx,
			&ir.Environment{Canary: &ir.Canary{TrafficRouting: "nginx", Steps: []*ir.CanaryStep{{CanaryScale: intp(50)}, {Weight: intp(20)}}}},
			&rolloutStrategy{Canary: &canaryStrategy{
				CanaryService: "web-canary", StableService: "web",
				TrafficRouting: &trafficRouting{Nginx: &nginxTrafficRouting{StableIngress: "web"}},
				Steps:          []canaryStep{{SetCanaryScale: &setCanaryScale{Weight: intp(50)}}, {SetWeight: intp(20)}},
			}},
		},
		{
			"alb routes through the workload's Ingress and Service port", routerALB,
			&ir.Environment{Canary: &ir.Canary{TrafficRouting: "alb", Steps: []*ir.CanaryStep{{Weight: intp(20)}}}},
			&rolloutStrategy{Canary: &canaryStrategy{
				CanaryService: "web-canary", StableService: "web",
				TrafficRouting: &trafficRouting{ALB: &albTrafficRouting{Ingress: "web", ServicePort: 8080}},
				Steps:          []canaryStep{{SetWeight: intp(20)}},
			}},
		},
		{
			"canary background analysis and surge", "",
			&ir.Environment{Canary: &ir.Canary{
				Steps:      []*ir.CanaryStep{{Weight: intp(50)}},
				Background: &ir.BackgroundAnalysis{Analyses: []string{"errors"}, StartStep: intp(1)},
				MaxSurge:   "25%", MaxUnavailable: "0",
			}},
			&rolloutStrategy{Canary: &canaryStrategy{
				Steps:          []canaryStep{{SetWeight: intp(50)}},
				Analysis:       &rolloutAnalysisBackground{Templates: []analysisTemplateRef{{TemplateName: "errors"}}, Args: args, StartingStep: intp(1)},
				MaxSurge:       ptr(intOrString("25%")),
				MaxUnavailable: ptr(intOrString("0")),
			}},
		},
		{
			"blue-green manual promotion with analyses", "",
			&ir.Environment{BlueGreen: &ir.BlueGreen{PrePromotion: []string{"smoke"}, PostPromotion: []string{"slo"}, ScaleDownDelay: ir.Duration(30 * time.Second)}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{
				ActiveService: "web", PreviewService: "web-preview", AutoPromotionEnabled: boolp(false),
				PrePromotionAnalysis:  &rolloutAnalysis{Templates: []analysisTemplateRef{{TemplateName: "smoke"}}, Args: args},
				PostPromotionAnalysis: &rolloutAnalysis{Templates: []analysisTemplateRef{{TemplateName: "slo"}}, Args: args},
				ScaleDownDelaySeconds: intp(30),
			}},
		},
		{
			"blue-green automatic promotion after a delay", "",
			&ir.Environment{BlueGreen: &ir.BlueGreen{AutoPromote: true, AutoPromoteAfter: ir.Duration(2 * time.Minute)}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{ActiveService: "web", PreviewService: "web-preview", AutoPromotionSeconds: 120}},
		},
		{
			"blue-green immediate automatic promotion", "",
			&ir.Environment{BlueGreen: &ir.BlueGreen{AutoPromote: true}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{ActiveService: "web", PreviewService: "web-preview"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := u
			u.Router, u.Port = tt.router, 8080
			got := strategyFor(tt.env, u)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("strategyFor (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnalysesUsed(t *testing.T) {
	env := &ir.Environment{Canary: &ir.Canary{
		Steps:      []*ir.CanaryStep{{Analysis: []string{"b"}}, nil, {Weight: intp(5)}, {Analysis: []string{"a", "b"}}},
		Background: &ir.BackgroundAnalysis{Analyses: []string{"c", "a"}},
	}}
	names, mustEnd := analysesUsed(env)
	if diff := cmp.Diff([]string{"b", "a", "c"}, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{"a": true, "b": true}, mustEnd); diff != "" {
		t.Errorf("mustEnd (-want +got):\n%s", diff)
	}
}

func TestUsesRollouts(t *testing.T) {
	tests := []struct {
		name string
		env  ir.Environment
		want bool
	}{
		{"rolling", ir.Environment{}, false},
		{"progress deadline alone", ir.Environment{ProgressDeadline: ir.Duration(time.Minute)}, false},
		{"canary", ir.Environment{Canary: &ir.Canary{}}, true},
		{"blue-green", ir.Environment{BlueGreen: &ir.BlueGreen{}}, true},
		{"abort on deadline", ir.Environment{ProgressDeadlineAbort: true}, true},
		{"rollback window", ir.Environment{RollbackWindow: 2}, true},
	}
	for _, tt := range tests {
		p := &ir.Program{Environments: []*ir.Environment{nil, {}, &tt.env}}
		if got := usesRollouts(p); got != tt.want {
			t.Errorf("%s: usesRollouts = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRouterOf(t *testing.T) {
	scale := &ir.CanaryStep{CanaryScale: intp(50)}
	tests := []struct {
		name string
		c    *ir.Canary
		want string
	}{
		{"no canary", nil, ""},
		{"pod-count split", &ir.Canary{Steps: []*ir.CanaryStep{nil, {Weight: intp(5)}}}, ""},
		{"chosen", &ir.Canary{TrafficRouting: "alb", Steps: []*ir.CanaryStep{scale}}, "alb"},
		{"canary_scale alone: lowering decides, the backend does not", &ir.Canary{Steps: []*ir.CanaryStep{scale}}, ""},
	}
	for _, tt := range tests {
		if got := routerOf(tt.c); got != tt.want {
			t.Errorf("%s: routerOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCloudWatchID(t *testing.T) {
	for in, want := range map[string]string{"error-rate": "error_rate", "P99": "p99", "5xx": "m_5xx", "": "m_", "a.b c": "a_b_c"} {
		if got := cloudWatchID(in); got != want {
			t.Errorf("cloudWatchID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIntOrString(t *testing.T) {
	for in, want := range map[string]any{"2": 2, "25%": "25%", "0": 0, "": ""} {
		if got := intOrString(in).YAMLValue(); got != want {
			t.Errorf("intOrString(%q) = %#v, want %#v", in, got, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
