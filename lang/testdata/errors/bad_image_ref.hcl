pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "Golang:Latest!" # ERROR PC0020
  run   = ["go test ./..."]
}
