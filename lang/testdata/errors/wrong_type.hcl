pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..."]
  timeout = ["5m"] # ERROR PC0008
}
