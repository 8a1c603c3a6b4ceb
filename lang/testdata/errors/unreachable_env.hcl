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
environment "release" { # WARNING PC0039
  branches = ["release"] # WARNING PC0031
}
