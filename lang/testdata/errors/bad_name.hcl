pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit tests!" { # ERROR PC0021
  image = "golang:1.26"
  run   = ["go test ./..."]
}
