package gha

// Job IDs. Each kind has a prefix so a test and an image with the same name
// cannot collide; Emit still reports duplicates (e2e-a-b-c could be
// environment a-b's e2e c or environment a's e2e b-c).

func testID(name string) string           { return "test-" + name }
func buildID(name string) string          { return "build-" + name }
func scanID(name string) string           { return "scan-" + name }
func publishID(name string) string        { return "publish-" + name }
func deployID(env string) string          { return "deploy-" + env }
func soakID(env string) string            { return "soak-" + env }
func e2eID(env, name string) string       { return "e2e-" + env + "-" + name }
func argoApp(pipeline, env string) string { return pipeline + "-" + env }
