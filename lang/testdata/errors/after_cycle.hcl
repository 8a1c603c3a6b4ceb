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
environment "a" { # WARNING PC0039
  after = environment.c # ERROR PC0014
}
environment "b" {
  after = environment.a
}
environment "c" {
  after = environment.b
}
