pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "Unit_Tests" { # ERROR PC0021
  image = "golang:1.26"
  run   = ["go test ./..."]
}
