pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
analysis "errors" { # WARNING PC0029
  metric "rate" { # ERROR PC0034
    interval = "1m"
  }
}
