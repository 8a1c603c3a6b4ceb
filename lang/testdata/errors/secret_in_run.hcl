pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
secret "npm" {}
test "unit" {
  image = "node:20"
  run   = ["npm config set token ${secret.npm}", "npm test"] # ERROR PC0016
}
