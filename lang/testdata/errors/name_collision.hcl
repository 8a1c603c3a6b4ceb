# Labels may use '_' and capitals; they become Kubernetes names in lower
# case with '-', so two labels with one such form collide.
pipeline "Shop_API" {
  repository = "github.com/org/shop"
  on {
    push = ["main"]
  }
}
test "unit_tests" {
  image = "golang:1.26"
  run   = ["go test ./..."]
}
test "unit-tests" { # ERROR PC0010
  image = "golang:1.26"
  run   = ["go vet ./..."]
}
