pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
pipeline "other" { # ERROR PC0011
  repository = "github.com/org/other"
}
