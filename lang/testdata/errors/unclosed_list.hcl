pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..." # ERROR PC0001
}
