package argo

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/apps"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	appsvalidation "k8s.io/kubernetes/pkg/apis/apps/validation"
	"k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	corevalidation "k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/apis/networking"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	networkingvalidation "k8s.io/kubernetes/pkg/apis/networking/validation"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// validateKubernetes runs the API server's own validation on a built
// object: defaults applied, converted to the internal type, validated as on
// create.
func validateKubernetes(obj any) field.ErrorList {
	switch o := obj.(type) {
	case *appsv1.Deployment:
		var in apps.Deployment
		if errs := convert(o, &in); errs != nil {
			return errs
		}
		return appsvalidation.ValidateDeployment(&in, corevalidation.PodValidationOptions{})
	case *corev1.Service:
		var in core.Service
		if errs := convert(o, &in); errs != nil {
			return errs
		}
		return corevalidation.ValidateServiceCreate(&in)
	case *corev1.ServiceAccount:
		var in core.ServiceAccount
		if errs := convert(o, &in); errs != nil {
			return errs
		}
		return corevalidation.ValidateServiceAccount(&in)
	case *networkingv1.Ingress:
		var in networking.Ingress
		if errs := convert(o, &in); errs != nil {
			return errs
		}
		return networkingvalidation.ValidateIngressCreate(&in)
	}
	return nil
}

func convert(external runtime.Object, internal any) field.ErrorList {
	legacyscheme.Scheme.Default(external.(runtime.Object))
	if err := legacyscheme.Scheme.Convert(external, internal, nil); err != nil {
		return field.ErrorList{field.InternalError(nil, err)}
	}
	return nil
}

// restricted evaluates a pod against the Pod Security Standard
// "restricted", latest version, as the admission controller would.
func restricted(meta metav1.ObjectMeta, spec corev1.PodSpec) error {
	ev, err := policy.NewEvaluator(policy.DefaultChecks())
	if err != nil {
		return err
	}
	res := ev.EvaluatePod(psaapi.LevelVersion{Level: psaapi.LevelRestricted, Version: psaapi.LatestVersion()}, &meta, &spec)
	if agg := policy.AggregateCheckResults(res); !agg.Allowed {
		return fmt.Errorf("violates PodSecurity restricted:latest: %s: %s", agg.ForbiddenReason(), agg.ForbiddenDetail())
	}
	return nil
}
