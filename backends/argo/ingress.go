package argo

import (
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Traffic routers pipec configures. Each is also the IngressClass the
// Ingress must carry: the Rollouts controller acts only on Ingresses of
// class nginx (--nginx-ingress-classes) or alb (--alb-ingress-classes)
// unless it is told otherwise.
const (
	routerNginx = "nginx"
	routerALB   = "alb"
)

// albUseAnnotation is the backend port an ALB Ingress names so the AWS Load
// Balancer Controller forwards by the action annotation Argo Rollouts writes.
const albUseAnnotation = "use-annotation"

// albTargetType makes the ALB send traffic to pod IPs: pipec's Services are
// ClusterIP, and the controller's default (instance) needs NodePorts.
var albTargetType = map[string]string{"alb.ingress.kubernetes.io/target-type": "ip"}

// routerOf is the traffic router a canary uses. Lowering picks nginx when a
// step uses canary_scale; an IR built elsewhere gets the same default.
func routerOf(c *ir.Canary) string {
	if c == nil {
		return ""
	}
	// Lowering picks nginx for canary_scale steps when an Ingress exists;
	// without one the steps hold the current weight (see canaryFor).
	return c.TrafficRouting
}

// canaryServiceName names the Service traffic routing sends canary traffic to.
func canaryServiceName(workload string) string { return workload + "-canary" }

// envIngress is a workload's Ingress in one environment.
type envIngress struct {
	Host string // "" means the workload has no Ingress here
	// Base is set when the base holds the Ingress (the workload sets host);
	// otherwise only this overlay writes it (only the environment sets host).
	Base bool
}

// ingressIn tells whether w has an Ingress in env, and with which host: the
// environment's host overrides the workload's, or gives one to the single
// workload that can serve it.
func (e *emitter) ingressIn(env *ir.Environment, w *ir.Workload) envIngress {
	if w.Port <= 0 {
		return envIngress{}
	}
	target := e.hostTarget(env) == w
	switch {
	case w.Host != "" && target:
		return envIngress{Host: env.Host, Base: true}
	case w.Host != "":
		return envIngress{Host: w.Host, Base: true}
	case target:
		return envIngress{Host: env.Host}
	}
	return envIngress{}
}

// hostTarget is the workload an environment's host applies to: the one
// workload with a host, or, when none has one, the one workload with a
// port. It is nil when there is no host or no single candidate (check
// reports those).
func (e *emitter) hostTarget(env *ir.Environment) *ir.Workload {
	if env.Host == "" {
		return nil
	}
	withHost, withPort := e.hostCandidates()
	switch {
	case len(withHost) == 1 && withHost[0].Port > 0:
		return withHost[0]
	case len(withHost) == 0 && len(withPort) == 1:
		return withPort[0]
	}
	return nil
}

func (e *emitter) hostCandidates() (withHost, withPort []*ir.Workload) {
	for _, w := range e.workloads {
		if w.Host != "" {
			withHost = append(withHost, w)
		}
		if w.Port > 0 {
			withPort = append(withPort, w)
		}
	}
	return withHost, withPort
}

// routedIn reports the router that splits w's traffic in env: the canary's
// router when w has an Ingress there, "" otherwise.
func (e *emitter) routedIn(env *ir.Environment, w *ir.Workload) string {
	r := routerOf(env.Canary)
	if r == "" || e.ingressIn(env, w).Host == "" {
		return ""
	}
	return r
}

// ingressFor is w's Ingress. The base writes it with no router; an overlay
// that writes it itself passes its router, which sets the class (and, for
// ALB, the annotation-driven backend).
func ingressFor(w *ir.Workload, host, router string) ingress {
	port := serviceBackendPort{Name: portName}
	ing := ingress{
		APIVersion: "networking.k8s.io/v1",
		Kind:       "Ingress",
		Metadata:   kube.ObjectMeta{Name: w.Name, Labels: workloadLabels(w)},
	}
	if router != "" {
		ing.Spec.IngressClassName = router
	}
	if router == routerALB {
		ing.Metadata.Annotations = albTargetType
		port = serviceBackendPort{Name: albUseAnnotation}
	}
	ing.Spec.Rules = []ingressRule{{
		Host: host,
		HTTP: ingressRuleHTTP{Paths: []ingressPath{{
			Path:     "/",
			PathType: "Prefix",
			Backend:  ingressBackend{Service: ingressServiceBackend{Name: w.Name, Port: port}},
		}}},
	}}
	return ing
}

// ingressOps turns the base's Ingress of w into the one env needs.
func ingressOps(env envIngress, w *ir.Workload, router string) []jsonPatchOp {
	var ops []jsonPatchOp
	if env.Host != w.Host {
		ops = append(ops, jsonPatchOp{Op: "replace", Path: "/spec/rules/0/host", Value: env.Host})
	}
	if router != "" {
		ops = append(ops, jsonPatchOp{Op: "add", Path: "/spec/ingressClassName", Value: router})
	}
	if router == routerALB {
		ops = append(ops,
			jsonPatchOp{Op: "add", Path: "/metadata/annotations", Value: albTargetType},
			jsonPatchOp{Op: "replace", Path: "/spec/rules/0/http/paths/0/backend/service/port", Value: serviceBackendPort{Name: albUseAnnotation}})
	}
	return ops
}
