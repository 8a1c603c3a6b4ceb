// Package tektontest holds the hand-built Programs the Tekton backend's
// golden tests and the conformance module (conformance/tekton) run on.
package tektontest
