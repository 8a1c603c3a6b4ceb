pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
image "app" {
  repository = "ghcr.io/org/app:v1" # ERROR PC0020
}
