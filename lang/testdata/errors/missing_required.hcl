pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" { # ERROR PC0004
  image = "golang:1.26"
}
