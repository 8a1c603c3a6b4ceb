pipeline "split" {
  repository = "github.com/org/split"
  on {
    push = ["main"]
  }
}
