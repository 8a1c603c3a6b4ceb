pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
variable "region" { # ERROR PC0024
  type = string
}
test "unit" {
  image = "node:20"
  run   = ["echo ${var.region}"]
}
