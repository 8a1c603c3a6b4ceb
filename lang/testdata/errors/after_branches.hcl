pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main", "develop"]
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
}
environment "dev" {
  branches = ["develop"]
}
environment "qa" {
  after = environment.dev
}
environment "prod" {
  after    = environment.qa
  branches = ["main"] # ERROR PC0042
}
