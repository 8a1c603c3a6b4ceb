pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
environment "staging" { # ERROR PC0027 # WARNING PC0039
}
