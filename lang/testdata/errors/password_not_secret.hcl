pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
image "app" {
  repository = "ghcr.io/org/app"
  login {
    username = "bot"
    password = "hunter2" # ERROR PC0008
  }
}
