pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
image "app" {
  repository = "ghcr.io/org/app"
  tags       = [upper(git.branch)] # ERROR PC0038
}
