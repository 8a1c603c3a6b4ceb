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
environment "staging" { # WARNING PC0039
  namespace = "ns-${git.branch}" # ERROR PC0015
}
