pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
secret "tok" {}
image "app" {
  repository = "ghcr.io/org/app"
  tags       = [secret.tok] # ERROR PC0016
}
