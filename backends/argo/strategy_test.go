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
		name string
		env  *ir.Environment
		want *rolloutStrategy
	}{
		{"rolling keeps the base", &ir.Environment{}, nil},
		{
			"canary steps in written order",
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
				{SetCanaryScale: &setCanaryScale{Weight: intp(25)}},
				{SetWeight: intp(100)},
			}}},
		},
		{
			"canary background analysis and surge",
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
			"blue-green manual promotion with analyses",
			&ir.Environment{BlueGreen: &ir.BlueGreen{PrePromotion: []string{"smoke"}, PostPromotion: []string{"slo"}, ScaleDownDelay: ir.Duration(30 * time.Second)}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{
				ActiveService: "web", PreviewService: "web-preview", AutoPromotionEnabled: boolp(false),
				PrePromotionAnalysis:  &rolloutAnalysis{Templates: []analysisTemplateRef{{TemplateName: "smoke"}}, Args: args},
				PostPromotionAnalysis: &rolloutAnalysis{Templates: []analysisTemplateRef{{TemplateName: "slo"}}, Args: args},
				ScaleDownDelaySeconds: intp(30),
			}},
		},
		{
			"blue-green automatic promotion after a delay",
			&ir.Environment{BlueGreen: &ir.BlueGreen{AutoPromote: true, AutoPromoteAfter: ir.Duration(2 * time.Minute)}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{ActiveService: "web", PreviewService: "web-preview", AutoPromotionSeconds: 120}},
		},
		{
			"blue-green immediate automatic promotion",
			&ir.Environment{BlueGreen: &ir.BlueGreen{AutoPromote: true}},
			&rolloutStrategy{BlueGreen: &blueGreenStrategy{ActiveService: "web", PreviewService: "web-preview"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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

func TestIntOrString(t *testing.T) {
	for in, want := range map[string]string{"2": "2", "25%": `"25%"`, "0": "0", "": `""`} {
		got, err := intOrString(in).MarshalJSON()
		if err != nil || string(got) != want {
			t.Errorf("intOrString(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
