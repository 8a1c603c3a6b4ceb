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
  host  = "api.example.com"
}
environment "staging" {
  host = "staging.example.com"
  e2e "smoke" {
    image = "curlimages/curl:8.10.1"
    run   = ["curl -fsS https://${environment.staging.host}/healthz"]
  }
}
environment "prod" {
  namespace = "p-${environment.prod.namespace}" # ERROR PC0014
}
