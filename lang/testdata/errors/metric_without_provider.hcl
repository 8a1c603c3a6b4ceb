pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
analysis "errors" {
  metric "rate" { # ERROR PC0034
    interval = "1m"
  }
}
