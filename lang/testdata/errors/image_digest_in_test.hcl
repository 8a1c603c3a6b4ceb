pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "node:20"
  run   = ["echo ${image.app.digest}"] # ERROR PC0015
}
image "app" {
  repository = "ghcr.io/org/app"
}
