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
environment "prod" { # WARNING PC0039
  canary {
    step {
      weight = 10
      pause  = "5m" # ERROR PC0017
    }
  }
}
