pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..."]
  servce "db" { # ERROR PC0003
    image = "postgres:16"
  }
}
