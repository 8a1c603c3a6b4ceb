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
analysis "rate" {
  args = { threshold = "0.9" }
  metric "m" {
    prometheus {
      address = "http://prom:9090"
      query   = "rate{ns=\"{{args.namespce}}\"} > {{args.threshold}}" # ERROR PC0012
    }
  }
}
environment "prod" {
  canary {
    step { analysis = analysis.rate }
  }
}
