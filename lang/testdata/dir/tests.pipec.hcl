test "unit" {
  image = "golang:1.26"
  run   = ["go test ./..."]
}
