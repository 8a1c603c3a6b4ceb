pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
enviroment "staging" { # ERROR PC0003
}
