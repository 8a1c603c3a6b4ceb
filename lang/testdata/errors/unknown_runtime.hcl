pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
image "app" {
  repository = "ghcr.io/org/app"
  tags       = [git.commit] # ERROR PC0013
}
