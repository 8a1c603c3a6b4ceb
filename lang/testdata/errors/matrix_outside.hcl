pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "node:${matrix.node}" # ERROR PC0015
  run   = ["npm test"]
}
