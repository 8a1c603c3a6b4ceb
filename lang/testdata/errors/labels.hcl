pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test { # ERROR PC0006
  image = "golang:1.26"
  run   = ["go test ./..."]
}
test "a" "b" { # ERROR PC0007
  image = "golang:1.26"
  run   = ["go test ./..."]
}
locals "x" { # ERROR PC0007
}
