pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
gitops {
  repository = "https://github.com/org/app.git"
  path       = "deploy"
}
image "app" {
  repository = "ghcr.io/org/app"
}
workload "api" {
  image = image.app
  port  = 8080
}
environment "qa" {
  namespace = "shared"
}
environment "staging" {
  namespace = "shared" # ERROR PC0026
}
