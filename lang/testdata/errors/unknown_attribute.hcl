# An unknown attribute gets a did-you-mean.
pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..."]
  timout = "5m" # ERROR PC0002
}
