pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  image = "node:${var.node}" # ERROR PC0012
  run   = ["npm test"]
}
