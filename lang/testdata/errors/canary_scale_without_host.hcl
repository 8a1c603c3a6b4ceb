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
environment "prod" {
  canary {
    step { canary_scale = 20 } # WARNING PC0043
    step { weight = 20 }
  }
}
