pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
test "unit" {
  matrix = { node = ["18", "20"] }
  image  = "node:${matrix.nod}" # ERROR PC0013
  run    = ["npm test"]
}
