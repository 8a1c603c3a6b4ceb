pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..."]
}
image "app" {
  repository = "ghcr.io/org/app"
  needs      = [test.unti] # ERROR PC0012
}
