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
    step { weight = 150 } # ERROR PC0018
  }
}
