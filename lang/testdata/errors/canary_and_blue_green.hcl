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
    step { weight = 100 }
  }
  blue_green { # ERROR PC0026
    auto_promote = false
  }
}
