pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "a" {
  image = "golang:1.26"
  run   = ["true"]
  needs = [test.b] # ERROR PC0014
}
test "b" {
  image = "golang:1.26"
  run   = ["true"]
  needs = [test.a]
}
