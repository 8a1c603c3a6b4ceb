# Every broken block is reported, not just the first; good blocks still load.
pipeline "app" {
  repository = "github.com/org/app" "extra" # ERROR PC0001
}
test "unit" {
  image = = "golang:1.26" # ERROR PC0001
  run   = ["go test ./..."]
}
test "lint" {
  image = "golangci/golangci-lint:v2.1"
  run   = ["golangci-lint run"]
}
image "app" {
  repository = "ghcr.io/org/app"
  tags       = [git.sha, ] ] # ERROR PC0001
}
